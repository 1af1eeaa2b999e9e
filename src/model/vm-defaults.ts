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
  // Made on the first element defaulting adds: a fleet's VMs mostly declare everything, and build nothing here.
  let defaulted: Map<object, DefaultedElement> | undefined;
  const noted = () => (defaulted ??= new Map());
  const network = defaultPodNetwork(vm, devices, noted);
  const disks = defaultDisks(vm, devices, noted);
  if (!network && !disks) return { spec, defaulted: defaulted ?? NOTHING_DEFAULTED };
  return {
    spec: {
      ...spec,
      ...(network ? { networks: [network.network] } : {}),
      domain: {
        ...spec.domain,
        devices: { ...devices, ...(network ? { interfaces: [network.iface] } : {}), ...(disks ? { disks } : {}) },
      },
    },
    defaulted: defaulted ?? NOTHING_DEFAULTED,
  };
}

/** The interface and network KubeVirt adds. */
interface PodNetworkDefault {
  readonly iface: KubeObject;
  readonly network: KubeObject;
}

/** pkg/network/vmispec/defaults.go SetDefaultNetworkInterface: no networks and no interfaces, unless autoattachPodInterface is false. */
function defaultPodNetwork(vm: VmView, devices: KubeObject, noted: () => Map<object, DefaultedElement>): PodNetworkDefault | undefined {
  if (devices.autoattachPodInterface === false) return undefined;
  if (listOf(vm.spec.networks).length > 0 || listOf(devices.interfaces).length > 0) return undefined;
  const iface = { name: 'default', [KUBEVIRT_DEFAULT_POD_BINDING]: {} };
  const network = { name: 'default', pod: {} };
  const path = `${vm.specPath}.domain.devices`;
  const clusterDefault = 'the binding is the cluster\'s defaultNetworkInterface: bridge unless the KubeVirt CR sets another (the HyperConverged operator sets masquerade)';
  noted().set(iface, { path, description: 'the interface "default" KubeVirt adds to a VM that declares none', clusterDefault });
  noted().set(network, { path, description: 'the pod network "default" KubeVirt adds to a VM that declares none' });
  return { iface, network };
}

/** Whether an item of a list (disks, filesystems) has this name: a VM has a few, so a scan, not a Set per VM. */
function named(list: unknown, name: string): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (list[i]?.name === name) return true;
  return false;
}

/**
 * pkg/util/util.go SetDefaultVolumeDisk (a disk for each volume no disk or filesystem names),
 * staging/.../core/v1/defaults.go SetDefaults_DiskDevice (a disk with no device type is a `disk`),
 * and the architecture's default bus. Undefined when nothing changes.
 */
function defaultDisks(vm: VmView, devices: KubeObject, noted: () => Map<object, DefaultedElement>): KubeObject[] | undefined {
  const declared = listOf(devices.disks);
  const volumes = listOf(vm.spec.volumes);
  let added: KubeObject[] | undefined;
  for (let position = 0; position < volumes.length; position++) {
    const name = volumes[position]?.name;
    if (typeof name !== 'string' || named(declared, name) || named(devices.filesystems, name) || named(added, name)) continue;
    const disk = { name };
    (added ??= []).push(disk);
    noted().set(disk, { path: `${vm.specPath}.volumes[${position}]`, description: `the disk KubeVirt adds for volume ${JSON.stringify(name)}` });
  }
  const bus = DEFAULT_BUS[typeof vm.spec.architecture === 'string' ? vm.spec.architecture : ''];
  const all = added ? [...declared, ...added] : declared;
  // Copied on the first disk that changes.
  let disks: KubeObject[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const disk = all[i];
    const filled = fillDevice(disk, bus);
    if (filled === disk) continue;
    disks ??= [...all];
    disks[i] = filled;
    noted().set(filled, noted().get(disk) ?? { path: `${vm.specPath}.domain.devices.disks[${declared.indexOf(disk)}]`, description: `disk ${JSON.stringify(disk?.name)}` });
  }
  return disks ?? (added ? all : undefined);
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
