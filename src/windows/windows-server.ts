import { Duration } from 'cdk8s';
import { Firmware } from '../compute/firmware';
import { ClockOptions, GuestFeaturesOptions, HypervOptions, InputBus, TimerTickPolicy, TpmOptions } from '../compute/guest-features';
import { VirtualMachineDisk, VirtualMachineProps } from '../compute/virtual-machine-props';
import { DiskBus, DiskType } from '../storage/disk';
import { VolumeSource } from '../storage/volume-source';

/** Options of `WindowsServer.virtioWinDrivers`. */
export interface VirtioWinDriversOptions {
  /**
   * The container image holding the virtio-win ISO.
   * @default WindowsServer.VIRTIO_WIN_IMAGE
   */
  readonly image?: string;
  /**
   * Name of the CD-ROM.
   * @default "virtio-win"
   */
  readonly name?: string;
}

/** Properties of a Windows Server VM: a `VirtualMachine`'s, with Windows defaults, plus its root disk. */
export interface WindowsServerProps extends VirtualMachineProps {
  /** The system disk, e.g. a DataVolume template cloning a golden Windows DataSource. */
  readonly rootDisk: VolumeSource;
  /**
   * The root disk's bus. SATA works without drivers (what Windows Setup and an image without
   * virtio-win need); VIRTIO is faster once the image has the virtio-win storage driver.
   * @default DiskBus.SATA
   */
  readonly rootDiskBus?: DiskBus;
  /**
   * Attach the virtio-win drivers CD-ROM (after every other disk).
   * @default true
   */
  readonly virtioWinDrivers?: boolean;
  /**
   * The image of the virtio-win CD-ROM.
   * @default WindowsServer.VIRTIO_WIN_IMAGE
   */
  readonly virtioWinImage?: string;
}

/**
 * Windows Server settings, as KubeVirt v1.9.0 ships them in its `windows.2k22` cluster
 * preference (common-instancetypes v1.7.0 bundle in
 * pkg/virt-operator/resource/generate/components/data/common-instancetypes): EFI with Secure
 * Boot and persistent variables, a persistent vTPM, ACPI/APIC/SMM, the Hyper-V
 * enlightenments, a UTC clock with Windows' timers, a USB tablet, sockets for vCPUs, an hour to
 * shut down. Each part is a static here, and `props` assembles them; give a prop to override it.
 */
export class WindowsServer {
  /** KubeVirt's virtio-win container disk, released with KubeVirt v1.9.0. */
  public static readonly VIRTIO_WIN_IMAGE = 'quay.io/kubevirt/virtio-container-disk:v1.9.0';

  /** Relaxed, vapic, vpindex, spinlocks (8191), synic, synthetic timers (direct), TLB flush, frequencies, reenlightenment, IPI, runtime, reset. */
  public static hyperv(): HypervOptions {
    return {
      relaxed: true,
      vapic: true,
      vpindex: true,
      spinlocks: 8191,
      synic: true,
      synicTimer: true,
      synicTimerDirect: true,
      tlbFlush: true,
      frequencies: true,
      reenlightenment: true,
      ipi: true,
      runtime: true,
      reset: true,
    };
  }

  /** ACPI, APIC, SMM (Secure Boot needs it) and `hyperv()`. */
  public static features(): GuestFeaturesOptions {
    return { acpi: true, apic: true, smm: true, hyperv: WindowsServer.hyperv() };
  }

  /** UTC, reset at boot; HPET off, PIT delay, RTC catch-up, the Hyper-V reference clock on. */
  public static clock(): ClockOptions {
    return {
      timers: {
        hpet: { present: false },
        pit: { tickPolicy: TimerTickPolicy.DELAY },
        rtc: { tickPolicy: TimerTickPolicy.CATCHUP },
        hyperv: true,
      },
    };
  }

  /** EFI with Secure Boot and persistent variables (what Windows 11 and Server 2022 expect). */
  public static firmware(): Firmware {
    return Firmware.efi({ secureBoot: true, persistent: true });
  }

  /** A persistent vTPM (BitLocker keys survive restarts). */
  public static tpm(): TpmOptions {
    return { persistent: true };
  }

  /** The virtio-win drivers as a SATA CD-ROM, readable by Windows Setup without drivers. */
  public static virtioWinDrivers(options: VirtioWinDriversOptions = {}): VirtualMachineDisk {
    return {
      name: options?.name ?? 'virtio-win',
      source: VolumeSource.containerDisk(options?.image ?? WindowsServer.VIRTIO_WIN_IMAGE),
      type: DiskType.CDROM,
      bus: DiskBus.SATA,
    };
  }

  /**
   * The props of a Windows Server VM: every default above, the root disk (boot order 1), the
   * given disks, and the virtio-win CD-ROM. A prop given wins over its default as a whole (to
   * change one enlightenment: `features: { ...WindowsServer.features(), hyperv: { ...WindowsServer.hyperv(), reenlightenment: false } }`).
   * Input is checked by the VM it is given to, with that VM's path.
   */
  public static props(props: WindowsServerProps): VirtualMachineProps {
    // Plain JavaScript may pass anything: the VM reports it with its path.
    if (typeof props !== 'object' || props === null || Array.isArray(props)) return props as VirtualMachineProps;
    const { rootDisk, rootDiskBus, virtioWinDrivers, virtioWinImage, ...vm } = props;
    const sizedElsewhere = vm.instancetype !== undefined;
    const root: VirtualMachineDisk = { name: 'rootdisk', source: rootDisk, bus: rootDiskBus ?? DiskBus.SATA, bootOrder: 1 };
    const drivers = virtioWinDrivers === false ? [] : [WindowsServer.virtioWinDrivers({ image: virtioWinImage })];
    return {
      // The windows preferences lay vCPUs out as sockets (preferredCPUTopology: sockets).
      cpu: sizedElsewhere ? undefined : { sockets: 2 },
      memory: sizedElsewhere || vm.resources?.memory?.request !== undefined ? undefined : '4Gi',
      firmware: WindowsServer.firmware(),
      tpm: WindowsServer.tpm(),
      features: WindowsServer.features(),
      clock: WindowsServer.clock(),
      tablet: { bus: InputBus.USB },
      // preferredTerminationGracePeriodSeconds: 3600: Windows may install updates on shutdown.
      terminationGracePeriod: Duration.hours(1),
      ...vm,
      disks: Array.isArray(vm.disks) || vm.disks === undefined ? [root, ...(vm.disks ?? []), ...drivers] : vm.disks,
    };
  }
}
