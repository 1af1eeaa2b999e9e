import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Instancetype } from '../../src/compute/instancetype';
import { HugepagesOptions, IoThreadsOptions } from '../../src/compute/performance';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { IoThreadsPolicy } from '../../src/compute/virtual-machine-instancetype';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { PodNetworkBinding } from '../../src/network/pod-network';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { DiskBus } from '../../src/storage/disk';
import { AccessMode, VolumeMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { findObject, synthValid } from '../helpers';

function newChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'rt' });
}

function vmWith(chart: Chart, props: Partial<VirtualMachineProps> = {}): VirtualMachine {
  return new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '8Gi', ...props });
}

function templateSpec(chart: Chart): any {
  return findObject(synthValid(chart), 'VirtualMachine', 'vm').spec.template.spec;
}

const PINNED = { cores: 4, dedicatedCpuPlacement: true };

describe('VirtualMachine: performance tuning', () => {
  test('dedicated CPUs with an isolated emulator thread, NUMA passthrough and 1Gi hugepages render as KubeVirt reads them', () => {
    const chart = newChart();
    vmWith(chart, { cpu: { ...PINNED, isolateEmulatorThread: true, numaGuestMappingPassthrough: true }, hugepages: { pageSize: Size.gibibytes(1) } });
    const domain = templateSpec(chart).domain;
    expect(domain.cpu).toEqual({ cores: 4, dedicatedCpuPlacement: true, isolateEmulatorThread: true, numa: { guestMappingPassthrough: {} } });
    expect(domain.memory).toEqual({ guest: '8Gi', hugepages: { pageSize: '1Gi' } });
  });

  test('IO threads: a policy, or a supplemental pool; a disk with its own IO thread', () => {
    const chart = newChart();
    const vm = vmWith(chart, { ioThreads: { policy: IoThreadsPolicy.SHARED } });
    vm.addDisk('data', VolumeSource.emptyDisk('10Gi'), { dedicatedIoThread: true });
    vm.addDisk('logs', VolumeSource.emptyDisk('1Gi'), { dedicatedIoThread: false });
    const spec = templateSpec(chart);
    expect(spec.domain.ioThreadsPolicy).toBe('shared');
    expect(spec.domain.ioThreads).toBeUndefined();
    expect(spec.domain.devices.disks).toEqual([
      { name: 'data', dedicatedIOThread: true, disk: { bus: 'virtio' } },
      { name: 'logs', dedicatedIOThread: false, disk: { bus: 'virtio' } },
    ]);

    const pool = newChart();
    vmWith(pool, { ioThreads: { supplementalPoolThreadCount: 4 } });
    const domain = templateSpec(pool).domain;
    expect(domain.ioThreadsPolicy).toBe('supplementalPool');
    expect(domain.ioThreads).toEqual({ supplementalPoolThreadCount: 4 });
  });

  test('multiqueue for NICs and disks is written when given, false included (pointers in KubeVirt\'s types)', () => {
    const chart = newChart();
    vmWith(chart, { networkInterfaceMultiqueue: true, blockMultiQueue: false });
    const devices = templateSpec(chart).domain.devices;
    expect(devices.networkInterfaceMultiqueue).toBe(true);
    expect(devices.blockMultiQueue).toBe(false);
  });

  test('the hugepages check reads the memory request first, as KubeVirt does', () => {
    const chart = newChart();
    vmWith(chart, { memory: '3Gi', resources: { memory: { request: '4Gi' } }, hugepages: { pageSize: '2Gi' } });
    expect(templateSpec(chart).domain.memory).toEqual({ guest: '3Gi', hugepages: { pageSize: '2Gi' } });
  });

  test('with an instancetype the memory is not known here: hugepages are written unchecked', () => {
    const chart = newChart();
    new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, instancetype: Instancetype.cluster('u1.large'), hugepages: { pageSize: '2Mi' } });
    expect(templateSpec(chart).domain.memory).toEqual({ hugepages: { pageSize: '2Mi' } });
  });

  test('passt on the pod network renders the core passtBinding, keeps declared ports, and live-migrates', () => {
    const chart = newChart();
    const vm = vmWith(chart, { liveMigration: LiveMigrationMode.REQUIRED, podNetwork: { binding: PodNetworkBinding.PASST, ports: [{ port: 22, name: 'ssh' }] } });
    vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK }));
    vm.exposeViaService({ ports: [{ port: 22, targetPort: 'ssh' }] });
    const spec = templateSpec(chart);
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'default', passtBinding: {}, ports: [{ name: 'ssh', port: 22 }] }]);
    expect(spec.networks).toEqual([{ name: 'default', pod: {} }]);
    expect(vm.migrationReport().blockers).toEqual([]);
  });

  test('a passt VM refuses a Service port it does not forward', () => {
    const vm = vmWith(newChart(), { podNetwork: { binding: PodNetworkBinding.PASST, ports: [{ port: 22 }] } });
    expect(() => vm.exposeViaService({ ports: [{ port: 80 }] })).toThrow(/targetPort 80 is not in podNetwork.ports \(22\), and passt forwards only declared ports: add it there/);
  });
});

describe('VirtualMachine: bad tuning is refused with the fix', () => {
  const cases: Array<[string, Partial<VirtualMachineProps>, string]> = [
    ['isolateEmulatorThread without dedicated CPUs', { cpu: { cores: 2, isolateEmulatorThread: true } }, 'cpu.isolateEmulatorThread needs dedicated CPUs (KubeVirt refuses it without): set cpu.dedicatedCpuPlacement: true (it pins each vCPU to a host CPU; the nodes need the static CPU manager policy), or drop isolateEmulatorThread'],
    ['NUMA passthrough without dedicated CPUs', { cpu: { numaGuestMappingPassthrough: true }, hugepages: { pageSize: '1Gi' } }, 'cpu.numaGuestMappingPassthrough needs dedicated CPUs (KubeVirt refuses it without): set cpu.dedicatedCpuPlacement: true (it pins each vCPU to a host CPU; the nodes need the static CPU manager policy), or drop numaGuestMappingPassthrough'],
    ['NUMA passthrough without hugepages', { cpu: { ...PINNED, numaGuestMappingPassthrough: true } }, 'cpu.numaGuestMappingPassthrough needs hugepages (KubeVirt refuses it without): set hugepages, e.g. { pageSize: "1Gi" }, or drop numaGuestMappingPassthrough'],
    ['isolateEmulatorThread no boolean', { cpu: { ...PINNED, isolateEmulatorThread: 'yes' as unknown as boolean } }, 'cpu.isolateEmulatorThread "yes" must be true or false, or left out'],
    ['networkInterfaceMultiqueue no boolean', { networkInterfaceMultiqueue: 1 as unknown as boolean }, 'networkInterfaceMultiqueue 1 must be true or false, or left out'],
    ['blockMultiQueue no boolean', { blockMultiQueue: 'true' as unknown as boolean }, 'blockMultiQueue "true" must be true or false, or left out'],
    ['hugepages no object', { hugepages: '1Gi' as unknown as HugepagesOptions }, 'hugepages "1Gi" must be an object such as { pageSize: "1Gi" }, or left out'],
    ['a page size that is no size', { hugepages: { pageSize: 'huge' } }, 'hugepages.pageSize "huge" is not a page size: use the hugepage size the nodes offer, e.g. "2Mi" or "1Gi"'],
    ['memory not a whole number of pages', { memory: '1536Mi', hugepages: { pageSize: '1Gi' } }, 'memory "1536Mi" is not a whole number of "1Gi" hugepages (KubeVirt refuses the VM): make it a multiple of "1Gi", or use smaller pages'],
    ['memory less than a page', { memory: '512Mi', hugepages: { pageSize: '1Gi' } }, 'memory "512Mi" is not a whole number of "1Gi" hugepages (KubeVirt refuses the VM): make it a multiple of "1Gi", or use smaller pages'],
    ['a memory request not a whole number of pages', { memory: '2Gi', resources: { memory: { request: '3Gi' } }, hugepages: { pageSize: '2Gi' } }, 'resources.memory.request "3Gi" is not a whole number of "2Gi" hugepages (KubeVirt refuses the VM): make it a multiple of "2Gi", or use smaller pages'],
    ['ioThreads no object', { ioThreads: 'auto' as unknown as IoThreadsOptions }, 'ioThreads "auto" must be an object such as { policy: IoThreadsPolicy.AUTO }, or left out'],
    ['ioThreads empty', { ioThreads: {} }, 'ioThreads is empty: give a policy (IoThreadsPolicy.SHARED or AUTO) or a supplementalPoolThreadCount, or leave ioThreads out'],
    ['ioThreads with a policy and a pool', { ioThreads: { policy: IoThreadsPolicy.AUTO, supplementalPoolThreadCount: 2 } }, 'ioThreads has both policy "auto" and supplementalPoolThreadCount 2: a supplemental pool is a policy of its own; drop one of them'],
    ['an unknown policy', { ioThreads: { policy: 'dedicated' as IoThreadsPolicy } }, 'ioThreads.policy "dedicated" is not one of "shared", "auto": use IoThreadsPolicy.SHARED or AUTO, or supplementalPoolThreadCount for a pool'],
    ['a pool of no threads', { ioThreads: { supplementalPoolThreadCount: 0 } }, 'ioThreads.supplementalPoolThreadCount 0 must be a whole number of at least 1 (the IO threads of the pool)'],
    ['a pool of 1.5 threads', { ioThreads: { supplementalPoolThreadCount: 1.5 } }, 'ioThreads.supplementalPoolThreadCount 1.5 must be a whole number of at least 1 (the IO threads of the pool)'],
  ];
  test.each(cases)('%s', (_what, props, message) => {
    expect(() => vmWith(newChart(), props)).toThrow(new Error(`[test/vm] ${message}`));
  });

  test('a dedicated IO thread on a disk that is not on the virtio bus', () => {
    const vm = vmWith(newChart());
    expect(() => vm.addDisk('data', VolumeSource.emptyDisk('1Gi'), { bus: DiskBus.SATA, dedicatedIoThread: true })).toThrow(new Error('[test/vm] disk "data": dedicatedIoThread needs the virtio bus, and the disk uses "sata": use DiskBus.VIRTIO, or drop dedicatedIoThread'));
    expect(() => vm.addDisk('data', VolumeSource.emptyDisk('1Gi'), { dedicatedIoThread: 'yes' as unknown as boolean })).toThrow(new Error('[test/vm] disk "data": dedicatedIoThread "yes" must be true or false, or left out'));
  });

  test('an unknown pod binding names the three; bridge binding refuses ports (masquerade and passt forward them)', () => {
    expect(() => vmWith(newChart(), { podNetwork: { binding: 'slirp' as PodNetworkBinding } })).toThrow(new Error('[test/vm] podNetwork.binding "slirp" is not one of "masquerade", "bridge", "passt": use PodNetworkBinding.MASQUERADE or PASST'));
    expect(() => vmWith(newChart(), { podNetwork: { binding: PodNetworkBinding.BRIDGE, ports: [{ port: 80 }] } })).toThrow(new Error('[test/vm] podNetwork.ports are forwarded only with masquerade or passt binding: drop them (bridge binding exposes every port of the guest) or use PodNetworkBinding.MASQUERADE or PASST'));
  });

  test('a CPU request that is not whole is left to the dedicated-cpus rule at synth', () => {
    const chart = newChart();
    vmWith(chart, { cpu: PINNED, resources: { cpu: { request: kplus.Cpu.millis(3500) } } });
    expect(() => synthValid(chart)).toThrow(/dedicated CPU placement and cpu requests "3500m", which KubeVirt refuses \(a dedicated CPU is a whole CPU\): use a whole number/);
  });
});
