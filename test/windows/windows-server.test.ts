import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { Instancetype } from '../../src/compute/instancetype';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { DiskBus } from '../../src/storage/disk';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { WindowsServer, WindowsServerProps } from '../../src/windows/windows-server';
import { WindowsServerVirtualMachine } from '../../src/windows/windows-server-virtual-machine';
import { findObject, synthValid } from '../helpers';

function newChart(): Chart {
  return new Chart(new App({ outdir: Testing.app().outdir }), 'test', { namespace: 'win' });
}

const ROOT = VolumeSource.dataVolumeTemplate({
  source: DataVolumeSource.dataSource({ name: 'win2k22', namespace: 'os-images' }), size: Size.gibibytes(64), accessModes: [AccessMode.READ_WRITE_MANY],
});

function specOf(props: Partial<WindowsServerProps>): any {
  const chart = newChart();
  new WindowsServerVirtualMachine(chart, 'win', { metadata: { name: 'win' }, rootDisk: ROOT, ...props });
  return findObject(synthValid(chart), 'VirtualMachine', 'win').spec;
}

function refusal(props: unknown): string {
  try {
    new WindowsServerVirtualMachine(newChart(), 'win', props as WindowsServerProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the VM to be refused');
}

describe('WindowsServerVirtualMachine', () => {
  test('KubeVirt\'s windows.2k22 settings: EFI Secure Boot with persistent variables, persistent vTPM, Hyper-V, Windows clock, tablet, an hour to shut down', () => {
    const spec = specOf({});
    const domain = spec.template.spec.domain;
    expect(domain.firmware.bootloader).toEqual({ efi: { secureBoot: true, persistent: true } });
    expect(domain.devices.tpm).toEqual({ persistent: true });
    expect(domain.features).toEqual({
      acpi: {},
      apic: {},
      smm: { enabled: true },
      hyperv: {
        relaxed: {},
        vapic: {},
        vpindex: {},
        spinlocks: { spinlocks: 8191 },
        synic: {},
        synictimer: { direct: {} },
        tlbflush: {},
        frequencies: {},
        reenlightenment: {},
        ipi: {},
        runtime: {},
        reset: {},
      },
    });
    expect(domain.clock).toEqual({ utc: {}, timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} } });
    expect(domain.devices.inputs).toEqual([{ type: 'tablet', bus: 'usb', name: 'tablet' }]);
    expect(domain.cpu).toEqual({ sockets: 2 });
    expect(domain.memory).toEqual({ guest: '4Gi' });
    expect(spec.template.spec.terminationGracePeriodSeconds).toBe(3600);
  });

  test('the root disk boots first on SATA, the given disks follow, the virtio-win CD-ROM comes last', () => {
    const spec = specOf({ disks: [{ name: 'data', source: VolumeSource.emptyDisk('10Gi') }] });
    expect(spec.template.spec.domain.devices.disks).toEqual([
      { name: 'rootdisk', bootOrder: 1, disk: { bus: 'sata' } },
      { name: 'data', disk: { bus: 'virtio' } },
      { name: 'virtio-win', cdrom: { bus: 'sata' } },
    ]);
    expect(spec.template.spec.volumes[2]).toEqual({ name: 'virtio-win', containerDisk: { image: 'quay.io/kubevirt/virtio-container-disk:v1.9.0' } });
    expect(spec.dataVolumeTemplates[0].spec.sourceRef).toEqual({ kind: 'DataSource', name: 'win2k22', namespace: 'os-images' });
  });

  test('each default gives way to the prop given', () => {
    const spec = specOf({
      rootDiskBus: DiskBus.VIRTIO,
      virtioWinImage: 'registry.example.com/virtio-win:1.9',
      memory: '8Gi',
      terminationGracePeriod: Duration.minutes(10),
      features: { ...WindowsServer.features(), hyperv: { ...WindowsServer.hyperv(), reenlightenment: false } },
    });
    const domain = spec.template.spec.domain;
    expect(domain.devices.disks[0]).toEqual({ name: 'rootdisk', bootOrder: 1, disk: { bus: 'virtio' } });
    expect(spec.template.spec.volumes[1].containerDisk.image).toBe('registry.example.com/virtio-win:1.9');
    expect(domain.memory).toEqual({ guest: '8Gi' });
    expect(domain.features.hyperv.reenlightenment).toEqual({ enabled: false });
    expect(spec.template.spec.terminationGracePeriodSeconds).toBe(600);
  });

  test('no virtio-win CD-ROM on request; an instancetype sizes the VM instead of the CPU and memory defaults', () => {
    const spec = specOf({ virtioWinDrivers: false, instancetype: Instancetype.cluster('u1.large') });
    expect(spec.template.spec.domain.devices.disks.map((d: any) => d.name)).toEqual(['rootdisk']);
    expect(spec.instancetype).toEqual({ name: 'u1.large', kind: 'VirtualMachineClusterInstancetype' });
    expect(spec.template.spec.domain.cpu).toBeUndefined();
    expect(spec.template.spec.domain.memory).toBeUndefined();
  });

  test('WindowsServer.props gives the same VM to a plain VirtualMachine', () => {
    const chart = newChart();
    new VirtualMachine(chart, 'win', WindowsServer.props({ metadata: { name: 'win' }, rootDisk: ROOT }));
    expect(findObject(synthValid(chart), 'VirtualMachine', 'win').spec).toEqual(specOf({}));
  });

  test('bad input is reported by the VM with its path', () => {
    expect(refusal({ metadata: { name: 'win' } })).toBe('[test/win] disk "rootdisk": source must be a VolumeSource, e.g. VolumeSource.containerDisk("quay.io/containerdisks/fedora:40")');
    expect(refusal({ rootDisk: ROOT, rootDiskBus: 'ide' })).toBe('[test/win] disk "rootdisk": bus "ide" is not one of "virtio", "sata", "scsi", "usb"');
    expect(refusal({ rootDisk: ROOT, virtioWinImage: 'https://example.com/virtio.iso' }))
      .toBe('[test/win] disk "virtio-win": VolumeSource.containerDisk: image "https://example.com/virtio.iso" is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)');
    expect(refusal({ rootDisk: ROOT, disks: 'data' })).toBe('[test/win] disks "data" must be an array, or left out');
    expect(refusal(null)).toBe('[test/win] props null must be an object of VirtualMachineProps, e.g. { memory: "2Gi" }');
  });
});
