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
 * the VM) and can keep them when it deletes the VM; `vmWithoutTemplates` is the VM that uses
 * them.
 *
 * Why not `pulumi.com/deletionPropagationPolicy: orphan` on the VM: the API server then puts
 * the `orphan` finalizer on the VM, and KubeVirt's VM controller, seeing it, removes its own
 * finalizer without stopping the VMI (kubevirt pkg/virt-controller/watch/vm/vm.go, `sync`,
 * `vm.DeletionTimestamp != nil` branch, v1.6.2): the guest would keep running with no VM.
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

/**
 * The VM without its DataVolume templates: its volumes keep naming the same DataVolumes
 * (`dataVolume: { name }`), now standalone. Keeping the templates would not do: KubeVirt adopts
 * an unowned DataVolume named like a template (`ClaimMatchedDataVolumes` on
 * `ListDataVolumesFromTemplates`, kubevirt pkg/virt-controller/watch/vm/vm.go, v1.6.2; the
 * adoption in pkg/controller/controller_ref_manager.go `ClaimObject`), and the garbage
 * collector would then delete it with the VM. A DataVolume only named by a volume is never
 * adopted, so it outlives the VM, whose foreground deletion still stops and removes the VMI.
 */
export function vmWithoutTemplates(vm: KubeObject): KubeObject {
  const { dataVolumeTemplates: _, ...spec } = vm.spec;
  return { ...vm, spec };
}
