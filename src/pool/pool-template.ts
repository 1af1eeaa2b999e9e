import { IConstruct } from 'constructs';
import { PoolNameGeneration } from './virtual-machine-pool-props';
import { constructError, show } from '../common/errors';
import { VirtualMachineDisk } from '../compute/virtual-machine-props';
import { IpamType } from '../network/cni';
import { INetworkAttachment } from '../network/network-attachment';
import { AttachNetworkOptions } from '../network/secondary-network';
import { StaticIp } from '../network/static-ip';
import { DiskOptions } from '../storage/disk';
import { VolumeSource, VolumeSourceKind } from '../storage/volume-source';

// What a pool's VM template cannot hold that a single VM can: one template makes every VM of
// the pool, and KubeVirt's pool controller (kubevirt/kubevirt v1.9.0
// pkg/virt-controller/watch/pool/pool.go, indexVMSpec) changes only the names of DataVolume
// templates, and, when asked, of Secret and ConfigMap references, to `<name>-<index>` per VM.

/** A pool's template must not pin the firmware identity: it would be every VM's. */
export function refuseFirmwareIdentity(pool: IConstruct, identity: unknown): void {
  if (identity === undefined) return;
  throw constructError(pool, `firmwareIdentity ${show(identity)} would give every VM of the pool the same SMBIOS UUID and serial, which guests and licensing tools take for one machine: leave it out (KubeVirt derives each VM's firmware UUID from the VM's own name, <pool>-<index>)`);
}

/** Instance labels must not give a selector label another value: the pool would not select its own VMs' pods. */
export function checkInstanceLabels(
  pool: IConstruct, instanceLabels: Record<string, string> | undefined, selectorLabels: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(selectorLabels)) {
    const given = instanceLabels?.[key];
    if (given === undefined || given === value) continue;
    throw constructError(pool, `instanceMetadata.labels[${show(key)}] ${show(given)} differs from the pool's selector label ${key}=${value}, which the VMs' pods must carry for Services and the autoscaler to select them: drop that label, or give it in selectorLabels`);
  }
}

/** Disks backed by an existing claim would be attached by every VM of the pool. */
export function checkPoolDisk(pool: IConstruct, name: string, source: VolumeSource, options: DiskOptions | undefined): void {
  if (!(source instanceof VolumeSource)) return; // the disks facet reports it
  const shared = source.kind === VolumeSourceKind.PERSISTENT_VOLUME_CLAIM || source.kind === VolumeSourceKind.DATA_VOLUME;
  if (!shared || options?.readOnly === true) return;
  throw constructError(pool, `disk ${show(name)}: every VM of the pool would write to the same ${source.kind === VolumeSourceKind.DATA_VOLUME ? 'DataVolume' : 'claim'} ${show(source.claimName)} (the pool gives a VM its own copy only of DataVolume templates, named <name>-<index>): use VolumeSource.dataVolumeTemplate({ ... }) for a disk per VM, or mark the disk readOnly: true to share it (on ReadOnlyMany or ReadWriteMany storage)`);
}

/** Checks the disks given in props. */
export function checkPoolDisks(pool: IConstruct, disks: VirtualMachineDisk[] | undefined): void {
  if (!Array.isArray(disks)) return; // the disks facet reports it
  for (const disk of disks) {
    if (typeof disk === 'object' && disk !== null) checkPoolDisk(pool, disk.name, disk.source, disk);
  }
}

/**
 * Fixed addresses and MACs would be every VM's. Per-VM addresses are refused rather than built
 * on `nameGeneration.appendIndexToSecretRefs`: the controller picks indexes at run time (the
 * lowest free one), for as many VMs as the pool or its autoscaler asks, so a network-data Secret
 * would have to exist ahead for every index, and the MAC the data matches on is one for all.
 */
export function checkPoolAttachment(pool: IConstruct, network: INetworkAttachment, options: AttachNetworkOptions | undefined): void {
  const fail = (problem: string): never => {
    throw constructError(pool, `attachNetwork: ${problem}`);
  };
  if (typeof options === 'object' && options !== null) {
    if (options.ip !== undefined) {
      const ip = options.ip instanceof StaticIp ? options.ip.cidr : options.ip;
      fail(`ip ${show(ip)} would be every VM's, as a pool has one VM template and gives no VM an address of its own: leave ip out and let the network assign addresses (Ipam.whereabouts(...) or Ipam.dhcp()), or declare one VirtualMachine per fixed address`);
    }
    if (options.macAddress !== undefined) {
      fail(`macAddress ${show(options.macAddress)} would be every VM's, and VMs sharing a MAC on one network clash: leave it out (each VM then gets its own, from the CNI or KubeMacPool)`);
    }
  }
  const ipam = typeof network === 'object' && network !== null ? network.ipam : undefined;
  if (ipam?.type === IpamType.STATIC && ipam.addresses.length > 0) {
    const addresses = ipam.addresses.map((a) => (a instanceof StaticIp ? a.cidr : a)).join(', ');
    fail(`network ${show(network.name)} gives every pod that attaches the static address ${addresses}, so every VM of the pool would have it: use a network with Ipam.whereabouts(...) or Ipam.dhcp() for a pool`);
  }
}

/** Secret references in the rendered template that `appendIndexToSecretRefs` would rename. */
function cloudInitSecretRefs(volumes: readonly Record<string, any>[] | undefined): string[] {
  const refs: string[] = [];
  for (const volume of volumes ?? []) {
    const source = volume.cloudInitNoCloud ?? volume.cloudInitConfigDrive;
    for (const ref of [source?.secretRef?.name, source?.networkDataSecretRef?.name]) if (typeof ref === 'string') refs.push(ref);
  }
  return refs;
}

/**
 * Synth-time check: with `appendIndexToSecretRefs`, VM `i` reads `<secret>-<i>`; the cloud-init
 * Secret this library generates is one, named `<pool>-cloud-init`, so no VM would find its own.
 */
export function secretIndexingProblems(
  nameGeneration: PoolNameGeneration | undefined, volumes: readonly Record<string, any>[] | undefined, generatedSecret: string | undefined,
): string[] {
  if (nameGeneration?.appendIndexToSecretRefs !== true || generatedSecret === undefined) return [];
  if (!cloudInitSecretRefs(volumes).includes(generatedSecret)) return [];
  return [`nameGeneration.appendIndexToSecretRefs makes VM <pool>-<i> read cloud-init from Secret "${generatedSecret}-<i>", but the Secret generated from cloudInit userData/networkData is the one ${show(generatedSecret)} for all VMs: create a Secret per index yourself and name its base in cloudInit.userDataSecret / networkDataSecret, or drop appendIndexToSecretRefs`];
}
