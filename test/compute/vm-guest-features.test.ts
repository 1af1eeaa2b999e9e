import { App, Chart, Testing } from 'cdk8s';
import { Firmware } from '../../src/compute/firmware';
import { InputBus, RtcTrack, TimerTickPolicy } from '../../src/compute/guest-features';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { GuestClock } from '../../src/compute/virtual-machine-preference';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';
import { findObject, synthValid } from '../helpers';

function newChart(): Chart {
  return new Chart(new App({ outdir: Testing.app().outdir }), 'test', { namespace: 'win' });
}

function vmOf(props: Partial<VirtualMachineProps>, chart = newChart()): { chart: Chart; domain: any } {
  new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '2Gi', ...props });
  const vm = findObject(synthValid(chart), 'VirtualMachine', 'vm');
  return { chart, domain: vm.spec.template.spec.domain };
}

function refusal(props: unknown): string {
  try {
    new VirtualMachine(newChart(), 'vm', { metadata: { name: 'vm' }, memory: '2Gi', ...(props as object) });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the VM to be refused');
}

describe('VirtualMachine: vTPM', () => {
  test('tpm: {} attaches a vTPM, persistent: true keeps its state', () => {
    expect(vmOf({ tpm: {} }).domain.devices.tpm).toEqual({});
    expect(vmOf({ tpm: { persistent: true } }).domain.devices.tpm).toEqual({ persistent: true });
    expect(vmOf({}).domain.devices.tpm).toBeUndefined();
  });
});

describe('VirtualMachine: features', () => {
  test('ACPI, APIC and SMM switches: {} for on, enabled: false for off, left out when not given', () => {
    expect(vmOf({ features: { acpi: true, apic: false, smm: true } }).domain.features).toEqual({ acpi: {}, apic: { enabled: false }, smm: {} });
    expect(vmOf({ features: {} }).domain.features).toBeUndefined();
  });

  test('Secure Boot keeps the SMM the firmware needs, and an explicit smm: true does not duplicate it', () => {
    const { domain } = vmOf({ firmware: Firmware.efi({ secureBoot: true }), features: { smm: true, acpi: true } });
    expect(domain.features).toEqual({ smm: { enabled: true }, acpi: {} });
  });

  test('every Hyper-V enlightenment renders under its KubeVirt name', () => {
    const { domain } = vmOf({
      features: {
        hyperv: {
          relaxed: true,
          vapic: true,
          vpindex: true,
          runtime: true,
          synic: true,
          synicTimer: true,
          synicTimerDirect: true,
          reset: true,
          frequencies: true,
          reenlightenment: false,
          tlbFlush: true,
          ipi: true,
          spinlocks: 8191,
          vendorId: 'KubeVirt',
        },
      },
      clock: { timers: { hyperv: true } },
    });
    expect(domain.features.hyperv).toEqual({
      relaxed: {},
      vapic: {},
      vpindex: {},
      runtime: {},
      synic: {},
      synictimer: { direct: {} },
      reset: {},
      frequencies: {},
      reenlightenment: { enabled: false },
      tlbflush: {},
      ipi: {},
      spinlocks: { spinlocks: 8191 },
      vendorid: { vendorid: 'KubeVirt' },
    });
  });

  test('Hyper-V dependencies are refused with the fix: missing or disabled', () => {
    expect(refusal({ features: { hyperv: { synic: true } } })).toBe('[test/vm] features.hyperv.synic needs features.hyperv.vpindex, which is not set (KubeVirt and QEMU refuse the VM): set vpindex: true, or drop synic');
    expect(refusal({ features: { hyperv: { vpindex: true, synicTimer: true } } })).toBe('[test/vm] features.hyperv.synicTimer needs features.hyperv.synic, which is not set (KubeVirt and QEMU refuse the VM): set synic: true, or drop synicTimer');
    expect(refusal({ features: { hyperv: { tlbFlush: true, vpindex: false } } })).toBe('[test/vm] features.hyperv.tlbFlush needs features.hyperv.vpindex, which is false (KubeVirt and QEMU refuse the VM): set vpindex: true, or drop tlbFlush');
    expect(refusal({ features: { hyperv: { ipi: true } } })).toBe('[test/vm] features.hyperv.ipi needs features.hyperv.vpindex, which is not set (KubeVirt and QEMU refuse the VM): set vpindex: true, or drop ipi');
    expect(refusal({ features: { hyperv: { vpindex: true, synic: true, synicTimerDirect: true } } })).toBe('[test/vm] features.hyperv.synicTimerDirect needs features.hyperv.synicTimer, which is not set (KubeVirt and QEMU refuse the VM): set synicTimer: true, or drop synicTimerDirect');
    expect(refusal({ features: { hyperv: { vpindex: true, synic: true, synicTimer: true } } })).toBe('[test/vm] features.hyperv.synicTimer needs the Hyper-V reference clock, and clock.timers.hyperv is not true (QEMU refuses to start the VM): set clock: { timers: { hyperv: true } }, or drop synicTimer');
  });

  test('spinlocks and vendorId outside what KubeVirt takes are refused', () => {
    expect(refusal({ features: { hyperv: { spinlocks: 100 } } })).toBe('[test/vm] features.hyperv.spinlocks 100 must be a whole number of retries, at least 4096 (KubeVirt\'s minimum): use e.g. 8191, or leave it out');
    expect(refusal({ features: { hyperv: { spinlocks: 5000.5 } } })).toBe('[test/vm] features.hyperv.spinlocks 5000.5 must be a whole number of retries, at least 4096 (KubeVirt\'s minimum): use e.g. 8191, or leave it out');
    expect(refusal({ features: { hyperv: { vendorId: 'thirteen-char' } } })).toBe('[test/vm] features.hyperv.vendorId "thirteen-char" must be a string of 1 to 12 characters (the hypervisor vendor id the guest sees), or left out');
    expect(refusal({ features: { hyperv: { vendorId: 7 } } })).toBe('[test/vm] features.hyperv.vendorId 7 must be a string of 1 to 12 characters (the hypervisor vendor id the guest sees), or left out');
  });

  test('SMM off with Secure Boot is refused, as KubeVirt does', () => {
    expect(refusal({ firmware: Firmware.efi({ secureBoot: true }), features: { smm: false } })).toBe('[test/vm] features.smm is false, but the firmware has Secure Boot, which needs System Management Mode (KubeVirt refuses the VM): drop features.smm, or use Firmware.efi({ secureBoot: false })');
  });
});

describe('VirtualMachine: clock', () => {
  test('no offset: UTC reset at each boot (utc: {}); timers with presence and tick policies', () => {
    const { domain } = vmOf({
      clock: {
        timers: {
          hpet: { present: false },
          pit: { tickPolicy: TimerTickPolicy.DELAY },
          rtc: { tickPolicy: TimerTickPolicy.CATCHUP, track: RtcTrack.GUEST },
          hyperv: true,
          kvm: false,
        },
      },
    });
    expect(domain.clock).toEqual({
      utc: {},
      timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup', track: 'guest' }, hyperv: {}, kvm: { present: false } },
    });
  });

  test('a time zone or a UTC offset from GuestClock', () => {
    expect(vmOf({ clock: { offset: GuestClock.timezone('Europe/Berlin') } }).domain.clock).toEqual({ timezone: 'Europe/Berlin' });
    expect(vmOf({ clock: { offset: GuestClock.utc(3600) } }).domain.clock).toEqual({ utc: { offsetSeconds: 3600 } });
  });

  test('a tick policy the timer does not take, a bad track or offset are refused', () => {
    expect(refusal({ clock: { timers: { rtc: { tickPolicy: TimerTickPolicy.DISCARD } } } })).toBe('[test/vm] clock.timers.rtc.tickPolicy "discard" is not one the rtc timer takes: use TimerTickPolicy.DELAY, TimerTickPolicy.CATCHUP');
    expect(refusal({ clock: { timers: { pit: { tickPolicy: 'merge' } } } })).toBe('[test/vm] clock.timers.pit.tickPolicy "merge" is not one the pit timer takes: use TimerTickPolicy.DELAY, TimerTickPolicy.CATCHUP, TimerTickPolicy.DISCARD');
    expect(refusal({ clock: { timers: { hpet: { tickPolicy: 'sometimes' } } } })).toBe('[test/vm] clock.timers.hpet.tickPolicy "sometimes" is not one the hpet timer takes: use TimerTickPolicy.DELAY, TimerTickPolicy.CATCHUP, TimerTickPolicy.MERGE, TimerTickPolicy.DISCARD');
    expect(refusal({ clock: { timers: { rtc: { track: 'host' } } } })).toBe('[test/vm] clock.timers.rtc.track "host" is not one of "guest", "wall": use RtcTrack.GUEST or RtcTrack.WALL');
    expect(refusal({ clock: { offset: 'UTC' } })).toBe('[test/vm] clock.offset "UTC" must be GuestClock.utc(...) or GuestClock.timezone("...")');
    expect(refusal({ clock: { offset: GuestClock.timezone('Not A Zone') } })).toBe('[test/vm] clock.offset: GuestClock.timezone: "Not A Zone" is not a tz database name: use e.g. "Europe/Berlin" or "America/New_York"');
  });
});

describe('VirtualMachine: tablet', () => {
  test('a USB tablet by default, or on virtio with a name', () => {
    expect(vmOf({ tablet: {} }).domain.devices.inputs).toEqual([{ type: 'tablet', bus: 'usb', name: 'tablet' }]);
    expect(vmOf({ tablet: { bus: InputBus.VIRTIO, name: 'pointer' } }).domain.devices.inputs).toEqual([{ type: 'tablet', bus: 'virtio', name: 'pointer' }]);
  });

  test('a bad bus or name is refused', () => {
    expect(refusal({ tablet: { bus: 'ps2' } })).toBe('[test/vm] tablet.bus "ps2" is not one of "usb", "virtio": use InputBus.USB or InputBus.VIRTIO');
    expect(refusal({ tablet: { name: 'My Tablet' } })).toBe('[test/vm] tablet.name "My Tablet" must be a DNS-1123 label such as "tablet", or left out');
  });
});

describe('VirtualMachine: guest features from plain JavaScript', () => {
  const cases: Array<[string, unknown, string]> = [
    ['tpm as true', { tpm: true }, '[test/vm] tpm true must be an object, or left out'],
    ['features as an array', { features: [] }, '[test/vm] features [] must be an object, or left out'],
    ['hyperv as a string', { features: { hyperv: 'windows' } }, '[test/vm] features.hyperv "windows" must be an object, or left out'],
    ['clock as null', { clock: null }, '[test/vm] clock null must be an object, or left out'],
    ['timers as a number', { clock: { timers: 1 } }, '[test/vm] clock.timers 1 must be an object, or left out'],
    ['an rtc timer as a string', { clock: { timers: { rtc: 'catchup' } } }, '[test/vm] clock.timers.rtc "catchup" must be an object, or left out'],
    ['tablet as true', { tablet: true }, '[test/vm] tablet true must be an object, or left out'],
    ['persistent as a string', { tpm: { persistent: 'yes' } }, '[test/vm] tpm.persistent "yes" must be true or false, or left out'],
    ['acpi as 1', { features: { acpi: 1 } }, '[test/vm] features.acpi 1 must be true or false, or left out'],
    ['relaxed as "on"', { features: { hyperv: { relaxed: 'on' } } }, '[test/vm] features.hyperv.relaxed "on" must be true or false, or left out'],
    ['the hyperv timer as {}', { clock: { timers: { hyperv: {} } } }, '[test/vm] clock.timers.hyperv {} must be true or false, or left out'],
    ['hpet present as "no"', { clock: { timers: { hpet: { present: 'no' } } } }, '[test/vm] clock.timers.hpet.present "no" must be true or false, or left out'],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(refusal(props)).toBe(message);
  });
});

describe('VirtualMachine: what live migration needs from the cluster for guest state', () => {
  function warningsOf(props: Partial<VirtualMachineProps>): string[] {
    const chart = newChart();
    const lines: string[] = [];
    AppValidation.of(chart).configure({ onWarnings: (l) => lines.push(...l) });
    new VirtualMachine(chart, 'vm', {
      metadata: { name: 'vm' },
      memory: '2Gi',
      disks: [{ name: 'root', source: VolumeSource.persistentVolumeClaim('root', { accessModes: [AccessMode.READ_WRITE_MANY] }) }],
      ...props,
    });
    synthValid(chart);
    (chart.node.root as App).synthYaml();
    return lines;
  }

  test('persistent TPM and EFI variables: a warning naming the backend storage class KubeVirt uses', () => {
    const lines = warningsOf({ liveMigration: LiveMigrationMode.REQUIRED, tpm: { persistent: true }, firmware: Firmware.efi({ persistent: true }) });
    expect(lines).toEqual([
      '[test/vm] warning: a persistent TPM and persistent EFI variables keep state in a PVC KubeVirt creates for the VM ("persistent-state-for-<vm>-..."), from the KubeVirt CR\'s spec.configuration.vmStateStorageClass (HyperConverged spec.vmStateStorageClass) or else the default storage class, with Filesystem volume mode: the class must exist and provision Filesystem volumes; ReadWriteMany is shared by both nodes during a migration, ReadWriteOnce makes KubeVirt copy the state into a new claim on the target (KubeVirt 1.4 and later)',
    ]);
  });

  test('reenlightenment: a warning naming the TSC frequency node label', () => {
    const lines = warningsOf({ liveMigration: LiveMigrationMode.PREFERRED, features: { hyperv: { reenlightenment: true } } });
    expect(lines).toEqual([
      '[test/vm] warning: Hyper-V reenlightenment is on, and KubeVirt reports such a VM not live-migratable (NoTSCFrequencyNotLiveMigratable) unless its nodes expose their TSC frequency (node label cpu-timer.node.kubevirt.io/tsc-frequency, set by virt-handler on hosts with a stable TSC): check the nodes, or set features.hyperv.reenlightenment to false',
    ]);
  });

  test('no warning without live migration, or without persistent state', () => {
    expect(warningsOf({ tpm: { persistent: true }, features: { hyperv: { reenlightenment: true } } })).toEqual([]);
    expect(warningsOf({ liveMigration: LiveMigrationMode.REQUIRED, tpm: {} })).toEqual([]);
  });
});
