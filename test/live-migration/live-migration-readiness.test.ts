import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { CpuModel } from '../../src/compute/cpu-model';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { ObjectIndex, vmView } from '../../src/model/object-index';
import { PodNetworkBinding } from '../../src/network/pod-network';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { PersistentVolumeClaim } from '../../src/storage/persistent-volume-claim';
import { AccessMode, VolumeMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';
import { analyzeLiveMigration } from '../../src/validation/live-migration-readiness';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, synthValid } from '../helpers';

const FEDORA = 'quay.io/containerdisks/fedora:40';
const IMAGE = 'https://images.example.com/rhel9.qcow2';

function newChart(): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'test', { namespace: 'mq' }) };
}

/** A VM that can live-migrate: root disk on an RWX DataVolume template, masquerade pod network. */
function migratableVm(chart: Chart, props: Partial<VirtualMachineProps> = {}, id = 'vm'): VirtualMachine {
  const vm = new VirtualMachine(chart, id, { metadata: { name: id }, memory: '4Gi', liveMigration: LiveMigrationMode.REQUIRED, ...props });
  vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
    source: DataVolumeSource.http(IMAGE), size: '30Gi', accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK,
  }));
  return vm;
}

/** The synth error for a VM at `test/vm`, without cdk8s' heading. */
function synthErrors(app: App): string[] {
  try {
    app.synthYaml();
  } catch (error) {
    const message = (error as Error).message;
    return message.replace('Validation failed with the following errors:\n  ', '').split('\n  ');
  }
  return [];
}

const VM_PREFIX = '[test/vm] VirtualMachine mq/vm ';

describe('liveMigration: REQUIRED on the VirtualMachine construct', () => {
  test('a migratable VM gets evictionStrategy LiveMigrate, synthesizes, and reports no blockers', () => {
    const { chart } = newChart();
    const vm = migratableVm(chart);
    const spec = findObject(synthValid(chart), 'VirtualMachine', 'vm').spec.template.spec;
    expect(spec.evictionStrategy).toBe('LiveMigrate');
    expect(vm.migrationReport()).toEqual({
      kind: 'VirtualMachine',
      name: 'vm',
      namespace: 'mq',
      mode: LiveMigrationMode.REQUIRED,
      allowBlockMigration: false,
      migratable: true,
      blockers: [],
    });
  });

  test('DisksNotLiveMigratable: a container disk, unless block migration is accepted', () => {
    const { app, chart } = newChart();
    migratableVm(chart).addDisk('tools', VolumeSource.containerDisk(FEDORA));
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "tools" is a container disk: KubeVirt would copy its writes block by block during the migration, and they are lost when the VM restarts anyway: keep the VM's state on an attached ReadWriteMany disk (a DataVolume or PVC), or accept block migration (allowBlockMigration: true, i.e. the annotation kubevirt-constructs.io/allow-block-migration: "true")`,
    ]);

    const accepted = newChart();
    migratableVm(accepted.chart, { allowBlockMigration: true }).addDisk('tools', VolumeSource.containerDisk(FEDORA));
    const vm = findObject(synthValid(accepted.chart), 'VirtualMachine', 'vm');
    expect(vm.metadata.annotations['kubevirt-constructs.io/allow-block-migration']).toBe('true');
  });

  test('DisksNotLiveMigratable: an empty disk', () => {
    const { app, chart } = newChart();
    migratableVm(chart).addDisk('scratch', VolumeSource.emptyDisk('1Gi'));
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "scratch" is an empty disk: KubeVirt would copy its writes block by block during the migration, and they are lost when the VM restarts anyway: keep the VM's state on an attached ReadWriteMany disk (a DataVolume or PVC), or accept block migration (allowBlockMigration: true, i.e. the annotation kubevirt-constructs.io/allow-block-migration: "true")`,
    ]);
  });

  test('DisksNotLiveMigratable: a ReadWriteOnce DataVolume template', () => {
    const { app, chart } = newChart();
    migratableVm(chart).addDisk('data', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_ONCE] }));
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "data" uses DataVolume template "vm-data", which is ReadWriteOnce; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it`,
    ]);
  });

  test('DisksNotLiveMigratable: access modes left to the StorageProfile', () => {
    const { app, chart } = newChart();
    migratableVm(chart).addDisk('data', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi' }));
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "data" uses DataVolume template "vm-data", which leaves its access modes to the storage class's StorageProfile (often ReadWriteOnce): request accessModes [ReadWriteMany] explicitly`,
    ]);
  });

  test('claims and DataVolumes declared elsewhere in the app are resolved, in any chart and of any construct library', () => {
    const { app, chart } = newChart();
    const storage = new Chart(app, 'storage', { namespace: 'mq' });
    const shared = new PersistentVolumeClaim(storage, 'shared', { metadata: { name: 'shared' }, size: Size.gibibytes(5) });
    new kplus.PersistentVolumeClaim(storage, 'rwo', { metadata: { name: 'plus-rwo' }, storage: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] });
    new DataVolume(storage, 'logs', { metadata: { name: 'logs' }, source: DataVolumeSource.blank(), size: '1Gi', accessModes: [AccessMode.READ_WRITE_ONCE] });
    const vm = migratableVm(chart);
    vm.addDisk('shared', VolumeSource.persistentVolumeClaim(shared));
    vm.addDisk('rwo', VolumeSource.persistentVolumeClaim('plus-rwo'));
    vm.addDisk('logs', VolumeSource.dataVolume('logs'));
    expect(vm.migrationReport().blockers.map((b) => `${b.path}: ${b.message}`)).toEqual([
      'spec.template.spec.volumes[2]: volume "rwo" uses PersistentVolumeClaim "plus-rwo", which is ReadWriteOnce; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it',
      'spec.template.spec.volumes[3]: volume "logs" uses DataVolume "logs", which is ReadWriteOnce; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it',
    ]);
  });

  test('DisksNotLiveMigratable: a claim not in the app, until its access modes are stated', () => {
    const { app, chart } = newChart();
    migratableVm(chart).addDisk('legacy', VolumeSource.persistentVolumeClaim('legacy-data'));
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "legacy" uses PersistentVolumeClaim "legacy-data", which is not declared with the VM, so its access modes are unknown: declare it alongside the VM, or state the modes of a claim that exists in the cluster (VolumeSource.persistentVolumeClaim(name, { accessModes: [AccessMode.READ_WRITE_MANY] }))`,
    ]);
    const stated = newChart();
    migratableVm(stated.chart).addDisk('legacy', VolumeSource.persistentVolumeClaim('legacy-data', { accessModes: [AccessMode.READ_WRITE_MANY] }));
    expect(synthErrors(stated.app)).toEqual([]);
  });

  test('a hot-pluggable ReadWriteMany volume does not block (KubeVirt v1.9.0 never sets HotplugNotLiveMigratable)', () => {
    const { app, chart } = newChart();
    migratableVm(chart).addDisk('hot', VolumeSource.persistentVolumeClaim('hot-data', { hotpluggable: true, accessModes: [AccessMode.READ_WRITE_MANY] }));
    expect(synthErrors(app)).toEqual([]);
  });

  test('InterfaceNotLiveMigratable: bridge binding on the pod network, unless the template allows it', () => {
    const { app, chart } = newChart();
    migratableVm(chart, { podNetwork: { binding: PodNetworkBinding.BRIDGE } });
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.domain.devices.interfaces[0]: InterfaceNotLiveMigratable: interface "default" joins the pod network with bridge binding, which hands the pod's IP to the guest and cannot take it to another node: use masquerade binding, or annotate the VM's template with kubevirt.io/allow-pod-bridge-network-live-migration (the guest must then renew its DHCP lease after a migration)`,
    ]);
    const allowed = newChart();
    migratableVm(allowed.chart, {
      podNetwork: { binding: PodNetworkBinding.BRIDGE },
      instanceMetadata: { annotations: { 'kubevirt.io/allow-pod-bridge-network-live-migration': '' } },
    });
    expect(synthErrors(allowed.app)).toEqual([]);
  });

  test('CPUModeLiveMigratable: host-passthrough CPU (host-model passes)', () => {
    const { app, chart } = newChart();
    migratableVm(chart, { cpu: { model: CpuModel.HOST_PASSTHROUGH } });
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.domain.cpu.model: CPUModeLiveMigratable: the CPU model is host-passthrough, which shows the guest the exact host CPU, so QEMU cannot promise it the same CPU on another node: use host-model (KubeVirt's default) or a named model such as "Skylake-Server"`,
    ]);
    const hostModel = newChart();
    migratableVm(hostModel.chart, { cpu: { model: CpuModel.HOST_MODEL } });
    expect(synthErrors(hostModel.app)).toEqual([]);
  });

  test('NodeAffinityNotLiveMigratable: a node selector naming one host', () => {
    const { app, chart } = newChart();
    migratableVm(chart, { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' } });
    expect(synthErrors(app)).toEqual([
      `${VM_PREFIX}spec.template.spec.nodeSelector["kubernetes.io/hostname"]: NodeAffinityNotLiveMigratable: nodeSelector pins the VM to node "worker-1", so no other node can take it: select nodes by a label that several nodes share`,
    ]);
  });

  test('every reason is reported at once, in field order', () => {
    const { app, chart } = newChart();
    const vm = migratableVm(chart, { cpu: { model: CpuModel.HOST_PASSTHROUGH }, podNetwork: { binding: PodNetworkBinding.BRIDGE } });
    vm.addDisk('tools', VolumeSource.containerDisk(FEDORA));
    expect(synthErrors(app).map((e) => e.split(': ')[1])).toEqual(['DisksNotLiveMigratable', 'InterfaceNotLiveMigratable', 'CPUModeLiveMigratable']);
    expect(vm.migrationReport().blockers.map((b) => b.reason)).toEqual(['DisksNotLiveMigratable', 'InterfaceNotLiveMigratable', 'CPUModeLiveMigratable']);
  });

  test('a bad mode is refused', () => {
    const { chart } = newChart();
    expect(() => new VirtualMachine(chart, 'vm', { memory: '1Gi', liveMigration: 'always' as LiveMigrationMode })).toThrow(
      '[test/vm] liveMigration "always" is not one of "required", "preferred", "off": use LiveMigrationMode.REQUIRED, PREFERRED or OFF');
  });
});

describe('liveMigration: PREFERRED and OFF', () => {
  test('PREFERRED writes LiveMigrateIfPossible and warns instead of failing', () => {
    const { app, chart } = newChart();
    const warnings: string[] = [];
    AppValidation.of(app).configure({ onWarnings: (lines) => warnings.push(...lines) });
    migratableVm(chart, { liveMigration: LiveMigrationMode.PREFERRED }).addDisk('tools', VolumeSource.containerDisk(FEDORA));
    const vm = findObject(synthValid(chart), 'VirtualMachine', 'vm');
    expect(vm.spec.template.spec.evictionStrategy).toBe('LiveMigrateIfPossible');
    expect(warnings).toEqual([
      '[test/vm] warning: VirtualMachine mq/vm spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "tools" is a container disk: KubeVirt would copy its writes block by block during the migration, and they are lost when the VM restarts anyway: keep the VM\'s state on an attached ReadWriteMany disk (a DataVolume or PVC), or accept block migration (allowBlockMigration: true, i.e. the annotation kubevirt-constructs.io/allow-block-migration: "true")',
    ]);
  });

  test('passing VMs produce no warning (console included)', () => {
    const { app, chart } = newChart();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      migratableVm(chart, { liveMigration: LiveMigrationMode.PREFERRED });
      migratableVm(chart, {}, 'second');
      app.synthYaml();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('OFF writes no eviction strategy and checks nothing, but the report is still there', () => {
    const { chart } = newChart();
    const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '1Gi' });
    vm.addDisk('root', VolumeSource.containerDisk(FEDORA));
    expect(findObject(synthValid(chart), 'VirtualMachine', 'vm').spec.template.spec.evictionStrategy).toBeUndefined();
    expect(vm.migrationReport()).toMatchObject({ mode: LiveMigrationMode.OFF, migratable: false });
    expect(vm.migrationReport().blockers.map((b) => b.reason)).toEqual(['DisksNotLiveMigratable']);
  });
});

/** A VM manifest with a migratable base and `extra` merged into its instance spec. */
interface VmExtras {
  readonly domain?: Record<string, any>;
  readonly devices?: Record<string, any>;
  readonly spec?: Record<string, any>;
  readonly volumes?: any[];
  readonly disks?: any[];
}

function vmObject(extra: VmExtras = {}): any {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'legacy', namespace: 'mq' },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{ metadata: { name: 'legacy-root' }, spec: { source: { blank: {} }, storage: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } } } }],
      template: {
        spec: {
          evictionStrategy: 'LiveMigrate',
          domain: {
            devices: {
              disks: [{ name: 'root', disk: { bus: 'virtio' } }, ...(extra.disks ?? [])],
              interfaces: [{ name: 'default', masquerade: {} }],
              ...extra.devices,
            },
            ...extra.domain,
          },
          networks: [{ name: 'default', pod: {} }],
          volumes: [{ name: 'root', dataVolume: { name: 'legacy-root' } }, ...(extra.volumes ?? [])],
          ...extra.spec,
        },
      },
    },
  };
}

/** The live-migration errors `validateObjects` reports for one VM object. */
function migrationErrors(vm: any): string[] {
  return validateObjects([vm], { skipRules: [] }).errors.filter((e) => e.rule === 'live-migration').map((e) => `${e.path}: ${e.message}`);
}

describe('reasons only hand-written YAML can have (the construct offers no such field)', () => {
  test('the migratable base passes', () => {
    expect(migrationErrors(vmObject())).toEqual([]);
  });

  test('HostDeviceNotLiveMigratable: host devices, several GPUs, and one GPU (mediated GPUs move only behind an alpha gate)', () => {
    expect(migrationErrors(vmObject({ devices: { hostDevices: [{ name: 'nic', deviceName: 'intel.com/sriov' }] } }))).toEqual([
      'spec.template.spec.domain.devices.hostDevices: HostDeviceNotLiveMigratable: the VM passes through host devices ("nic"), which stay on their node: remove them, or leave live migration off for this VM',
    ]);
    expect(migrationErrors(vmObject({ devices: { gpus: [{ name: 'g1', deviceName: 'nvidia.com/A10' }, { name: 'g2', deviceName: 'nvidia.com/A10' }] } }))).toEqual([
      'spec.template.spec.domain.devices.gpus: HostDeviceNotLiveMigratable: the VM has 2 GPUs ("g1", "g2"), and KubeVirt migrates at most one: remove the GPUs, or leave live migration off for this VM',
    ]);
    expect(migrationErrors(vmObject({ devices: { gpus: [{ name: 'g1', deviceName: 'nvidia.com/A10' }] } }))).toEqual([
      'spec.template.spec.domain.devices.gpus: HostDeviceNotLiveMigratable: the VM has a GPU ("g1"), which KubeVirt migrates only as a mediated device with the alpha VGPULiveMigration feature gate on (off by default): remove the GPU, or leave live migration off for this VM',
    ]);
    expect(migrationErrors(vmObject({ devices: { gpus: [], hostDevices: [] } }))).toEqual([]);
  });

  test('VirtIOFSNotLiveMigratable', () => {
    const vm = vmObject({ devices: { filesystems: [{ name: 'shared', virtiofs: {} }] }, volumes: [{ name: 'shared', persistentVolumeClaim: { claimName: 'x' } }] });
    expect(migrationErrors(vm).filter((e) => e.includes('VirtIOFS'))).toEqual([
      'spec.template.spec.domain.devices.filesystems[0]: VirtIOFSNotLiveMigratable: filesystem "shared" is shared through virtiofs, which KubeVirt cannot migrate: attach the data as a disk instead',
    ]);
  });

  test('PersistentReservationNotLiveMigratable', () => {
    const vm = vmObject({ disks: [{ name: 'lun', lun: { reservation: true } }], volumes: [{ name: 'lun', persistentVolumeClaim: { claimName: 'lun' } }] });
    expect(migrationErrors(vm).filter((e) => e.includes('Reservation'))).toEqual([
      'spec.template.spec.domain.devices.disks[1].lun.reservation: PersistentReservationNotLiveMigratable: disk "lun" is a LUN with SCSI persistent reservation, which the node holds: drop lun.reservation, or leave live migration off for this VM',
    ]);
  });

  test('HypervPassthroughNotLiveMigratable', () => {
    expect(migrationErrors(vmObject({ domain: { features: { hypervPassthrough: { enabled: true } } } }))).toEqual([
      'spec.template.spec.domain.features.hypervPassthrough: HypervPassthroughNotLiveMigratable: Hyper-V passthrough hands the guest the host\'s Hyper-V features as they are: list the features under domain.features.hyperv instead',
    ]);
  });

  test('SEVNotLiveMigratable, TDXNotLiveMigratable, SecureExecutionNotLiveMigratable', () => {
    const confidential = 'a confidential guest\'s memory is encrypted with a key of its host, so it cannot be copied to another node: leave live migration off for this VM';
    expect(migrationErrors(vmObject({ domain: { launchSecurity: { sev: {} } } }))).toEqual([
      `spec.template.spec.domain.launchSecurity: SEVNotLiveMigratable: the VM uses AMD SEV; ${confidential}`,
    ]);
    expect(migrationErrors(vmObject({ domain: { launchSecurity: { tdx: {} } } }))).toEqual([
      `spec.template.spec.domain.launchSecurity: TDXNotLiveMigratable: the VM uses Intel TDX; ${confidential}`,
    ]);
    expect(migrationErrors(vmObject({ domain: { launchSecurity: {} }, spec: { architecture: 's390x' } }))).toEqual([
      `spec.template.spec.domain.launchSecurity: SecureExecutionNotLiveMigratable: the VM uses IBM Secure Execution; ${confidential}`,
    ]);
  });

  test('InterfaceNotLiveMigratable: a declared port KubeVirt reserves for migration', () => {
    const vm = vmObject();
    vm.spec.template.spec.domain.devices.interfaces[0].ports = [{ port: 22 }, { port: 49153 }];
    expect(migrationErrors(vm)).toEqual([
      'spec.template.spec.domain.devices.interfaces[0].ports[1].port: InterfaceNotLiveMigratable: interface "default" declares port 49153, which KubeVirt reserves for live migration (49152 and 49153): serve on another port',
    ]);
  });

  test('DisksNotLiveMigratable: a host disk that is not shared', () => {
    expect(migrationErrors(vmObject({ disks: [{ name: 'host', disk: {} }], volumes: [{ name: 'host', hostDisk: { path: '/var/data.img', type: 'DiskOrCreate', capacity: '1Gi' } }] }))).toEqual([
      'spec.template.spec.volumes[1]: DisksNotLiveMigratable: volume "host" is a host disk ("/var/data.img") that is not shared, a file on one node: use a ReadWriteMany PVC, or set hostDisk.shared: true only if every node mounts that path from shared storage',
    ]);
  });

  test('NodeAffinityNotLiveMigratable: required node affinity that admits one node', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-2'] }] }] } } };
    expect(migrationErrors(vmObject({ spec: { affinity } }))).toEqual([
      'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution: NodeAffinityNotLiveMigratable: required node affinity pins the VM to node "worker-2", so no other node can take it: select nodes by a label that several nodes share',
    ]);
    const twoNodes = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1', 'worker-2'] }] }] } } };
    expect(migrationErrors(vmObject({ spec: { affinity: twoNodes } }))).toEqual([]);
  });

  test('a VMI is judged by its own spec, and the analysis works without validateObjects', () => {
    const vmi = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vmi', namespace: 'mq' }, spec: { domain: { cpu: { model: 'host-passthrough' }, devices: {} } } };
    const report = analyzeLiveMigration(vmView(vmi)!, { index: new ObjectIndex([vmi]) });
    expect(report).toMatchObject({ kind: 'VirtualMachineInstance', mode: LiveMigrationMode.OFF, migratable: false });
    // No interfaces: KubeVirt adds a pod interface with the cluster's default binding (its own: bridge), which the cluster decides.
    expect(report.blockers.map((b) => `${b.reason} ${b.path}${b.unresolved ? ' (unresolved)' : ''}`)).toEqual([
      'InterfaceNotLiveMigratable spec.domain.devices (unresolved)',
      'CPUModeLiveMigratable spec.domain.cpu.model',
    ]);
  });
});
