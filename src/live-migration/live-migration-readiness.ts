import {
  ALLOW_BLOCK_MIGRATION_ANNOTATION, ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION, LiveMigrationReport, MigrationBlocker,
  MigrationBlockerReason, liveMigrationModeOf,
} from '../model/live-migration';
import { KubeObject, ObjectIndex, VmView, claimBackingOf, qualifiedName } from '../model/object-index';

/** Ports KubeVirt reserves on the pod network for migration traffic. */
const MIGRATION_PORTS = [49152, 49153];

/** What the analysis knows beyond the VM: the other objects, and claims declared elsewhere. */
export interface MigrationContext {
  /** The objects the VM is deployed with (claims and DataVolumes are looked up here). */
  readonly index: ObjectIndex;
  /** Access modes of claims that are not among the objects, by `namespace/name`. */
  readonly knownClaims?: ReadonlyMap<string, readonly string[]>;
}

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

/**
 * Everything that keeps a VM (or VMI) from live-migrating, judged from its manifest and the
 * objects it is deployed with. Works on any YAML: it reads fields, not constructs.
 */
export function analyzeLiveMigration(vm: VmView, context: MigrationContext): LiveMigrationReport {
  const blockers: MigrationBlocker[] = [];
  const spec = vm.spec;
  const base = vm.specPath;
  const add = (reason: MigrationBlockerReason, path: string, message: string) => blockers.push({ reason, path, message });
  const allowBlockMigration = vm.object.metadata?.annotations?.[ALLOW_BLOCK_MIGRATION_ANNOTATION] === 'true';
  const blockMigrationFix = 'keep the VM\'s state on an attached ReadWriteMany disk (a DataVolume or PVC), '
    + `or accept block migration (allowBlockMigration: true, i.e. the annotation ${ALLOW_BLOCK_MIGRATION_ANNOTATION}: "true")`;

  const volumes: KubeObject[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, i) => {
    const path = `${base}.volumes[${i}]`;
    const name = JSON.stringify(volume?.name);
    const claimRef = volume?.persistentVolumeClaim ?? volume?.dataVolume;
    if (claimRef) {
      const kind = volume.persistentVolumeClaim ? 'pvc' : 'dataVolume';
      const claimName: string = kind === 'pvc' ? claimRef.claimName : claimRef.name;
      const noun = kind === 'pvc' ? 'PersistentVolumeClaim' : 'DataVolume';
      const resolved = resolveClaim(vm, kind, claimName, context);
      if (!resolved) {
        add(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${noun} ${JSON.stringify(claimName)}, which is not declared with the VM, so its access modes are unknown: declare it alongside the VM, or state the modes of a claim that exists in the cluster (VolumeSource.${kind === 'pvc' ? 'persistentVolumeClaim' : 'dataVolume'}(name, { accessModes: [AccessMode.READ_WRITE_MANY] }))`);
      } else if (resolved.accessModes === undefined || resolved.accessModes.length === 0) {
        add(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${resolved.what}, which leaves its access modes to the storage class's StorageProfile (often ReadWriteOnce): request accessModes [ReadWriteMany] explicitly`);
      } else if (!resolved.accessModes.includes('ReadWriteMany')) {
        add(MigrationBlockerReason.DISKS, path, `volume ${name} uses ${resolved.what}, which is ${resolved.accessModes.join(', ')}; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it`);
      }
      if (claimRef.hotpluggable === true) {
        add(MigrationBlockerReason.HOTPLUG, path, `volume ${name} is hot-pluggable, and KubeVirt does not live-migrate every VM with hot-plugged volumes: attach it as a regular volume (hotpluggable: false)`);
      }
    } else if (volume?.hostDisk && volume.hostDisk.shared !== true) {
      add(MigrationBlockerReason.DISKS, path, `volume ${name} is a host disk (${JSON.stringify(volume.hostDisk.path)}) that is not shared, a file on one node: use a ReadWriteMany PVC, or set hostDisk.shared: true only if every node mounts that path from shared storage`);
    } else if (!allowBlockMigration) {
      const ephemeral = volume?.containerDisk ? 'a container disk' : volume?.emptyDisk ? 'an empty disk' : volume?.ephemeral ? 'an ephemeral overlay' : undefined;
      if (ephemeral) {
        add(MigrationBlockerReason.DISKS, path, `volume ${name} is ${ephemeral}: KubeVirt would copy its writes block by block during the migration, and they are lost when the VM restarts anyway: ${blockMigrationFix}`);
      }
    }
  });

  const domain = spec.domain ?? {};
  const devices = domain.devices ?? {};
  const disks: KubeObject[] = Array.isArray(devices.disks) ? devices.disks : [];
  disks.forEach((disk, i) => {
    if (disk?.lun?.reservation === true) {
      add(MigrationBlockerReason.PERSISTENT_RESERVATION, `${base}.domain.devices.disks[${i}].lun.reservation`,
        `disk ${JSON.stringify(disk.name)} is a LUN with SCSI persistent reservation, which the node holds: drop lun.reservation, or leave live migration off for this VM`);
    }
  });

  const networks: KubeObject[] = Array.isArray(spec.networks) ? spec.networks : [];
  const podNetworkNames = new Set(networks.filter((n) => n?.pod !== undefined).map((n) => n.name));
  const interfaces: KubeObject[] = Array.isArray(devices.interfaces) ? devices.interfaces : [];
  interfaces.forEach((iface, i) => {
    if (!podNetworkNames.has(iface?.name)) return;
    const path = `${base}.domain.devices.interfaces[${i}]`;
    if (iface.bridge !== undefined && vm.instanceAnnotations[ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION] === undefined) {
      add(MigrationBlockerReason.INTERFACE, path, `interface ${JSON.stringify(iface.name)} joins the pod network with bridge binding, which hands the pod's IP to the guest and cannot take it to another node: use masquerade binding, or annotate the VM's template with ${ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION} (the guest must then renew its DHCP lease after a migration)`);
    }
    const ports: KubeObject[] = Array.isArray(iface.ports) ? iface.ports : [];
    ports.forEach((port, j) => {
      if (MIGRATION_PORTS.includes(port?.port)) {
        add(MigrationBlockerReason.INTERFACE, `${path}.ports[${j}].port`, `interface ${JSON.stringify(iface.name)} declares port ${port.port}, which KubeVirt reserves for live migration (49152 and 49153): serve on another port`);
      }
    });
  });

  if (domain.cpu?.model === 'host-passthrough') {
    add(MigrationBlockerReason.CPU_MODE, `${base}.domain.cpu.model`, 'the CPU model is host-passthrough, which shows the guest the exact host CPU, so QEMU cannot promise it the same CPU on another node: use host-model (KubeVirt\'s default) or a named model such as "Skylake-Server"');
  }
  const hostDevices: KubeObject[] = Array.isArray(devices.hostDevices) ? devices.hostDevices : [];
  if (hostDevices.length > 0) {
    add(MigrationBlockerReason.HOST_DEVICE, `${base}.domain.devices.hostDevices`, `the VM passes through host devices (${hostDevices.map((d) => JSON.stringify(d?.name)).join(', ')}), which stay on their node: remove them, or leave live migration off for this VM`);
  }
  const gpus: KubeObject[] = Array.isArray(devices.gpus) ? devices.gpus : [];
  if (gpus.length > 1) {
    add(MigrationBlockerReason.HOST_DEVICE, `${base}.domain.devices.gpus`, `the VM has ${gpus.length} GPUs (${gpus.map((d) => JSON.stringify(d?.name)).join(', ')}), and at most one (mediated) GPU can migrate: give it one GPU, or leave live migration off for this VM`);
  }
  const filesystems: KubeObject[] = Array.isArray(devices.filesystems) ? devices.filesystems : [];
  filesystems.forEach((fs, i) => {
    if (fs?.virtiofs !== undefined) {
      add(MigrationBlockerReason.VIRTIOFS, `${base}.domain.devices.filesystems[${i}]`, `filesystem ${JSON.stringify(fs.name)} is shared through virtiofs, which KubeVirt cannot migrate: attach the data as a disk instead`);
    }
  });
  if (domain.features?.hypervPassthrough?.enabled === true) {
    add(MigrationBlockerReason.HYPERV_PASSTHROUGH, `${base}.domain.features.hypervPassthrough`, 'Hyper-V passthrough hands the guest the host\'s Hyper-V features as they are: list the features under domain.features.hyperv instead');
  }
  const launchSecurity = domain.launchSecurity;
  if (launchSecurity !== undefined && launchSecurity !== null) {
    const confidential = 'a confidential guest\'s memory is encrypted with a key of its host, so it cannot be copied to another node: leave live migration off for this VM';
    if (launchSecurity.sev !== undefined || launchSecurity.snp !== undefined) {
      add(MigrationBlockerReason.SEV, `${base}.domain.launchSecurity`, `the VM uses AMD SEV; ${confidential}`);
    } else if (launchSecurity.tdx !== undefined) {
      add(MigrationBlockerReason.TDX, `${base}.domain.launchSecurity`, `the VM uses Intel TDX; ${confidential}`);
    } else if (spec.architecture === 's390x') {
      add(MigrationBlockerReason.SECURE_EXECUTION, `${base}.domain.launchSecurity`, `the VM uses IBM Secure Execution; ${confidential}`);
    }
  }
  const pinned = pinnedNode(spec);
  if (pinned) {
    add(MigrationBlockerReason.NODE_AFFINITY, `${base}.${pinned.path}`, `${pinned.what} pins the VM to node ${JSON.stringify(pinned.node)}, so no other node can take it: select nodes by a label that several nodes share`);
  }

  return {
    kind: vm.kind,
    name: vm.name,
    namespace: vm.namespace,
    mode: liveMigrationModeOf(vm),
    allowBlockMigration,
    migratable: blockers.length === 0,
    blockers,
  };
}

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** A node selector or required node affinity that admits exactly one node by name. */
function pinnedNode(spec: KubeObject): { path: string; what: string; node: string } | undefined {
  const selected = spec.nodeSelector?.[HOSTNAME_LABEL];
  if (typeof selected === 'string') return { path: `nodeSelector[${JSON.stringify(HOSTNAME_LABEL)}]`, what: 'nodeSelector', node: selected };
  const terms: KubeObject[] = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  // Terms are ORed: the VM is pinned only if every term admits the same single node.
  const nodes = terms.map((term) => {
    const expressions = [
      ...(term?.matchExpressions ?? []).filter((e: KubeObject) => e?.key === HOSTNAME_LABEL),
      ...(term?.matchFields ?? []).filter((e: KubeObject) => e?.key === 'metadata.name'),
    ];
    const single = expressions.find((e: KubeObject) => e.operator === 'In' && Array.isArray(e.values) && e.values.length === 1);
    return single?.values[0] as string | undefined;
  });
  const first = nodes[0];
  if (first === undefined || nodes.some((n) => n !== first)) return undefined;
  return { path: 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution', what: 'required node affinity', node: first };
}

/** `DisksNotLiveMigratable at spec.template.spec.volumes[0]: ...` */
export function formatMigrationBlocker(blocker: MigrationBlocker): string {
  return `${blocker.reason} at ${blocker.path}: ${blocker.message}`;
}
