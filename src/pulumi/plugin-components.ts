// The components of the multi-language package (pulumi-plugin/): their arguments stay within
// what Pulumi's schema inference supports (flat interfaces of strings, numbers, booleans,
// lists and Inputs; no enums, no unions). ChartDeployment takes a cdk8s Chart: TypeScript only.
export { VirtualizationRuntime, VirtualizationRuntimeArgs } from './virtualization-runtime';
export { VirtualMachine, VirtualMachineArgs, VirtualMachineDataDiskArgs, VirtualMachineNetworkArgs } from './virtual-machine';
export { DataVolume, DataVolumeArgs } from './data-volume';
export { NetworkAttachmentDefinition, NetworkAttachmentDefinitionArgs } from './network-attachment-definition';
