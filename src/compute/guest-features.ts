import { GuestClock } from './virtual-machine-preference';

// Field names, defaults and dependencies follow KubeVirt v1.9.0:
// staging/src/kubevirt.io/api/core/v1/schema.go (Features, FeatureHyperv, Clock, Timer, TPMDevice, Input).

/** A virtual TPM 2.0 (vTPM): what Windows 11, BitLocker and measured boot need. */
export interface TpmOptions {
  /**
   * Keep the TPM's state across restarts, in a PVC KubeVirt creates for the VM (its "backend
   * storage"); without it BitLocker keys and Windows Hello enrolments are lost at each stop.
   * @default false
   */
  readonly persistent?: boolean;
}

/**
 * Hyper-V enlightenments: paravirtual interfaces Windows uses when it sees Hyper-V, for
 * faster timers, interrupts and TLB flushes. `true` enables, `false` disables explicitly,
 * left out leaves the machine type's setting. `WindowsServer.hyperv()` gives the set
 * KubeVirt's Windows preferences use.
 */
export interface HypervOptions {
  /** Disable watchdog timeouts in the guest. @default - the machine type's setting */
  readonly relaxed?: boolean;
  /** Paravirtual APIC. @default - the machine type's setting */
  readonly vapic?: boolean;
  /** Virtual processor index (needed by synic, tlbFlush and ipi). @default - the machine type's setting */
  readonly vpindex?: boolean;
  /** Virtual processor run time accounting. @default - the machine type's setting */
  readonly runtime?: boolean;
  /** Synthetic interrupt controller (needs vpindex). @default - the machine type's setting */
  readonly synic?: boolean;
  /** Synthetic timers (need synic, and the Hyper-V clock timer: `clock.timers.hyperv`). @default - the machine type's setting */
  readonly synicTimer?: boolean;
  /** Synthetic timers in direct mode (needs synicTimer). @default - the machine type's setting */
  readonly synicTimerDirect?: boolean;
  /** Hyper-V reset. @default - the machine type's setting */
  readonly reset?: boolean;
  /** TSC and APIC frequency MSRs. @default - the machine type's setting */
  readonly frequencies?: boolean;
  /**
   * Notify the guest of TSC frequency changes (after a migration). KubeVirt lets such a VM
   * migrate only when the cluster exposes TSC frequencies on its nodes.
   * @default - the machine type's setting
   */
  readonly reenlightenment?: boolean;
  /** Paravirtual TLB flush (needs vpindex). @default - the machine type's setting */
  readonly tlbFlush?: boolean;
  /** Paravirtual inter-processor interrupts (needs vpindex). @default - the machine type's setting */
  readonly ipi?: boolean;
  /**
   * Spinlock retries before the guest yields to the hypervisor: at least 4096.
   * @default - the machine type's setting
   */
  readonly spinlocks?: number;
  /**
   * Hypervisor vendor id the guest sees, up to 12 characters.
   * @default - the machine type's setting
   */
  readonly vendorId?: string;
}

/** ACPI, APIC, SMM and Hyper-V: what the guest's chipset and hypervisor interface offer. */
export interface GuestFeaturesOptions {
  /** ACPI (power button, shutdown). @default - on (KubeVirt's default) */
  readonly acpi?: boolean;
  /** The APIC. @default - the machine type's setting */
  readonly apic?: boolean;
  /** System Management Mode (Secure Boot needs it). @default - on with Secure Boot, else the machine type's setting */
  readonly smm?: boolean;
  /** Hyper-V enlightenments. @default - none written */
  readonly hyperv?: HypervOptions;
}

/** What happens when QEMU misses a timer tick. Each timer accepts only some (`ClockTimers`). */
export enum TimerTickPolicy {
  /** Deliver ticks at the constant rate; the guest's time falls behind. */
  DELAY = 'delay',
  /** Deliver missed ticks faster until the guest has caught up. */
  CATCHUP = 'catchup',
  /** Merge missed ticks into one (HPET only). */
  MERGE = 'merge',
  /** Drop missed ticks (HPET and PIT). */
  DISCARD = 'discard',
}

/** Which clock the RTC follows. */
export enum RtcTrack {
  GUEST = 'guest',
  WALL = 'wall',
}

/** A timer with a tick policy. */
export interface TimerOptions {
  /** `false` keeps the machine type from adding the timer. @default true */
  readonly present?: boolean;
  /** @default - QEMU's default */
  readonly tickPolicy?: TimerTickPolicy;
}

/** The real time clock. */
export interface RtcTimerOptions extends TimerOptions {
  /** @default - QEMU's default */
  readonly track?: RtcTrack;
}

/** The guest's timers. */
export interface ClockTimers {
  /** High precision event timer (tick policies: delay, catchup, merge, discard). @default - the machine type's */
  readonly hpet?: TimerOptions;
  /** Programmable interval timer (delay, catchup, discard). @default - the machine type's */
  readonly pit?: TimerOptions;
  /** Real time clock (delay, catchup). @default - the machine type's */
  readonly rtc?: RtcTimerOptions;
  /** The Hyper-V reference clock (`hypervclock`), for Windows. @default - not added */
  readonly hyperv?: boolean;
  /** kvmclock, for Linux. @default - the machine type's */
  readonly kvm?: boolean;
}

/** The guest's clock: its offset and timers. */
export interface ClockOptions {
  /**
   * `GuestClock.timezone("Europe/Berlin")` or `GuestClock.utc(offsetSeconds)`; a UTC offset,
   * even 0, keeps the guest's own clock changes across reboots.
   * @default - UTC, reset at each boot
   */
  readonly offset?: GuestClock;
  /** @default - the machine type's timers */
  readonly timers?: ClockTimers;
}

/** Bus of an input device. */
export enum InputBus {
  USB = 'usb',
  /** Needs the virtio-input driver in the guest (virtio-win on Windows). */
  VIRTIO = 'virtio',
}

/** A tablet: an absolute pointer, so the VNC console's cursor follows the mouse exactly. */
export interface TabletOptions {
  /** @default InputBus.USB (works without drivers) */
  readonly bus?: InputBus;
  /** Device name. @default "tablet" */
  readonly name?: string;
}
