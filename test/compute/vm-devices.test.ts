import { Chart, Testing } from 'cdk8s';
import { GpuOptions, HostDeviceOptions } from '../../src/compute/devices';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { AccessMode, VolumeMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { findObject, synthValid } from '../helpers';

const A10 = 'nvidia.com/GA102GL_A10';

function newChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ml' });
}

function vmWith(chart: Chart, props: Partial<VirtualMachineProps> = {}): VirtualMachine {
  return new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '16Gi', ...props });
}

function devicesOf(chart: Chart): any {
  return findObject(synthValid(chart), 'VirtualMachine', 'vm').spec.template.spec.domain.devices;
}

describe('VirtualMachine: GPUs and host devices', () => {
  test('gpus and hostDevices render under domain.devices, with the vGPU display, and pass the strict schema', () => {
    const chart = newChart();
    vmWith(chart, {
      gpus: [{ name: 'gpu1', deviceName: A10 }, { name: 'vgpu1', deviceName: 'nvidia.com/GRID_A10-4Q', virtualGpuOptions: { display: { enabled: true, ramFb: false } } }],
      hostDevices: [{ name: 'qat1', deviceName: 'intel.com/qat' }],
    });
    const devices = devicesOf(chart);
    expect(devices.gpus).toEqual([
      { name: 'gpu1', deviceName: A10 },
      { name: 'vgpu1', deviceName: 'nvidia.com/GRID_A10-4Q', virtualGPUOptions: { display: { enabled: true, ramFB: { enabled: false } } } },
    ]);
    expect(devices.hostDevices).toEqual([{ name: 'qat1', deviceName: 'intel.com/qat' }]);
  });

  test('addGpu and addHostDevice after construction reach the manifest', () => {
    const chart = newChart();
    const vm = vmWith(chart);
    vm.addGpu({ name: 'gpu1', deviceName: A10 });
    vm.addHostDevice({ name: 'nic1', deviceName: 'mellanox.com/cx7' });
    const devices = devicesOf(chart);
    expect(devices.gpus).toEqual([{ name: 'gpu1', deviceName: A10 }]);
    expect(devices.hostDevices).toEqual([{ name: 'nic1', deviceName: 'mellanox.com/cx7' }]);
  });

  test('a VM without devices writes neither list', () => {
    const chart = newChart();
    vmWith(chart);
    const devices = devicesOf(chart);
    expect(devices.gpus).toBeUndefined();
    expect(devices.hostDevices).toBeUndefined();
  });

  test('migrationReport() names the devices with KubeVirt\'s HostDeviceNotLiveMigratable (PREFERRED only warns)', () => {
    const chart = newChart();
    const vm = vmWith(chart, { liveMigration: LiveMigrationMode.PREFERRED, gpus: [{ name: 'gpu1', deviceName: A10 }], hostDevices: [{ name: 'qat1', deviceName: 'intel.com/qat' }] });
    vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK }));
    expect(vm.migrationReport().blockers.map((b) => `${b.reason} at ${b.path}`)).toEqual([
      'HostDeviceNotLiveMigratable at spec.template.spec.domain.devices.hostDevices',
      'HostDeviceNotLiveMigratable at spec.template.spec.domain.devices.gpus',
    ]);
  });
});

describe('VirtualMachine: bad GPUs and host devices are refused with the fix', () => {
  const cases: Array<[string, Partial<VirtualMachineProps>, string]> = [
    ['gpus not an array', { gpus: 'gpu1' as unknown as GpuOptions[] }, 'gpus "gpu1" must be an array, or left out'],
    ['hostDevices not an array', { hostDevices: {} as unknown as HostDeviceOptions[] }, 'hostDevices {} must be an array, or left out'],
    ['a GPU that is no object', { gpus: [null as unknown as GpuOptions] }, 'GPU null must be an object such as { name: "gpu1", deviceName: "nvidia.com/GA102GL_A10" }'],
    ['a host device that is no object', { hostDevices: ['qat' as unknown as HostDeviceOptions] }, 'host device "qat" must be an object such as { name: "qat1", deviceName: "intel.com/qat" }'],
    ['a GPU name that is no DNS label', { gpus: [{ name: 'GPU_1', deviceName: A10 }] }, 'GPU name "GPU_1" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "gpu-1")'],
    ['a name used twice across GPUs and host devices', { gpus: [{ name: 'dev1', deviceName: A10 }], hostDevices: [{ name: 'dev1', deviceName: 'intel.com/qat' }] }, 'host device name "dev1" is already used by a GPU of this VM: give each GPU and host device its own name'],
    ['a deviceName that is no string', { gpus: [{ name: 'gpu1', deviceName: 7 as unknown as string }] }, 'GPU "gpu1": deviceName 7 must be the resource name the device plugin advertises, e.g. "nvidia.com/GA102GL_A10"'],
    ['a deviceName without vendor domain', { gpus: [{ name: 'gpu1', deviceName: 'GA102GL_A10' }] }, 'GPU "gpu1": deviceName "GA102GL_A10" has no vendor domain: write the resource name the device plugin advertises, vendor-domain/name, e.g. "nvidia.com/GA102GL_A10"'],
    ['a vendor domain that is no DNS subdomain', { hostDevices: [{ name: 'qat1', deviceName: 'Intel_Corp/qat' }] }, 'host device "qat1": deviceName "Intel_Corp/qat" has the vendor domain "Intel_Corp", which is not a DNS subdomain: write it as the device plugin advertises it, e.g. "nvidia.com/GA102GL_A10"'],
    ['a kubernetes.io resource', { gpus: [{ name: 'gpu1', deviceName: 'kubernetes.io/gpu' }] }, 'GPU "gpu1": deviceName "kubernetes.io/gpu" is in the kubernetes.io domain, which holds no device plugin resources: use the vendor\'s domain, e.g. "nvidia.com/GA102GL_A10"'],
    ['a bad name part', { gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/A10 GPU' }] }, 'GPU "gpu1": deviceName "nvidia.com/A10 GPU" has the name part "A10 GPU", which is not a resource name (at most 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit): e.g. "nvidia.com/GA102GL_A10"'],
    ['virtualGpuOptions that is no object', { gpus: [{ name: 'gpu1', deviceName: A10, virtualGpuOptions: true as unknown as object }] }, 'GPU "gpu1": virtualGpuOptions true must be an object, or left out'],
    ['a display that is no object', { gpus: [{ name: 'gpu1', deviceName: A10, virtualGpuOptions: { display: 'on' as unknown as object } }] }, 'GPU "gpu1": virtualGpuOptions.display "on" must be an object, or left out'],
    ['display.ramFb no boolean', { gpus: [{ name: 'gpu1', deviceName: A10, virtualGpuOptions: { display: { ramFb: 'yes' as unknown as boolean } } }] }, 'GPU "gpu1": virtualGpuOptions.display.ramFb "yes" must be true or false, or left out'],
    ['two ramfb displays', {
      gpus: [
        { name: 'gpu1', deviceName: A10, virtualGpuOptions: { display: {} } },
        { name: 'gpu2', deviceName: A10, virtualGpuOptions: { display: { ramFb: true } } },
      ],
    }, 'GPU "gpu2": virtualGpuOptions.display has a ramfb framebuffer, and so has GPU "gpu1"; KubeVirt allows one per VM: set display.ramFb: false on this one'],
    ['a GPU on a VM that must live-migrate', { liveMigration: LiveMigrationMode.REQUIRED, gpus: [{ name: 'gpu1', deviceName: A10 }] }, 'GPU "gpu1" (nvidia.com/GA102GL_A10) keeps the VM on its node (KubeVirt reports HostDeviceNotLiveMigratable), and liveMigration is REQUIRED: drop the GPU, or use LiveMigrationMode.OFF (or PREFERRED, which only warns)'],
  ];
  test.each(cases)('%s', (_what, props, message) => {
    expect(() => vmWith(newChart(), props)).toThrow(new Error(`[test/vm] ${message}`));
  });

  test('a host device added to a VM that must live-migrate', () => {
    const vm = vmWith(newChart(), { liveMigration: LiveMigrationMode.REQUIRED });
    expect(() => vm.addHostDevice({ name: 'qat1', deviceName: 'intel.com/qat' })).toThrow(new Error('[test/vm] host device "qat1" (intel.com/qat) keeps the VM on its node (KubeVirt reports HostDeviceNotLiveMigratable), and liveMigration is REQUIRED: drop the host device, or use LiveMigrationMode.OFF (or PREFERRED, which only warns)'));
  });

  test('two ramfb displays count a display with ramFb left out, not one switched off', () => {
    const chart = newChart();
    vmWith(chart, {
      gpus: [
        { name: 'gpu1', deviceName: A10, virtualGpuOptions: { display: { ramFb: false } } },
        { name: 'gpu2', deviceName: A10, virtualGpuOptions: { display: {} } },
      ],
    });
    expect(devicesOf(chart).gpus[1]).toEqual({ name: 'gpu2', deviceName: A10, virtualGPUOptions: { display: {} } });
  });
});
