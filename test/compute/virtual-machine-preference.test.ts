import { App, Chart, Size, Testing } from 'cdk8s';
import { Firmware } from '../../src/compute/firmware';
import { Instancetype, Preference } from '../../src/compute/instancetype';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { VirtualMachineInstancetype } from '../../src/compute/virtual-machine-instancetype';
import {
  GuestClock, InterfaceModel, PreferredCpuTopology, SpreadAcross, VirtualMachinePreference,
} from '../../src/compute/virtual-machine-preference';
import { DiskBus, DiskType } from '../../src/storage/disk';
import { VolumeSource } from '../../src/storage/volume-source';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, synthValid } from '../helpers';

function setup() {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'prefs', { namespace: 'shop' }) };
}

describe('VirtualMachinePreference', () => {
  test('a cluster preference for Windows guests: cores, SATA, e1000e, EFI with Secure Boot (and SMM), q35, local time', () => {
    const { chart } = setup();
    const windows = new VirtualMachinePreference(chart, 'windows', {
      metadata: { name: 'windows-2022' },
      clusterScoped: true,
      cpuTopology: PreferredCpuTopology.CORES,
      diskBus: DiskBus.SATA,
      interfaceModel: InterfaceModel.E1000E,
      firmware: Firmware.efi({ secureBoot: true, persistent: true }),
      machineType: 'q35',
      clock: GuestClock.timezone('Europe/Berlin'),
      requirements: { cpu: 2, memory: Size.gibibytes(4) },
    });
    const objects = synthValid(chart);
    expect(findObject(objects, 'VirtualMachineClusterPreference')).toEqual({
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClusterPreference',
      metadata: { name: 'windows-2022' },
      spec: {
        cpu: { preferredCPUTopology: 'cores' },
        devices: { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e' },
        firmware: { preferredEfi: { secureBoot: true, persistent: true } },
        features: { preferredSmm: { enabled: true } },
        machine: { preferredMachineType: 'q35' },
        clock: { preferredClockOffset: { timezone: 'Europe/Berlin' } },
        requirements: { cpu: { guest: 2 }, memory: { guest: '4Gi' } },
      },
    });
    expect(validateObjects(objects).errors).toEqual([]);
    expect([windows.kind, windows.name, windows.namespace, windows.resourceType]).toEqual(['VirtualMachineClusterPreference', 'windows-2022', undefined, 'virtualmachineclusterpreferences']);
  });

  test('a namespaced preference: BIOS, UTC with an offset, spread topology; an empty one has an empty spec', () => {
    const { chart } = setup();
    new VirtualMachinePreference(chart, 'legacy', {
      metadata: { name: 'legacy' },
      firmware: Firmware.bios(),
      clock: GuestClock.utc(3600),
      cpuTopology: PreferredCpuTopology.SPREAD,
      spread: { across: SpreadAcross.SOCKETS_CORES_THREADS, ratio: 4 },
    });
    new VirtualMachinePreference(chart, 'empty', { metadata: { name: 'empty' } });
    const objects = synthValid(chart);
    expect(findObject(objects, 'VirtualMachinePreference', 'legacy')).toEqual({
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachinePreference',
      metadata: { name: 'legacy', namespace: 'shop' },
      spec: {
        cpu: { preferredCPUTopology: 'spread', spreadOptions: { across: 'SocketsCoresThreads', ratio: 4 } },
        firmware: { preferredUseBios: true },
        clock: { preferredClockOffset: { utc: { offsetSeconds: 3600 } } },
      },
    });
    expect(findObject(objects, 'VirtualMachinePreference', 'empty').spec).toEqual({});
    expect(validateObjects(objects).errors).toEqual([]);
  });

  test('VMs use it through Preference.of next to an instancetype', () => {
    const { chart } = setup();
    const pref = new VirtualMachinePreference(chart, 'fedora', { metadata: { name: 'fedora' }, diskBus: DiskBus.VIRTIO, requirements: { cpu: 1, memory: '1Gi' } });
    const it = new VirtualMachineInstancetype(chart, 'small', { metadata: { name: 'small' }, clusterScoped: true, cpu: { guest: 1 }, memory: { guest: '2Gi' } });
    new VirtualMachine(chart, 'vm', { metadata: { name: 'web' }, instancetype: Instancetype.of(it), preference: Preference.of(pref) });
    const objects = synthValid(chart);
    expect(findObject(objects, 'VirtualMachine').spec.preference).toEqual({ name: 'fedora', kind: 'VirtualMachinePreference' });
    expect(validateObjects(objects)).toMatchObject({ valid: true, errors: [], warnings: [] });
    expect(Preference.of(pref)).toMatchObject({ name: 'fedora', kind: 'VirtualMachinePreference', namespace: 'shop' });
  });

  test('a disk given no bus is written without one under a preference with a disk bus, so its preferredDiskBus applies; a bus given stays', () => {
    const { chart } = setup();
    const pref = new VirtualMachinePreference(chart, 'legacy', { metadata: { name: 'legacy' }, diskBus: DiskBus.SATA });
    const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'old' }, memory: '2Gi', preference: Preference.of(pref) });
    vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:41'));
    vm.addDisk('data', VolumeSource.emptyDisk('1Gi'), { bus: DiskBus.VIRTIO });
    vm.addDisk('iso', VolumeSource.containerDisk('quay.io/example/tools:1'), { type: DiskType.CDROM });
    const disks = findObject(synthValid(chart), 'VirtualMachine').spec.template.spec.domain.devices.disks;
    expect(disks).toEqual([{ name: 'root', disk: {} }, { name: 'data', disk: { bus: 'virtio' } }, { name: 'iso', cdrom: { bus: 'sata' } }]);
    // No preference, a preference without a disk bus, a preference named only (its bus unknown here): the bus is written,
    // or KubeVirt's architecture default (sata on amd64) would apply.
    const bare = new VirtualMachinePreference(chart, 'bare-preference', { metadata: { name: 'bare' } });
    for (const [name, preference] of [['plain', undefined], ['bare', Preference.of(bare)], ['named', Preference.cluster('fedora')]] as const) {
      const other = new VirtualMachine(chart, name, { metadata: { name }, memory: '2Gi', preference });
      other.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:41'));
      expect(findObject(synthValid(chart), 'VirtualMachine', name).spec.template.spec.domain.devices.disks).toEqual([{ name: 'root', disk: { bus: 'virtio' } }]);
    }
  });

  test('a preference requiring more than the declared instancetype gives fails synth, naming both', () => {
    const { app, chart } = setup();
    const pref = new VirtualMachinePreference(chart, 'windows', { metadata: { name: 'windows' }, clusterScoped: true, requirements: { cpu: 2, memory: '4Gi' } });
    const it = new VirtualMachineInstancetype(chart, 'tiny', { metadata: { name: 'tiny' }, clusterScoped: true, cpu: { guest: 1 }, memory: { guest: '2Gi' } });
    new VirtualMachine(chart, 'vm', { metadata: { name: 'win' }, instancetype: Instancetype.of(it), preference: Preference.of(pref) });
    expect(() => app.synth()).toThrow(new Error([
      'Validation failed with the following errors:',
      '  [prefs/vm] VirtualMachine shop/win spec.instancetype: VirtualMachine "shop/win" uses VirtualMachineClusterInstancetype "tiny" and VirtualMachineClusterPreference "windows": the instance type gives 1 vCPUs and the preference requires 2, which KubeVirt refuses: pick an instance type with at least 2 vCPUs',
      '  [prefs/vm] VirtualMachine shop/win spec.instancetype: VirtualMachine "shop/win" uses VirtualMachineClusterInstancetype "tiny" and VirtualMachineClusterPreference "windows": the guest gets "2Gi" of memory and the preference requires "4Gi", which KubeVirt refuses: pick an instance type with at least "4Gi"',
    ].join('\n')));
  });

  test('Preference.of refuses what is not a preference construct, through the VM', () => {
    const { chart } = setup();
    expect(() => new VirtualMachine(chart, 'vm', { memory: '1Gi', preference: Preference.of({ name: 'fedora' } as any) }))
      .toThrow(new Error('[prefs/vm] preference: Preference.of: {"name":"fedora"} is not a VirtualMachinePreference construct: pass one, or use Preference.cluster("name") for one declared elsewhere'));
  });

  test.each([
    ['a string', 'windows', 'props "windows" must be an object of VirtualMachinePreferenceProps, e.g. { diskBus: DiskBus.SATA, firmware: Firmware.efi() }'],
    ['an unknown topology', { cpuTopology: 'preferCores' }, 'cpuTopology "preferCores" is not one of "sockets", "cores", "threads", "spread", "any"'],
    ['spread without the spread topology', { cpuTopology: PreferredCpuTopology.CORES, spread: { ratio: 2 } }, 'spread is only read with cpuTopology PreferredCpuTopology.SPREAD, and cpuTopology is "cores": set cpuTopology: PreferredCpuTopology.SPREAD, or leave spread out'],
    ['an unknown spread', { cpuTopology: PreferredCpuTopology.SPREAD, spread: { across: 'Sockets' } }, 'spread.across "Sockets" is not one of "SocketsCores", "CoresThreads", "SocketsCoresThreads"'],
    ['a zero ratio', { cpuTopology: PreferredCpuTopology.SPREAD, spread: { ratio: 0 } }, 'spread.ratio 0 must be a whole number of at least 1 (the vCPUs are divided by it)'],
    ['4 threads per core', { cpuTopology: PreferredCpuTopology.SPREAD, spread: { across: SpreadAcross.CORES_THREADS, ratio: 4 } }, 'spread.ratio 4 with SpreadAcross.CORES_THREADS is refused by KubeVirt, which allows only 2 threads per core: use 2, or leave ratio out'],
    ['a virtio-blk typo', { diskBus: 'virtio-blk' }, 'diskBus "virtio-blk" is not one of "virtio", "sata", "scsi", "usb"'],
    ['an unknown NIC', { interfaceModel: 'vmxnet3' }, 'interfaceModel "vmxnet3" is not one of "virtio", "e1000", "e1000e", "igb", "ne2k_pci", "pcnet", "rtl8139"'],
    ['firmware as a string', { firmware: 'efi' }, 'firmware "efi" must be Firmware.bios() or Firmware.efi({ ... })'],
    ['a bad machine type', { machineType: 'q35 please' }, 'machineType "q35 please" is not a machine type name: use e.g. "q35" or "pc-q35-rhel9.6.0", or leave it out for the cluster default'],
    ['clock as a string', { clock: 'UTC' }, 'clock "UTC" must be GuestClock.utc() or GuestClock.timezone("...")'],
    ['a bad time zone', { clock: GuestClock.timezone('Central European Time') }, 'clock: GuestClock.timezone: "Central European Time" is not a tz database name: use e.g. "Europe/Berlin" or "America/New_York"'],
    ['a fractional offset', { clock: GuestClock.utc(1.5) }, 'clock: GuestClock.utc: offsetSeconds 1.5 must be a whole number of seconds, e.g. 3600'],
    ['requirements as a number', { requirements: 2 }, 'requirements 2 must be an object, e.g. { cpu: 2, memory: Size.gibibytes(4) }'],
    ['zero required vCPUs', { requirements: { cpu: 0 } }, 'requirements.cpu 0 must be a whole number of at least 1 (the least vCPUs)'],
    ['required memory in GB', { requirements: { memory: '4GB' } }, 'requirements.memory "4GB" is not a Kubernetes quantity (Kubernetes writes "4Gi", not "4GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['a namespace on a cluster preference', { clusterScoped: true, metadata: { namespace: 'shop' } }, 'metadata.namespace "shop" cannot be set on a cluster-scoped preference: leave it out, or drop clusterScoped for a namespaced one'],
  ])('refuses %s', (_, props, message) => {
    const chart = new Chart(new App({ outdir: Testing.app().outdir }), 'prefs');
    expect(() => new VirtualMachinePreference(chart, 'p', props as any)).toThrow(new Error(`[prefs/p] ${message}`));
    expect(chart.node.tryFindChild('p')).toBeUndefined();
  });
});
