import { ApiObject, ApiObjectMetadata, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { Firmware } from './firmware';
import { clusterScopeOf, namespacedOrClusterObject } from './namespaced-or-cluster';
import { FactoryValue, assertFactoryValue, assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { compact } from '../common/objects';
import { byteQuantity, canonicalQuantity, sizeToQuantity } from '../common/quantity';
import { KubeResource } from '../core/kube-resource';
import { instancetypeL1 } from '../core/module-on-first-use';
import { withdrawRefused } from '../network/refused-construct';
import { DiskBus } from '../storage/disk';

/** How the vCPUs of an instancetype are laid out for the guest (`preferredCPUTopology`). */
export enum PreferredCpuTopology {
  /** One socket per vCPU (KubeVirt's default). */
  SOCKETS = 'sockets',
  /** One socket with a core per vCPU: what guests licensed per socket (Windows) want. */
  CORES = 'cores',
  /** One core with a thread per vCPU. */
  THREADS = 'threads',
  /** Spread over sockets and cores (or cores and threads), see `spread`. */
  SPREAD = 'spread',
  /** As the VM's own topology says; sockets when an instancetype sizes the VM. */
  ANY = 'any',
}

/** What `PreferredCpuTopology.SPREAD` spreads the vCPUs over. */
export enum SpreadAcross {
  /** Sockets and cores: `ratio` cores per socket (KubeVirt's default). */
  SOCKETS_CORES = 'SocketsCores',
  /** Cores and threads: 2 threads per core. */
  CORES_THREADS = 'CoresThreads',
  /** Sockets, cores and threads: `ratio` cores per socket, 2 threads per core. */
  SOCKETS_CORES_THREADS = 'SocketsCoresThreads',
}

/** The NIC models KubeVirt offers (its VMI admission refuses others). */
export enum InterfaceModel {
  VIRTIO = 'virtio',
  E1000 = 'e1000',
  E1000E = 'e1000e',
  IGB = 'igb',
  NE2K_PCI = 'ne2k_pci',
  PCNET = 'pcnet',
  RTL8139 = 'rtl8139',
}

/** Options of `PreferredCpuTopology.SPREAD`. */
export interface CpuSpreadOptions {
  /**
   * What the vCPUs are spread over.
   * @default SpreadAcross.SOCKETS_CORES
   */
  readonly across?: SpreadAcross;
  /**
   * Cores per socket (threads per core for `CORES_THREADS`, where KubeVirt accepts only 2).
   * The instancetype's vCPUs must divide by it.
   * @default 2
   */
  readonly ratio?: number;
}

/** The least an instancetype (or the VM) must give a guest that uses this preference. */
export interface PreferenceRequirements {
  /**
   * Minimum vCPUs.
   * @default - no minimum
   */
  readonly cpu?: number;
  /**
   * Minimum guest memory, e.g. `Size.gibibytes(2)`.
   * @default - no minimum
   */
  readonly memory?: Size | string;
}

/** The guest's clock: UTC (with an offset) or a time zone, as the guest OS expects. */
export class GuestClock extends FactoryValue {
  /** UTC, shifted by `offsetSeconds` (what Linux guests expect). */
  public static utc(offsetSeconds: number = 0): GuestClock {
    const clock = new GuestClock({ utc: { offsetSeconds } });
    const bad = typeof offsetSeconds !== 'number' || !Number.isInteger(offsetSeconds);
    return clock._problem('GuestClock.utc', bad ? `offsetSeconds ${show(offsetSeconds)} must be a whole number of seconds, e.g. 3600` : undefined);
  }

  /** Local time of a time zone of the tz database, e.g. `"Europe/Berlin"` (what Windows guests expect). */
  public static timezone(name: string): GuestClock {
    const clock = new GuestClock({ timezone: name });
    const bad = typeof name !== 'string' || !/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
    return clock._problem('GuestClock.timezone', bad ? `${show(name)} is not a tz database name: use e.g. "Europe/Berlin" or "America/New_York"` : undefined);
  }

  private constructor(/** @internal */ public readonly _offset: Record<string, unknown>) {
    super();
  }
}

/** Properties of a `VirtualMachinePreference`. */
export interface VirtualMachinePreferenceProps {
  /**
   * Name, labels and annotations (and namespace, unless cluster-scoped).
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * A `VirtualMachineClusterPreference` every namespace can use, instead of a
   * `VirtualMachinePreference` for the VMs of its own namespace.
   * @default false
   */
  readonly clusterScoped?: boolean;
  /**
   * How the instancetype's vCPUs are shown to the guest.
   * @default - KubeVirt's default, PreferredCpuTopology.SOCKETS
   */
  readonly cpuTopology?: PreferredCpuTopology;
  /**
   * How `PreferredCpuTopology.SPREAD` spreads the vCPUs (only with that topology).
   * @default - KubeVirt's defaults: SpreadAcross.SOCKETS_CORES, ratio 2
   */
  readonly spread?: CpuSpreadOptions;
  /**
   * The bus of disks that do not name one.
   * @default - KubeVirt's default, DiskBus.VIRTIO
   */
  readonly diskBus?: DiskBus;
  /**
   * The model of NICs that do not name one.
   * @default - KubeVirt's default, InterfaceModel.VIRTIO
   */
  readonly interfaceModel?: InterfaceModel;
  /**
   * The firmware of VMs that do not choose one; EFI with Secure Boot also prefers SMM (Secure Boot needs it).
   * @default - KubeVirt's default, BIOS
   */
  readonly firmware?: Firmware;
  /**
   * The machine type, e.g. `"q35"` or `"pc-q35-rhel9.6.0"`.
   * @default - the cluster's default machine type
   */
  readonly machineType?: string;
  /**
   * The guest clock of VMs that do not set one.
   * @default - KubeVirt's default, UTC
   */
  readonly clock?: GuestClock;
  /**
   * The least vCPUs and memory the instancetype must give (KubeVirt refuses a VM whose
   * instancetype gives less).
   * @default - none
   */
  readonly requirements?: PreferenceRequirements;
}

type ErrorFor = (problem: string) => Error;

function enumProp<T extends string>(errorFor: ErrorFor, field: string, value: T | undefined, values: Record<string, string>): T | undefined {
  const problem = value === undefined ? undefined : notOneOf(value, values);
  if (problem) throw errorFor(`${field} ${show(value)} ${problem}`);
  return value;
}

function objectProp<T>(errorFor: ErrorFor, field: string, value: T | undefined, example: string): T | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw errorFor(`${field} ${show(value)} must be an object, e.g. ${example}`);
  }
  return value;
}

function wholeNumber(errorFor: ErrorFor, field: string, value: unknown, why: string): number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 4294967295)) {
    throw errorFor(`${field} ${show(value)} must be a whole number of at least 1 (${why})`);
  }
  return value as number | undefined;
}

function renderCpu(errorFor: ErrorFor, props: VirtualMachinePreferenceProps): Record<string, unknown> | undefined {
  const topology = enumProp(errorFor, 'cpuTopology', props.cpuTopology, PreferredCpuTopology);
  const spread = objectProp(errorFor, 'spread', props.spread, '{ across: SpreadAcross.SOCKETS_CORES, ratio: 4 }');
  if (spread === undefined) return compact({ preferredCPUTopology: topology });
  if (topology !== PreferredCpuTopology.SPREAD) {
    throw errorFor(`spread is only read with cpuTopology PreferredCpuTopology.SPREAD, and cpuTopology is ${show(topology)}: set cpuTopology: PreferredCpuTopology.SPREAD, or leave spread out`);
  }
  const across = enumProp(errorFor, 'spread.across', spread.across, SpreadAcross);
  const ratio = wholeNumber(errorFor, 'spread.ratio', spread.ratio, 'the vCPUs are divided by it');
  // The preference webhook (pkg/instancetype/preference/webhooks/admitter.go, v1.9.0) allows only 2 here.
  if (across === SpreadAcross.CORES_THREADS && ratio !== undefined && ratio !== 2) {
    throw errorFor(`spread.ratio ${ratio} with SpreadAcross.CORES_THREADS is refused by KubeVirt, which allows only 2 threads per core: use 2, or leave ratio out`);
  }
  return { preferredCPUTopology: topology, spreadOptions: compact({ across, ratio }) };
}

function renderFirmware(errorFor: ErrorFor, firmware: Firmware | undefined): Record<string, unknown> {
  if (firmware === undefined) return {};
  if (!(firmware instanceof Firmware)) throw errorFor(`firmware ${show(firmware)} must be Firmware.bios() or Firmware.efi({ ... })`);
  if (firmware.bootloader === 'bios') return { firmware: { preferredUseBios: true } };
  return {
    firmware: { preferredEfi: { secureBoot: firmware.secureBoot, persistent: firmware.persistent || undefined } },
    // KubeVirt refuses Secure Boot without System Management Mode, so the preference brings both.
    features: firmware.secureBoot ? { preferredSmm: { enabled: true } } : undefined,
  };
}

function renderRequirements(errorFor: ErrorFor, requirements: PreferenceRequirements | undefined): Record<string, unknown> | undefined {
  if (objectProp(errorFor, 'requirements', requirements, '{ cpu: 2, memory: Size.gibibytes(4) }') === undefined) return undefined;
  const cpu = wholeNumber(errorFor, 'requirements.cpu', requirements!.cpu, 'the least vCPUs');
  const memory = requirements!.memory;
  let guest: string | undefined;
  if (memory !== undefined) {
    const { quantity, problem } = byteQuantity(memory);
    if (problem) throw errorFor(`requirements.memory ${show(memory instanceof Size ? sizeToQuantity(memory) : memory)} ${problem}`);
    guest = canonicalQuantity(quantity!);
  }
  return compact({ cpu: cpu === undefined ? undefined : { guest: cpu }, memory: guest === undefined ? undefined : { guest } });
}

/** The spec, as `instancetype.kubevirt.io/v1beta1` writes it; throws on the first bad prop. */
function renderSpec(scope: Construct, errorFor: ErrorFor, props: VirtualMachinePreferenceProps): Record<string, unknown> {
  const machineType = props.machineType;
  if (machineType !== undefined && (typeof machineType !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(machineType))) {
    throw errorFor(`machineType ${show(machineType)} is not a machine type name: use e.g. "q35" or "pc-q35-rhel9.6.0", or leave it out for the cluster default`);
  }
  if (props.clock !== undefined && !(props.clock instanceof GuestClock)) {
    throw errorFor(`clock ${show(props.clock)} must be GuestClock.utc() or GuestClock.timezone("...")`);
  }
  if (props.clock !== undefined) assertFactoryValue(scope, 'clock', props.clock);
  const devices = compact({
    preferredDiskBus: enumProp(errorFor, 'diskBus', props.diskBus, DiskBus),
    preferredInterfaceModel: enumProp(errorFor, 'interfaceModel', props.interfaceModel, InterfaceModel),
  });
  return compact({
    cpu: renderCpu(errorFor, props),
    devices,
    ...renderFirmware(errorFor, props.firmware),
    machine: machineType === undefined ? undefined : { preferredMachineType: machineType },
    clock: props.clock === undefined ? undefined : { preferredClockOffset: { ...props.clock._offset } },
    requirements: renderRequirements(errorFor, props.requirements),
  }) ?? {};
}

/**
 * A KubeVirt preference (`instancetype.kubevirt.io/v1beta1`): what a guest OS prefers (CPU
 * topology, disk bus, NIC model, firmware, machine type, clock) and the least resources it
 * needs, applied to VMs that use it with `preference: Preference.of(it)` wherever they do not
 * choose themselves. Namespaced (`VirtualMachinePreference`) or, with `clusterScoped: true`, a
 * `VirtualMachineClusterPreference` for every namespace.
 *
 * Checked as KubeVirt's preference webhook checks it; a preference whose requirements or spread
 * its VM's instancetype does not meet is reported at synth (rule `instancetype-conflicts`).
 *
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/#virtualmachinepreference
 */
export class VirtualMachinePreference extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType: string;
  /** Whether it is a `VirtualMachineClusterPreference`. */
  public readonly clusterScoped: boolean;
  /** The preferred bus of the VM's disks, when it sets one. */
  public readonly diskBus?: DiskBus;
  /** The object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: VirtualMachinePreferenceProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VirtualMachinePreferenceProps', '{ diskBus: DiskBus.SATA, firmware: Firmware.efi() }');
      const errorFor = (problem: string) => constructError(this, problem);
      objectProp(errorFor, 'metadata', props.metadata, '{ name: "windows" }');
      this.assertMetadataName(props.metadata);
      this.clusterScoped = clusterScopeOf(errorFor, 'preference', props);
      const spec = renderSpec(this, errorFor, props);
      this.diskBus = props.diskBus;
      ({ apiObject: this.apiObject, resourceType: this.resourceType } = namespacedOrClusterObject(this, this.clusterScoped, {
        namespaced: instancetypeL1().VirtualMachinePreference.GVK, cluster: instancetypeL1().VirtualMachineClusterPreference.GVK,
      }, props.metadata, spec));
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The namespace, when namespaced (a cluster-scoped one has none, whatever the chart's). */
  public override get namespace(): string | undefined {
    return this.clusterScoped ? undefined : super.namespace;
  }
}
