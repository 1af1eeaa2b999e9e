// `kubevirt-constructs/pulumi`: deploy charts and the virtualization runtime with `pulumi up`.
// Kept apart from the main entry point, so cdk8s-only users never load @pulumi/pulumi.
export * from './chart-deployment';
export * from './virtualization-runtime';
export * from './virtual-machine';
export * from './data-volume';
export * from './network-attachment-definition';
export { ReadinessArgs, VM_READY, DISK_POPULATED, DISK_POPULATED_OR_WAITING_FOR_CONSUMER } from './readiness';
export { NamespaceArgs } from './namespaces';
export { VmService, VmServicePort } from './vm-endpoints';
