// Declarative hotplug of disks (KubeVirt v1.9.0): a claim-backed volume marked hotpluggable is
// attached to, or detached from, the running VM when it appears in or leaves the VM's spec
// (pkg/storage/hotplug/hotplug.go, HandleDeclarativeVolumes), with no restart. The
// DeclarativeHotplugVolumes feature gate that does it is beta, so on by default, in v1.9.0
// (pkg/virt-config/featuregate/active.go); HyperConverged v1.18 turns on the older HotplugVolumes
// gate instead unless `spec.featureGates.declarativeHotplugVolumes` is true, and with that gate on
// KubeVirt skips declarative hotplug (pkg/virt-controller/watch/vm/vm.go).
import { show } from '../common/errors';
import { DiskBus, DiskOptions, DiskType } from '../storage/disk';
import { RenderedVolume, VolumeSource, VolumeSourceKind } from '../storage/volume-source';

/** The sources KubeVirt can hotplug: claims (pkg/storage/types/volume.go, IsDeclarativeHotplugVolume). */
const HOTPLUG_KINDS: readonly VolumeSourceKind[] = [
  VolumeSourceKind.PERSISTENT_VOLUME_CLAIM,
  VolumeSourceKind.DATA_VOLUME,
  VolumeSourceKind.DATA_VOLUME_TEMPLATE,
];

/** Whether the source itself asks for a hotplug volume (`VolumeSource.persistentVolumeClaim(..., { hotpluggable: true })`). */
export function sourceIsHotpluggable(name: string, source: VolumeSource, namespace: string | undefined): boolean {
  if (source.kind !== VolumeSourceKind.PERSISTENT_VOLUME_CLAIM && source.kind !== VolumeSourceKind.DATA_VOLUME) return false;
  // Claims render without the VM's name, so the volume can be looked at before the VM is named.
  const { volume } = source._bind(name, '', namespace);
  return volume.persistentVolumeClaim?.hotpluggable === true || volume.dataVolume?.hotpluggable === true;
}

/**
 * Why a disk cannot be hotplugged (or have its own IO thread), or undefined: what KubeVirt's
 * hotplug admission asks of a disk it attaches to a running VM (v1.9.0
 * pkg/storage/admitters/storagehotplug.go, ValidateHotplugDiskConfiguration) and what its disk
 * admission asks of a dedicated IO thread (pkg/storage/admitters/disks.go).
 */
export function hotplugDiskProblem(options: DiskOptions, type: DiskType, bus: DiskBus, source: VolumeSource, hotplug: boolean): string | undefined {
  for (const field of ['hotpluggable', 'dedicatedIoThread'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'boolean') return `${field} ${show(options[field])} must be true or false, or left out`;
  }
  if (options.dedicatedIoThread && bus !== DiskBus.VIRTIO) {
    return `dedicatedIoThread needs the virtio bus, and the disk uses ${show(bus)}: use DiskBus.VIRTIO, or drop dedicatedIoThread`;
  }
  if (!hotplug) return undefined;
  if (!HOTPLUG_KINDS.includes(source.kind)) {
    return `the ${source.kind} source cannot be hotplugged (KubeVirt hotplugs PersistentVolumeClaims and DataVolumes only): back the disk with a claim, or drop hotpluggable`;
  }
  if (type === DiskType.DISK && bus !== DiskBus.VIRTIO && bus !== DiskBus.SCSI) {
    return `a hotplugged disk needs the virtio or scsi bus, and it uses ${show(bus)} (KubeVirt refuses the hotplug): use DiskBus.SCSI or DiskBus.VIRTIO`;
  }
  if (type === DiskType.LUN && bus !== DiskBus.SCSI) {
    return `a hotplugged LUN needs the scsi bus, and it uses ${show(bus)} (KubeVirt refuses the hotplug): use DiskBus.SCSI`;
  }
  return undefined;
}

/** The volume with `hotpluggable: true` on its claim or DataVolume. */
export function asHotplugVolume(rendered: RenderedVolume): RenderedVolume {
  const { volume } = rendered;
  return {
    ...rendered,
    volume: {
      ...volume,
      persistentVolumeClaim: volume.persistentVolumeClaim && { ...volume.persistentVolumeClaim, hotpluggable: true },
      dataVolume: volume.dataVolume && { ...volume.dataVolume, hotpluggable: true },
    },
  };
}
