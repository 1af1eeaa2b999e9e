// The components other Pulumi languages can use. Their arguments stay within what Pulumi's
// schema inference supports: flat interfaces of strings, numbers, booleans, lists and Inputs
// (no enums, no unions). ChartDeployment takes a cdk8s Chart and is for TypeScript programs.
export { VirtualizationRuntime, VirtualizationRuntimeArgs } from '../src/pulumi/virtualization-runtime';
export { VirtualMachine, VirtualMachineArgs, VirtualMachineDataDiskArgs, VirtualMachineNetworkArgs } from '../src/pulumi/virtual-machine';
