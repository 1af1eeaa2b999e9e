// Compute
export * from './compute/virtual-machine';
export * from './compute/run-strategy';
export * from './compute/cpu-model';
export * from './compute/firmware';
export * from './compute/instancetype';
export * from './compute/toleration';
export * from './compute/cloud-init';
export * from './compute/ssh-keys';
// Storage
export * from './storage/disk';
export * from './storage/volume-source';
export * from './storage/data-volume-source';
// Network
export * from './network/pod-network';
// Validation
export * from './validation/validate-manifests';
export { SchemaStore, SchemaSource } from './validation/schema-store';
