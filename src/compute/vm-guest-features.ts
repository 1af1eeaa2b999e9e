import { IConstruct } from 'constructs';
import { Firmware } from './firmware';
import { HypervOptions, InputBus, RtcTimerOptions, RtcTrack, TimerTickPolicy } from './guest-features';
import { GuestClock } from './virtual-machine-preference';
import { VirtualMachineProps } from './virtual-machine-props';
import * as kubevirt from '../../imports/kubevirt.io';
import { assertFactoryValue, constructError, notOneOf, show } from '../common/errors';
import { LiveMigrationMode } from '../model/live-migration';
import { AppValidation } from '../validation/app-validation';

/** The props a `VmGuestFeatures` reads. */
export type VmGuestFeaturesProps = Pick<VirtualMachineProps, 'tpm' | 'features' | 'clock' | 'tablet' | 'firmware' | 'liveMigration'>;

type Domain = kubevirt.VirtualMachineSpecTemplateSpecDomain;
type Features = kubevirt.VirtualMachineSpecTemplateSpecDomainFeatures;
type Devices = kubevirt.VirtualMachineSpecTemplateSpecDomainDevices;

/** What `VmGuestFeatures` writes into the domain. */
export interface VmGuestFeaturesSpec {
  readonly features?: Features;
  readonly clock?: Domain['clock'];
  readonly devices: Pick<Devices, 'tpm' | 'inputs'>;
}

const HYPERV_SWITCHES = ['relaxed', 'vapic', 'vpindex', 'runtime', 'synic', 'synicTimer', 'synicTimerDirect', 'reset', 'frequencies', 'reenlightenment', 'tlbFlush', 'ipi'] as const;
type HypervSwitch = typeof HYPERV_SWITCHES[number];

/**
 * Hyper-V dependencies KubeVirt refuses when the needed feature is disabled, and QEMU when it
 * is missing: KubeVirt v1.9.0 pkg/virt-api/webhooks/hyperv.go (synic, synictimer, tlbflush,
 * ipi) and QEMU target/i386/kvm/kvm.c kvm_hyperv_properties (stimer-direct needs stimer).
 */
const HYPERV_NEEDS: ReadonlyArray<readonly [HypervSwitch, HypervSwitch]> = [
  ['synic', 'vpindex'], ['synicTimer', 'synic'], ['synicTimerDirect', 'synicTimer'], ['tlbFlush', 'vpindex'], ['ipi', 'vpindex'],
];

/** Tick policies each timer accepts (schema.go HPETTickPolicy, PITTickPolicy, RTCTickPolicy). */
const TICK_POLICIES: Readonly<Record<'hpet' | 'pit' | 'rtc', readonly TimerTickPolicy[]>> = {
  hpet: [TimerTickPolicy.DELAY, TimerTickPolicy.CATCHUP, TimerTickPolicy.MERGE, TimerTickPolicy.DISCARD],
  pit: [TimerTickPolicy.DELAY, TimerTickPolicy.CATCHUP, TimerTickPolicy.DISCARD],
  rtc: [TimerTickPolicy.DELAY, TimerTickPolicy.CATCHUP],
};

/** KubeVirt's minimum spinlock retry count (schema.go FeatureSpinlocks). */
const MIN_SPINLOCKS = 4096;

/**
 * The guest-visible platform of a VM beyond CPU and memory: the vTPM, ACPI/APIC/SMM and
 * Hyper-V enlightenments, the clock and its timers, and a tablet. What Windows guests need;
 * fixed at construction, so every check runs in the constructor.
 * @internal
 */
export class VmGuestFeatures {
  public constructor(private readonly vm: IConstruct, private readonly props: VmGuestFeaturesProps) {
    this.checkShapes();
    this.checkFeatures();
    this.checkHyperv();
    this.checkClock();
    this.checkTablet();
  }

  /** Whether KubeVirt keeps state of this VM in a PVC of its own (persistent TPM or EFI variables). */
  public get backendStorageUsers(): string[] {
    return [
      ...(this.props.tpm?.persistent === true ? ['a persistent TPM'] : []),
      ...(this.props.firmware instanceof Firmware && this.props.firmware.persistent ? ['persistent EFI variables'] : []),
    ];
  }

  /**
   * Synth-time notes for a VM that should live-migrate: what KubeVirt needs from the cluster for
   * this VM, which cannot be known offline. Reported as warnings, never errors.
   */
  public migrationNotes(): string[] {
    const mode = this.props.liveMigration ?? LiveMigrationMode.OFF;
    if (mode === LiveMigrationMode.OFF) return [];
    const notes: string[] = [];
    const users = this.backendStorageUsers;
    if (users.length > 0) {
      // pkg/storage/backend-storage/backend-storage.go (v1.9.0): the class is vmStateStorageClass,
      // else the default virt or Kubernetes class; RWX is shared, RWO gets a new claim on the target.
      notes.push(`${users.join(' and ')} keep state in a PVC KubeVirt creates for the VM ("persistent-state-for-<vm>-..."), from the KubeVirt CR's spec.configuration.vmStateStorageClass (HyperConverged spec.vmStateStorageClass) or else the default storage class, with Filesystem volume mode: the class must exist and provision Filesystem volumes; ReadWriteMany is shared by both nodes during a migration, ReadWriteOnce makes KubeVirt copy the state into a new claim on the target (KubeVirt 1.4 and later)`);
    }
    if (this.props.features?.hyperv?.reenlightenment === true) {
      // pkg/virt-controller/watch/topology/tsc.go and pkg/virt-handler/vm.go (v1.9.0): NoTSCFrequencyNotLiveMigratable.
      notes.push('Hyper-V reenlightenment is on, and KubeVirt reports such a VM not live-migratable (NoTSCFrequencyNotLiveMigratable) unless its nodes expose their TSC frequency (node label cpu-timer.node.kubevirt.io/tsc-frequency, set by virt-handler on hosts with a stable TSC): check the nodes, or set features.hyperv.reenlightenment to false');
    }
    return notes;
  }

  /** Reports `migrationNotes` as warnings of the app. Returns no errors. */
  public validate(): string[] {
    const notes = this.migrationNotes();
    if (notes.length > 0) AppValidation.of(this.vm)._warn(notes.map((note) => `[${this.vm.node.path}] warning: ${note}`));
    return [];
  }

  /**
   * Renders the domain parts; `firmwareFeatures` are the features the firmware needs (SMM for
   * Secure Boot), which explicit choices here extend.
   */
  public _toKube(firmwareFeatures: Features | undefined): VmGuestFeaturesSpec {
    const { tpm, features, tablet } = this.props;
    const own: Features = {
      acpi: switchState(features?.acpi),
      apic: switchState(features?.apic),
      // Secure Boot's SMM (written by the sizing facet) stands: an explicit false with it is refused above.
      smm: firmwareFeatures?.smm ?? switchState(features?.smm),
      hyperv: features?.hyperv === undefined ? undefined : renderHyperv(features.hyperv),
    };
    const merged = { ...firmwareFeatures, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
    return {
      features: Object.keys(merged).length > 0 ? merged : undefined,
      clock: this.renderClock(),
      devices: {
        // Enabled defaults to true; a plain bool-pointer persistent false is left out as KubeVirt stores it.
        tpm: tpm === undefined ? undefined : { persistent: tpm.persistent === true ? true : undefined },
        inputs: tablet === undefined ? undefined : [{ type: 'tablet', bus: tablet.bus ?? InputBus.USB, name: tablet.name ?? 'tablet' }],
      },
    };
  }

  /** Plain-JS input: objects where objects belong, booleans where booleans belong. */
  private checkShapes(): void {
    const { tpm, features, clock, tablet } = this.props;
    if (tpm === undefined && features === undefined && clock === undefined && tablet === undefined) return;
    const objects = [['tpm', tpm], ['features', features], ['features.hyperv', features?.hyperv], ['clock', clock], ['clock.timers', clock?.timers],
      ['clock.timers.hpet', clock?.timers?.hpet], ['clock.timers.pit', clock?.timers?.pit], ['clock.timers.rtc', clock?.timers?.rtc], ['tablet', tablet]] as const;
    for (const [prop, value] of objects) {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw constructError(this.vm, `${prop} ${show(value)} must be an object, or left out`);
      }
    }
    const switches: Array<[string, unknown]> = [
      ['tpm.persistent', tpm?.persistent], ['features.acpi', features?.acpi], ['features.apic', features?.apic], ['features.smm', features?.smm],
      ...HYPERV_SWITCHES.map((name): [string, unknown] => [`features.hyperv.${name}`, features?.hyperv?.[name]]),
      ['clock.timers.hyperv', clock?.timers?.hyperv], ['clock.timers.kvm', clock?.timers?.kvm],
      ...(['hpet', 'pit', 'rtc'] as const).map((t): [string, unknown] => [`clock.timers.${t}.present`, clock?.timers?.[t]?.present]),
    ];
    for (const [prop, value] of switches) {
      if (value !== undefined && typeof value !== 'boolean') throw constructError(this.vm, `${prop} ${show(value)} must be true or false, or left out`);
    }
  }

  private checkFeatures(): void {
    const { features, firmware } = this.props;
    // vmi-create-admitter.go (v1.9.0): "SecureBoot requires SMM, which is currently disabled."
    if (features?.smm === false && firmware instanceof Firmware && firmware.secureBoot) {
      throw constructError(this.vm, 'features.smm is false, but the firmware has Secure Boot, which needs System Management Mode (KubeVirt refuses the VM): drop features.smm, or use Firmware.efi({ secureBoot: false })');
    }
  }

  private checkHyperv(): void {
    const hyperv = this.props.features?.hyperv;
    if (hyperv === undefined) return;
    for (const [feature, needed] of HYPERV_NEEDS) {
      if (hyperv[feature] === true && hyperv[needed] !== true) {
        const state = hyperv[needed] === false ? 'is false' : 'is not set';
        throw constructError(this.vm, `features.hyperv.${feature} needs features.hyperv.${needed}, which ${state} (KubeVirt and QEMU refuse the VM): set ${needed}: true, or drop ${feature}`);
      }
    }
    // QEMU: hv-stimer needs hv-time, which is the Hyper-V clock timer in KubeVirt's clock.
    if (hyperv.synicTimer === true && this.props.clock?.timers?.hyperv !== true) {
      throw constructError(this.vm, 'features.hyperv.synicTimer needs the Hyper-V reference clock, and clock.timers.hyperv is not true (QEMU refuses to start the VM): set clock: { timers: { hyperv: true } }, or drop synicTimer');
    }
    const spinlocks = hyperv.spinlocks;
    if (spinlocks !== undefined && (!Number.isInteger(spinlocks) || spinlocks < MIN_SPINLOCKS)) {
      throw constructError(this.vm, `features.hyperv.spinlocks ${show(spinlocks)} must be a whole number of retries, at least ${MIN_SPINLOCKS} (KubeVirt's minimum): use e.g. 8191, or leave it out`);
    }
    const vendorId = hyperv.vendorId;
    if (vendorId !== undefined && (typeof vendorId !== 'string' || vendorId.length === 0 || vendorId.length > 12)) {
      throw constructError(this.vm, `features.hyperv.vendorId ${show(vendorId)} must be a string of 1 to 12 characters (the hypervisor vendor id the guest sees), or left out`);
    }
  }

  private checkClock(): void {
    const clock = this.props.clock;
    if (clock === undefined) return;
    if (clock.offset !== undefined && !(clock.offset instanceof GuestClock)) {
      throw constructError(this.vm, `clock.offset ${show(clock.offset)} must be GuestClock.utc(...) or GuestClock.timezone("...")`);
    }
    if (clock.offset !== undefined) assertFactoryValue(this.vm, 'clock.offset', clock.offset);
    for (const timer of ['hpet', 'pit', 'rtc'] as const) {
      const policy = clock.timers?.[timer]?.tickPolicy;
      if (policy === undefined) continue;
      const allowed = TICK_POLICIES[timer];
      if (!allowed.includes(policy)) {
        throw constructError(this.vm, `clock.timers.${timer}.tickPolicy ${show(policy)} is not one the ${timer} timer takes: use ${allowed.map((p) => `TimerTickPolicy.${p.toUpperCase()}`).join(', ')}`);
      }
    }
    const track = clock.timers?.rtc?.track;
    const badTrack = track === undefined ? undefined : notOneOf(track, RtcTrack);
    if (badTrack) throw constructError(this.vm, `clock.timers.rtc.track ${show(track)} ${badTrack}: use RtcTrack.GUEST or RtcTrack.WALL`);
  }

  private checkTablet(): void {
    const tablet = this.props.tablet;
    if (tablet === undefined) return;
    const badBus = tablet.bus === undefined ? undefined : notOneOf(tablet.bus, InputBus);
    if (badBus) throw constructError(this.vm, `tablet.bus ${show(tablet.bus)} ${badBus}: use InputBus.USB or InputBus.VIRTIO`);
    if (tablet.name !== undefined && (typeof tablet.name !== 'string' || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(tablet.name))) {
      throw constructError(this.vm, `tablet.name ${show(tablet.name)} must be a DNS-1123 label such as "tablet", or left out`);
    }
  }

  private renderClock(): Domain['clock'] {
    const clock = this.props.clock;
    if (clock === undefined) return undefined;
    const timers = clock.timers;
    const presence = (on: boolean | undefined) => (on === undefined ? undefined : on ? {} : { present: false });
    const withTicks = (t: RtcTimerOptions | undefined) => (t === undefined ? undefined : {
      present: t.present === false ? false : undefined, tickPolicy: t.tickPolicy, track: t.track,
    });
    return {
      ...(clock.offset?._offset ?? { utc: {} }),
      timer: timers === undefined ? undefined : {
        hpet: withTicks(timers.hpet),
        pit: withTicks(timers.pit),
        rtc: withTicks(timers.rtc),
        hyperv: presence(timers.hyperv),
        kvm: presence(timers.kvm),
      },
    } as Domain['clock'];
  }
}

/** `{}` for on (KubeVirt's FeatureState defaults to enabled), `{ enabled: false }` for off. */
function switchState(on: boolean | undefined): { enabled?: boolean } | undefined {
  return on === undefined ? undefined : on ? {} : { enabled: false };
}

function renderHyperv(hyperv: HypervOptions): NonNullable<Features['hyperv']> {
  const timer = hyperv.synicTimer === undefined ? undefined : {
    ...switchState(hyperv.synicTimer),
    direct: switchState(hyperv.synicTimerDirect),
  };
  return {
    relaxed: switchState(hyperv.relaxed),
    vapic: switchState(hyperv.vapic),
    vpindex: switchState(hyperv.vpindex),
    runtime: switchState(hyperv.runtime),
    synic: switchState(hyperv.synic),
    synictimer: timer,
    reset: switchState(hyperv.reset),
    frequencies: switchState(hyperv.frequencies),
    reenlightenment: switchState(hyperv.reenlightenment),
    tlbflush: switchState(hyperv.tlbFlush),
    ipi: switchState(hyperv.ipi),
    spinlocks: hyperv.spinlocks === undefined ? undefined : { spinlocks: hyperv.spinlocks },
    vendorid: hyperv.vendorId === undefined ? undefined : { vendorid: hyperv.vendorId },
  };
}
