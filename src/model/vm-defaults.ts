/**
 * A VM's instance spec as KubeVirt holds it after its create-time defaulting, so rules judge
 * what the cluster validates and stores rather than the manifest alone. KubeVirt v1.9.0 applies
 * these on create: the VM admitter to a copy of the template before validating it
 * (pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go calls
 * defaults.SetDefaultVirtualMachineInstanceSpec), the VMI mutator to every VMI, also the ones a
 * VM makes (pkg/virt-api/webhooks/mutating-webhook/mutators/vmi-mutator.go,
 * defaults.SetDefaultVirtualMachineInstance). Defaults that come from the cluster's configuration
 * (machine type, CPU model, eviction strategy, resource requests) are left out: a manifest
 * cannot show them. The manifest itself is never changed.
 */
import { KubeObject, VmView } from './object-index';
import { listOf } from '../common/objects';

/** Why an element of the defaulted spec is there although the manifest does not declare it. */
export interface DefaultedElement {
  /** Field path in the VM object that made KubeVirt add it (e.g. the volume a default disk serves). */
  readonly path: string;
  /** How messages name it: `the disk KubeVirt adds for volume "data"`. */
  readonly description: string;
  /**
   * Set when the value rests on the cluster's configuration, which the manifest does not show:
   * the default interface's binding (KubeVirt's own default is bridge; the KubeVirt CR's
   * `network.defaultNetworkInterface` changes it, and the HyperConverged operator sets masquerade).
   */
  readonly clusterDefault?: string;
}

/** The instance spec after defaulting, and which of its elements KubeVirt added or filled in. */
export interface DefaultedVmSpec {
  /** The instance spec: the manifest's objects where defaulting leaves them alone, copies where it changes them. */
  readonly spec: KubeObject;
  /** Added or filled-in disks, interfaces and networks (by identity in `spec`). */
  readonly defaulted: ReadonlyMap<object, DefaultedElement>;
}

// pkg/defaults/{amd64,arm64,s390x}.go setDefault*DisksBus: the bus of a disk, CD-ROM or LUN that names none. Only
// for an explicit architecture: the cluster's default architecture is configuration.
const DEFAULT_BUS: Record<string, string> = { amd64: 'sata', arm64: 'virtio', s390x: 'virtio' };

/** KubeVirt's own default binding for the pod network (pkg/virt-config/virt-config.go DefaultNetworkInterface). */
export const KUBEVIRT_DEFAULT_POD_BINDING = 'bridge';

/**
 * Defaulted specs by spec object, for one validation run: each run starts a new generation
 * (`startDefaultingRun`), as objects may have been changed since the last one.
 */
const cache = new WeakMap<KubeObject, { readonly generation: number; readonly result: DefaultedVmSpec }>();
let generation = 0;

/** Forgets the defaulted specs of earlier runs: a validation run calls it first. */
export function startDefaultingRun(): void {
  generation++;
}

const isUnset = (value: unknown) => value === undefined || value === null;

/** The defaulted instance spec of a VM or VMI (computed once per spec object and validation run). */
export function defaultedVmSpec(vm: VmView): DefaultedVmSpec {
  const cached = cache.get(vm.spec);
  if (cached?.generation === generation) return cached.result;
  const result = defaultSpec(vm);
  cache.set(vm.spec, { generation, result });
  return result;
}

/** What a spec that defaulting leaves alone has added (shared: nobody changes it, and a fleet's VMs are mostly such). */
const NOTHING_DEFAULTED: ReadonlyMap<object, DefaultedElement> = new Map();

function defaultSpec(vm: VmView): DefaultedVmSpec {
  const spec = vm.spec;
  const devices: KubeObject = spec.domain?.devices ?? {};
  // Checked first, building nothing: a VM that declares its interfaces and a complete disk for each volume.
  if (!addsPodNetwork(vm, devices) && disksComplete(vm, devices)) return { spec, defaulted: NOTHING_DEFAULTED };
  const defaulted = new Map<object, DefaultedElement>();
  const network = defaultPodNetwork(vm, devices, defaulted);
  const disks = defaultDisks(vm, devices, defaulted);
  if (!network && !disks) return { spec, defaulted };
  return {
    spec: {
      ...spec,
      ...(network ? { networks: [network.network] } : {}),
      domain: {
        ...spec.domain,
        devices: { ...devices, ...(network ? { interfaces: [network.iface] } : {}), ...(disks ? { disks } : {}) },
      },
    },
    defaulted,
  };
}

/** The interface and network KubeVirt adds. */
interface PodNetworkDefault {
  readonly iface: KubeObject;
  readonly network: KubeObject;
}

/** pkg/network/vmispec/defaults.go SetDefaultNetworkInterface: no networks and no interfaces, unless autoattachPodInterface is false. */
function defaultPodNetwork(vm: VmView, devices: KubeObject, defaulted: Map<object, DefaultedElement>): PodNetworkDefault | undefined {
  if (!addsPodNetwork(vm, devices)) return undefined;
  const iface = { name: 'default', [KUBEVIRT_DEFAULT_POD_BINDING]: {} };
  const network = { name: 'default', pod: {} };
  const path = `${vm.specPath}.domain.devices`;
  const clusterDefault = 'the binding is the cluster\'s defaultNetworkInterface: bridge unless the KubeVirt CR sets another (the HyperConverged operator sets masquerade)';
  defaulted.set(iface, { path, description: 'the interface "default" KubeVirt adds to a VM that declares none', clusterDefault });
  defaulted.set(network, { path, description: 'the pod network "default" KubeVirt adds to a VM that declares none' });
  return { iface, network };
}

function addsPodNetwork(vm: VmView, devices: KubeObject): boolean {
  if (devices.autoattachPodInterface === false) return false;
  return !(Array.isArray(vm.spec.networks) && vm.spec.networks.length > 0) && !(Array.isArray(devices.interfaces) && devices.interfaces.length > 0);
}

/** Whether a disk or filesystem of `devices` has this name. */
function named(list: unknown, name: string): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (list[i]?.name === name) return true;
  return false;
}

/** Whether `defaultDisks` would change nothing: every volume has a disk or filesystem, every disk its device type and bus. */
function disksComplete(vm: VmView, devices: KubeObject): boolean {
  const volumes = vm.spec.volumes;
  if (Array.isArray(volumes)) {
    for (let i = 0; i < volumes.length; i++) {
      const name = volumes[i]?.name;
      if (typeof name === 'string' && !named(devices.disks, name) && !named(devices.filesystems, name)) return false;
    }
  }
  const declared = devices.disks;
  if (!Array.isArray(declared)) return true;
  const bus = DEFAULT_BUS[typeof vm.spec.architecture === 'string' ? vm.spec.architecture : ''];
  for (let i = 0; i < declared.length; i++) if (fillDevice(declared[i], bus) !== declared[i]) return false;
  return true;
}

/**
 * pkg/util/util.go SetDefaultVolumeDisk (a disk for each volume no disk or filesystem names),
 * staging/.../core/v1/defaults.go SetDefaults_DiskDevice (a disk with no device type is a `disk`),
 * and the architecture's default bus. Undefined when nothing changes.
 */
function defaultDisks(vm: VmView, devices: KubeObject, defaulted: Map<object, DefaultedElement>): KubeObject[] | undefined {
  const declared = listOf(devices.disks);
  const taken = new Set<unknown>();
  for (const disk of declared) taken.add(disk?.name);
  for (const filesystem of listOf(devices.filesystems)) taken.add(filesystem?.name);
  const added: KubeObject[] = [];
  listOf(vm.spec.volumes).forEach((volume, position) => {
    if (typeof volume?.name !== 'string' || taken.has(volume.name)) return;
    taken.add(volume.name);
    const disk = { name: volume.name };
    added.push(disk);
    defaulted.set(disk, { path: `${vm.specPath}.volumes[${position}]`, description: `the disk KubeVirt adds for volume ${JSON.stringify(volume.name)}` });
  });
  const bus = DEFAULT_BUS[typeof vm.spec.architecture === 'string' ? vm.spec.architecture : ''];
  let changed = added.length > 0;
  const disks = [...declared, ...added].map((disk) => {
    const filled = fillDevice(disk, bus);
    if (filled === disk) return disk;
    changed = true;
    defaulted.set(filled, defaulted.get(disk) ?? { path: `${vm.specPath}.domain.devices.disks[${declared.indexOf(disk)}]`, description: `disk ${JSON.stringify(disk?.name)}` });
    return filled;
  });
  return changed ? disks : undefined;
}

const DEVICE_TYPES = ['disk', 'cdrom', 'lun'];

/** The disk with its device type and bus filled in, or the disk itself when it has both. */
function fillDevice(disk: KubeObject, bus: string | undefined): KubeObject {
  if (typeof disk !== 'object' || disk === null) return disk;
  let target: string | undefined;
  for (let i = 0; i < DEVICE_TYPES.length && target === undefined; i++) if (!isUnset(disk[DEVICE_TYPES[i]])) target = DEVICE_TYPES[i];
  if (target === undefined) return { ...disk, disk: bus ? { bus } : {} };
  const device = disk[target];
  if (!bus || typeof device !== 'object' || (device.bus !== undefined && device.bus !== '')) return disk;
  return { ...disk, [target]: { ...device, bus } };
}
