// The components other Pulumi languages can use, as Pulumi's schema inference reads them
// (the plugin itself runs index.js). `#components` is the TypeScript source in a clone, the
// compiled declarations (lib/) in the npm package: see the paths of tsconfig.json.
export {
  VirtualizationRuntime, VirtualizationRuntimeArgs,
  VirtualMachine, VirtualMachineArgs, VirtualMachineDataDiskArgs, VirtualMachineNetworkArgs,
  DataVolume, DataVolumeArgs,
  NetworkAttachmentDefinition, NetworkAttachmentDefinitionArgs,
// eslint-disable-next-line import/no-unresolved -- resolved by the paths of this folder's tsconfig.json
} from '#components';
