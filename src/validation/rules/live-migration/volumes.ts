import { listOf } from '../../../common/objects';
import { ALLOW_BLOCK_MIGRATION_ANNOTATION, MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject, VmView, claimBackingOf, qualifiedName } from '../../../model/object-index';
import { MigrationCheck, MigrationContext, MigrationSubject } from '../../migration-check';

/** How a volume's storage was found, and the access modes it requests. */
interface ResolvedClaim {
  readonly what: string;
  readonly accessModes?: readonly string[];
}

function modesOfDataVolumeSpec(spec: KubeObject | undefined): readonly string[] | undefined {
  return spec?.storage?.accessModes ?? spec?.pvc?.accessModes;
}

/** Finds the claim behind a `persistentVolumeClaim` or `dataVolume` volume, across the objects. */
function resolveClaim(vm: VmView, kind: 'pvc' | 'dataVolume', name: string, context: MigrationContext): ResolvedClaim | undefined {
  const { template, dataVolume, claim } = claimBackingOf(vm, context.index, name);
  // CDI creates a DataVolume's claim under the DataVolume's name, so either kind can answer.
  const candidates: Array<ResolvedClaim | undefined> = [
    template ? { what: `DataVolume template ${JSON.stringify(name)}`, accessModes: modesOfDataVolumeSpec(template.spec) } : undefined,
    dataVolume ? { what: `DataVolume ${JSON.stringify(name)}`, accessModes: modesOfDataVolumeSpec(dataVolume.spec) } : undefined,
    claim ? { what: `PersistentVolumeClaim ${JSON.stringify(name)}`, accessModes: claim.spec?.accessModes } : undefined,
  ];
  const ordered = kind === 'pvc' ? [candidates[2], candidates[1], candidates[0]] : candidates;
  const found = ordered.find((c) => c !== undefined);
  if (found) return found;
  const known = context.knownClaims?.get(qualifiedName(vm.namespace, name));
  return known ? { what: `${kind === 'pvc' ? 'PersistentVolumeClaim' : 'DataVolume'} ${JSON.stringify(name)}`, accessModes: known } : undefined;
}

/** A volume on a claim: both nodes mount it during a migration, so it must be ReadWriteMany. */
function claimVolume(subject: MigrationSubject, volume: KubeObject, path: string): void {
  const name = JSON.stringify(volume.name);
  const claimRef = volume.persistentVolumeClaim ?? volume.dataVolume;
  const kind = volume.persistentVolumeClaim ? 'pvc' : 'dataVolume';
  const claimName: string = kind === 'pvc' ? claimRef.claimName : claimRef.name;
  const noun = kind === 'pvc' ? 'PersistentVolumeClaim' : 'DataVolume';
  const resolved = resolveClaim(subject.vm, kind, claimName, subject.context);
  if (!resolved) {
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${noun} ${JSON.stringify(claimName)}, which is not declared with the VM, so its access modes are unknown: declare it alongside the VM, or state the modes of a claim that exists in the cluster (VolumeSource.${kind === 'pvc' ? 'persistentVolumeClaim' : 'dataVolume'}(name, { accessModes: [AccessMode.READ_WRITE_MANY] }))`,
      `${noun} ${JSON.stringify(claimName)} is not among the given files: it must exist in the cluster, ReadWriteMany`);
  } else if (resolved.accessModes === undefined || resolved.accessModes.length === 0) {
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${resolved.what}, which leaves its access modes to the storage class's StorageProfile (often ReadWriteOnce): request accessModes [ReadWriteMany] explicitly`);
  } else if (!resolved.accessModes.includes('ReadWriteMany')) {
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${resolved.what}, which is ${resolved.accessModes.join(', ')}; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it`);
  }
  // A hot-pluggable claim migrates like any other: KubeVirt v1.9.0 declares the reason
  // HotplugNotLiveMigratable (types.go) but never sets it; only the access modes count.
}

/** A volume on one node: a host disk that is not shared, or (without block migration) an ephemeral disk. */
function nodeLocalVolume(subject: MigrationSubject, volume: KubeObject | undefined, path: string): void {
  const name = JSON.stringify(volume?.name);
  if (volume?.hostDisk && volume.hostDisk.shared !== true) {
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} is a host disk (${JSON.stringify(volume.hostDisk.path)}) that is not shared, a file on one node: use a ReadWriteMany PVC, or set hostDisk.shared: true only if every node mounts that path from shared storage`);
    return;
  }
  if (subject.allowBlockMigration) return;
  const ephemeral = volume?.containerDisk ? 'a container disk' : volume?.emptyDisk ? 'an empty disk' : volume?.ephemeral ? 'an ephemeral overlay' : undefined;
  if (ephemeral) {
    const fix = 'keep the VM\'s state on an attached ReadWriteMany disk (a DataVolume or PVC), '
      + `or accept block migration (allowBlockMigration: true, i.e. the annotation ${ALLOW_BLOCK_MIGRATION_ANNOTATION}: "true")`;
    subject.block(MigrationBlockerReason.DISKS, path, `volume ${name} is ${ephemeral}: KubeVirt would copy its writes block by block during the migration, and they are lost when the VM restarts anyway: ${fix}`);
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
    list.forEach((volume, i) => {
      const path = `${subject.specPath}.volumes[${i}]`;
      if (volume?.persistentVolumeClaim ?? volume?.dataVolume) claimVolume(subject, volume, path);
      else nodeLocalVolume(subject, volume, path);
    });
  },
};
