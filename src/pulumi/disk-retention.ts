import { KubeObject, apiGroupOf } from '../model/object-index';

/** CDI's DataVolume API version, as KubeVirt writes the DataVolumes of templates. */
const DATA_VOLUME_API_VERSION = 'cdi.kubevirt.io/v1beta1';

/** Whether an object is a VirtualMachine with DataVolume templates. */
export function hasDataVolumeTemplates(object: KubeObject): boolean {
  return object.kind === 'VirtualMachine' && apiGroupOf(object.apiVersion) === 'kubevirt.io'
    && Array.isArray(object.spec?.dataVolumeTemplates) && object.spec.dataVolumeTemplates.length > 0;
}

/** Whether deleting the object deletes a disk: claims, DataVolumes, VMs owning DataVolume templates. */
export function holdsDisks(object: KubeObject): boolean {
  if (object.kind === 'PersistentVolumeClaim' && apiGroupOf(object.apiVersion) === '') return true;
  if (object.kind === 'DataVolume' && apiGroupOf(object.apiVersion) === 'cdi.kubevirt.io') return true;
  return hasDataVolumeTemplates(object);
}

/** Whether an object holds disks, or is a Namespace of `diskNamespaces` (deleting it deletes them). */
export function keepsData(object: KubeObject, diskNamespaces: ReadonlySet<string | undefined>): boolean {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') return diskNamespaces.has(object.metadata?.name);
  return holdsDisks(object);
}

/**
 * The DataVolumes of a VM's templates as objects of their own, so Pulumi creates them (before
 * the VM) and can keep them when it deletes the VM.
 *
 * Why not `pulumi.com/deletionPropagationPolicy: orphan` on the VM: the API server then puts
 * the `orphan` finalizer on the VM, and KubeVirt's VM controller, seeing it, removes its own
 * finalizer without stopping the VMI (kubevirt pkg/virt-controller/watch/vm/vm.go, `sync`,
 * `vm.DeletionTimestamp != nil` branch, v1.6.2): the guest would keep running with no VM.
 * A DataVolume that exists before the VM is used as it is and not adopted: KubeVirt only
 * creates a template's DataVolume when none of that name exists (`handleDataVolumes`) and
 * watches DataVolumes "not owned by the VM but referenced in the spec"
 * (`queueVMsForDataVolume`, same file). With no owner reference to the VM, the garbage
 * collector leaves these disks alone when the VM goes, and the VM's foreground deletion still
 * stops and removes the VMI.
 */
export function templateDataVolumes(vm: KubeObject): KubeObject[] {
  const namespace = vm.metadata?.namespace;
  return (vm.spec?.dataVolumeTemplates ?? []).map((template: KubeObject) => {
    const { name, labels, annotations } = template.metadata ?? {};
    return {
      apiVersion: DATA_VOLUME_API_VERSION,
      kind: 'DataVolume',
      metadata: {
        name,
        ...(namespace !== undefined ? { namespace } : {}),
        ...(labels !== undefined ? { labels } : {}),
        ...(annotations !== undefined ? { annotations } : {}),
      },
      spec: template.spec,
    };
  });
}
