import { listOf } from '../../../common/objects';
import { ALLOW_BLOCK_MIGRATION_ANNOTATION, MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject, VmView, qualifiedName } from '../../../model/object-index';
import { MigrationCheck, MigrationContext, MigrationSubject } from '../../migration-check';

/** What backs a volume's claim: its kind as messages name it, its name, and the access modes it requests. */
interface ResolvedClaim {
  readonly noun: 'DataVolume template' | 'DataVolume' | 'PersistentVolumeClaim';
  readonly accessModes?: readonly string[];
}

function modesOfDataVolumeSpec(spec: KubeObject | undefined): readonly string[] | undefined {
  return spec?.storage?.accessModes ?? spec?.pvc?.accessModes;
}

const fromTemplate = (vm: VmView, name: string): ResolvedClaim | undefined => {
  if (vm.kind !== 'VirtualMachine' || !Array.isArray(vm.object.spec?.dataVolumeTemplates)) return undefined;
  const templates: KubeObject[] = vm.object.spec.dataVolumeTemplates;
  // A loop, not find(): no closure per volume of every VM (holes read as undefined, as find reads them).
  for (let i = 0; i < templates.length; i++) {
    const template = templates[i];
    if (template?.metadata?.name === name) return { noun: 'DataVolume template', accessModes: modesOfDataVolumeSpec(template.spec) };
  }
  return undefined;
};

const fromDataVolume = (vm: VmView, name: string, context: MigrationContext): ResolvedClaim | undefined => {
  const dataVolume = context.index.find('cdi.kubevirt.io', 'DataVolume', vm.namespace, name);
  return dataVolume ? { noun: 'DataVolume', accessModes: modesOfDataVolumeSpec(dataVolume.spec) } : undefined;
};

const fromClaim = (vm: VmView, name: string, context: MigrationContext): ResolvedClaim | undefined => {
  const claim = context.index.find('', 'PersistentVolumeClaim', vm.namespace, name);
  return claim ? { noun: 'PersistentVolumeClaim', accessModes: claim.spec?.accessModes } : undefined;
};

/**
 * Finds the claim behind a `persistentVolumeClaim` or `dataVolume` volume, across the objects:
 * the VM's DataVolume template, a DataVolume, a PersistentVolumeClaim of that name (what
 * `claimBackingOf` finds), looked up one by one in the volume kind's order until one is found.
 */
function resolveClaim(vm: VmView, kind: 'pvc' | 'dataVolume', name: string, context: MigrationContext): ResolvedClaim | undefined {
  // CDI creates a DataVolume's claim under the DataVolume's name, so either kind can answer.
  const found = kind === 'pvc'
    ? fromClaim(vm, name, context) ?? fromDataVolume(vm, name, context) ?? fromTemplate(vm, name)
    : fromTemplate(vm, name) ?? fromDataVolume(vm, name, context) ?? fromClaim(vm, name, context);
  if (found) return found;
  const known = context.knownClaims?.get(qualifiedName(vm.namespace, name));
  return known ? { noun: kind === 'pvc' ? 'PersistentVolumeClaim' : 'DataVolume', accessModes: known } : undefined;
}

/** A volume on a claim: both nodes mount it during a migration, so it must be ReadWriteMany. */
function claimVolume(subject: MigrationSubject, volume: KubeObject, position: number): void {
  const kind = volume.persistentVolumeClaim ? 'pvc' : 'dataVolume';
  const claimName: string = kind === 'pvc' ? volume.persistentVolumeClaim.claimName : volume.dataVolume.name;
  const resolved = resolveClaim(subject.vm, kind, claimName, subject.context);
  const modes = resolved?.accessModes;
  // The usual case, a ReadWriteMany claim, builds no message.
  if (resolved && modes !== undefined && modes.length > 0 && modes.includes('ReadWriteMany')) return;
  const path = volumePath(subject, position);
  const name = JSON.stringify(volume.name);
  if (!resolved) {
    const noun = kind === 'pvc' ? 'PersistentVolumeClaim' : 'DataVolume';
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${noun} ${JSON.stringify(claimName)}, which is not declared with the VM, so its access modes are unknown: declare it alongside the VM, or state the modes of a claim that exists in the cluster (VolumeSource.${kind === 'pvc' ? 'persistentVolumeClaim' : 'dataVolume'}(name, { accessModes: [AccessMode.READ_WRITE_MANY] }))`,
      `${noun} ${JSON.stringify(claimName)} is not among the given files: it must exist in the cluster, ReadWriteMany`);
    return;
  }
  const what = `${resolved.noun} ${JSON.stringify(claimName)}`;
  if (modes === undefined || modes.length === 0) {
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${what}, which leaves its access modes to the storage class's StorageProfile (often ReadWriteOnce): request accessModes [ReadWriteMany] explicitly`);
  } else {
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${what}, which is ${modes.join(', ')}; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it`);
  }
  // A hot-pluggable claim migrates like any other: KubeVirt v1.9.0 declares the reason
  // HotplugNotLiveMigratable (types.go) but never sets it; only the access modes count.
}

/** The field path of the volume at `position` (built only for a blocker). */
const volumePath = (subject: MigrationSubject, position: number): string => `${subject.specPath}.volumes[${position}]`;

/** A volume on one node: a host disk that is not shared, or (without block migration) an ephemeral disk. */
function nodeLocalVolume(subject: MigrationSubject, volume: KubeObject | undefined, position: number): void {
  // The usual case (a cloud-init or config volume): nothing on one node, nothing to build.
  if (!volume?.hostDisk && (subject.allowBlockMigration || !(volume?.containerDisk || volume?.emptyDisk || volume?.ephemeral))) return;
  const name = (): string => JSON.stringify(volume?.name);
  if (volume?.hostDisk && volume.hostDisk.shared !== true) {
    subject.block(MigrationBlockerReason.DISKS, volumePath(subject, position), `volume ${name()} is a host disk (${JSON.stringify(volume.hostDisk.path)}) that is not shared, a file on one node: use a ReadWriteMany PVC, or set hostDisk.shared: true only if every node mounts that path from shared storage`);
    return;
  }
  if (subject.allowBlockMigration) return;
  const ephemeral = volume?.containerDisk ? 'a container disk' : volume?.emptyDisk ? 'an empty disk' : volume?.ephemeral ? 'an ephemeral overlay' : undefined;
  if (ephemeral) {
    const fix = 'keep the VM\'s state on an attached ReadWriteMany disk (a DataVolume or PVC), '
      + `or accept block migration (allowBlockMigration: true, i.e. the annotation ${ALLOW_BLOCK_MIGRATION_ANNOTATION}: "true")`;
    subject.block(MigrationBlockerReason.DISKS, volumePath(subject, position), `volume ${name()} is ${ephemeral}: KubeVirt would copy its writes block by block during the migration, and they are lost when the VM restarts anyway: ${fix}`);
  }
}

/** Storage both nodes can reach: claims ReadWriteMany, nothing on one node. */
export const volumes: MigrationCheck = {
  id: 'volumes',
  order: 100,
  reasons: [
    { reason: MigrationBlockerReason.DISKS, when: 'a PVC, DataVolume or DataVolume template without ReadWriteMany (or with access modes left to the StorageProfile), a claim whose modes are unknown, a host disk that is not shared; in `REQUIRED` mode also container disks and empty disks (below)' },
  ],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    const list: KubeObject[] = listOf(subject.spec.volumes);
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) continue; // holes are skipped, as forEach skips them
      const volume = list[i];
      if (volume?.persistentVolumeClaim ?? volume?.dataVolume) claimVolume(subject, volume, i);
      else nodeLocalVolume(subject, volume, i);
    }
  },
};
