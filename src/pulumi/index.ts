// `kubevirt-constructs/pulumi`: deploy charts and the virtualization runtime with `pulumi up`.
// Kept apart from the main entry point, so cdk8s-only users never load @pulumi/pulumi.
export * from './chart-deployment';
export * from './virtualization-runtime';
export * from './virtual-machine';
