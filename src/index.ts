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
export { AccessMode, VolumeMode, DataVolumeContentType, DataVolumeStorageOptions } from './storage/storage-options';
export * from './storage/data-volume';
export * from './storage/persistent-volume-claim';
// Network
export * from './network/pod-network';
export * from './network/cni';
export * from './network/static-ip';
export * from './network/static-ip-pool';
export { INetworkAttachment } from './network/network-attachment';
export * from './network/network-attachment-definition';
export * from './network/openshift-additional-networks';
export * from './network/secondary-network';
export * from './network/workload-networks';
export { AddressRegistry, AddressClaim } from './network/address-registry';
// Cluster
export { NodePlacement } from './cluster/node-placement';
export { LiveMigrationSettings, MigrationTuning } from './cluster/live-migration-settings';
export * from './cluster/hyperconverged';
export * from './cluster/openshift-virtualization';
export { EvictionStrategy, WorkloadUpdateMethod, WorkloadUpdateStrategy } from './cluster/workload-update';
export { OperatorManifests, ManifestObject } from './cluster/operator-manifests';
export { KubeVirt, KubeVirtProps } from './cluster/kubevirt';
export * from './cluster/cdi';
// Migration
export * from './migration/migration-policy';
// Synthesis
export * from './synth/virtualization-app';
export { SynthesizedApp, SynthesizedChart, SynthesizedObject, allObjects, synthesizeApp } from './synth/app-synthesis';
export { stringifyYamlDocument, stringifyYamlDocuments, writeYamlDocuments } from './synth/yaml-writer';
// GitOps
export * from './gitops/deployment-phase';
export * from './gitops/sync-waves';
export * from './gitops/gitops-app';
export { ARGO_SYNC_OPTIONS, FLUX_PRUNE, addArgoSyncOptions, protectFromPrune } from './common/gitops';
// Validation
export * from './validation/validate-manifests';
export { SchemaStore, SchemaSource } from './validation/schema-store';
export * from './migration/live-migration-readiness';
export * from './migration/live-migration';
export * from './validation/validate-objects';
export * from './validation/app-validation';
export { KubeObject, VmView, vmView, ObjectIndex, qualifiedName } from './validation/object-index';
export { clearTextPasswords } from './validation/cloud-init-secrets';
export * from './migration/qemu-img';
export * from './migration/vmware-disk-import';
export { IForkliftProvider } from './migration/forklift/forklift-provider';
export * from './migration/forklift/vsphere-provider';
export * from './migration/forklift/host-provider';
export * from './migration/forklift/network-map';
export * from './migration/forklift/storage-map';
export * from './migration/forklift/migration-plan';
