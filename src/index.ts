// The public API, one section per feature folder. Internal modules (the object model in
// model/, synthesis internals, helpers in common/) are imported by path, never from here.

// compute/: the VirtualMachine construct and its parts
export * from './compute/virtual-machine';
export * from './compute/run-strategy';
export * from './compute/cpu-model';
export * from './compute/firmware';
export { FirmwareIdentity } from './compute/firmware-identity';
export * from './compute/instancetype';
export * from './compute/virtual-machine-instancetype';
export * from './compute/virtual-machine-preference';
export * from './compute/toleration';
export * from './compute/cloud-init';
export * from './compute/ssh-keys';
export * from './compute/devices';
export * from './compute/performance';
export * from './compute/guest-features';
export { SysprepOptions } from './compute/vm-sysprep';

// pool/: VirtualMachinePool, its strategies and autoscaler
export * from './pool/virtual-machine-pool';

// windows/: Windows Server presets
export * from './windows/windows-server';
export * from './windows/windows-server-virtual-machine';

// storage/: disks, volume sources, DataVolumes and claims
export * from './storage/disk';
export * from './storage/volume-source';
export * from './storage/data-volume-source';
export { AccessMode, VolumeMode, DataVolumeContentType, DataVolumeStorageOptions } from './storage/storage-options';
export * from './storage/data-volume';
export * from './storage/data-source';
export { DataImportCron, DataImportCronProps, DataImportCronGarbageCollect, DataImportCronRetentionPolicy } from './storage/data-import-cron';
export * from './storage/persistent-volume-claim';

// network/: the pod network, Multus networks, static IPs
export * from './network/pod-network';
export { PodNetworkSettings } from './network/vm-interfaces';
export * from './network/cni';
export * from './network/static-ip';
export * from './network/static-ip-pool';
export * from './network/shared-ip-pool';
export { INetworkAttachment } from './network/network-attachment';
export * from './network/network-attachment-definition';
export * from './network/openshift-additional-networks';
export * from './network/secondary-network';
export * from './network/workload-networks';
export { AddressRegistry, AddressClaim } from './network/address-registry';

// runtime/: OpenShift Virtualization, KubeVirt and CDI, HyperConverged
export { NodePlacement } from './runtime/node-placement';
export { LiveMigrationSettings, MigrationTuning } from './runtime/live-migration-settings';
export * from './runtime/hyperconverged';
export * from './runtime/openshift-virtualization';
export { EvictionStrategy, WorkloadUpdateMethod, WorkloadUpdateStrategy } from './runtime/workload-update';
export { OperatorManifests, ManifestObject } from './runtime/operator-manifests';
export { KubeVirt, KubeVirtProps } from './runtime/kubevirt';
export * from './runtime/cdi';

// live-migration/: will it live-migrate, migrating now, migration policies
export {
  ALLOW_BLOCK_MIGRATION_ANNOTATION, ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION, LiveMigrationMode, LiveMigrationReport, MigrationBlocker,
  MigrationBlockerReason,
} from './model/live-migration';
export { formatMigrationBlocker } from './validation/live-migration-readiness';
export * from './live-migration/live-migration';
export * from './live-migration/migration-policy';

// backup/: snapshots, restores, clones, exports
export { JsonPatch } from './backup/inputs';
export * from './backup/virtual-machine-snapshot';
export * from './backup/virtual-machine-restore';
export * from './backup/virtual-machine-clone';
export * from './backup/virtual-machine-export';

// vmware/: disk conversion and import, Forklift (Migration Toolkit for Virtualization)
export * from './vmware/qemu-img';
export * from './vmware/vmware-disk-import';
export { IForkliftProvider } from './vmware/forklift/forklift-provider';
export * from './vmware/forklift/vsphere-provider';
export * from './vmware/forklift/host-provider';
export * from './vmware/forklift/network-map';
export * from './vmware/forklift/storage-map';
export * from './vmware/forklift/migration-plan';

// synth/: VirtualizationApp (one render and one validation per synth)
export * from './synth/virtualization-app';

// gitops/: sync waves, prune protection, the GitOps folder layout, Argo CD and Flux bootstrap, health checks
export * from './core/workload-namespace';
export * from './gitops/deployment-phase';
export * from './gitops/sync-waves';
export * from './gitops/gitops-app';
export { GitOpsBootstrapOptions } from './gitops/gitops-bootstrap';
export { ARGO_SYNC_OPTIONS, FLUX_PRUNE, addArgoSyncOptions, protectFromPrune } from './gitops/prune-protection';
export { protectNamespacesHoldingData } from './core/namespace-protection';
export * from './gitops/argo-cd/application';
export * from './gitops/argo-cd/app-project';
export * from './gitops/argo-cd/application-set';
export { ArgoCdBootstrapOptions } from './gitops/argo-cd/app-of-apps';
export { KUBEVIRT_OWNED_FIELDS, KubeVirtOwnedField, OwnedFieldHandling } from './gitops/argo-cd/kubevirt-owned-fields';
export * from './gitops/flux/flux-kustomization';
export { FluxBootstrapOptions } from './gitops/flux/flux-bootstrap';
export { ARGO_CD_HEALTH_CHECKS, HealthCheck, argoCdHealthCustomizations } from './gitops/health/health-checks';
export { FLUX_HEALTH_CHECK_EXPRS } from './gitops/health/flux-health-checks';
export { DEFAULT_MAX_RESOURCES_PER_APPLICATION } from './gitops/application-parts';
export { OBJECTS_FILE, ObjectFiles } from './gitops/repository-layout';

// fleet/: one program, many clusters
export * from './fleet/fleet';
export * from './fleet/fleet-cluster';
export { FleetArgoCdOptions, FleetClusterGenerator, FleetFluxOptions } from './fleet/fleet-bootstrap';

// validation/: schemas and cross-object rules, on synth and on any YAML
export * from './validation/validate-manifests';
export * from './validation/validate-objects';
export * from './validation/app-validation';
export { KubeObject } from './model/object-index';
