import * as fs from 'fs';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu, PersistentVolumeAccessMode, PersistentVolumeMode, TaintEffect } from 'cdk8s-plus-32';
import { parseAllDocuments } from 'yaml';
import { CloudInitDatasource } from '../../src/compute/cloud-init';
import { CpuModel } from '../../src/compute/cpu-model';
import { Firmware } from '../../src/compute/firmware';
import { Instancetype, Preference } from '../../src/compute/instancetype';
import { RunStrategy } from '../../src/compute/run-strategy';
import { SshKeyPropagation } from '../../src/compute/ssh-keys';
import { TolerationOperator } from '../../src/compute/toleration';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { PodNetworkBinding } from '../../src/network/pod-network';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { DiskBus, DiskCache, DiskType } from '../../src/storage/disk';
import { VolumeSource } from '../../src/storage/volume-source';
import { assertValidManifests } from '../../src/validation/validate-manifests';
import { OTHER_PUBLIC_KEY, PUBLIC_KEY, findObject, secretData, synthValid } from '../helpers';

const FEDORA = 'quay.io/containerdisks/fedora:40';

function newChart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function vmOf(objects: any[], name = 'vm'): any {
  return findObject(objects, 'VirtualMachine', name);
}

function templateSpec(objects: any[], name = 'vm'): any {
  return vmOf(objects, name).spec.template.spec;
}

/** A VM with only what is required. */
function minimal(chart: Chart, props: Partial<VirtualMachineProps> = {}): VirtualMachine {
  return new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '2Gi', ...props });
}

describe('VirtualMachine: output', () => {
  test('a minimal VM: Always, guest memory, pod network with explicit masquerade binding', () => {
    const chart = newChart();
    minimal(chart);
    const objects = synthValid(chart);
    expect(objects).toHaveLength(1);
    expect(vmOf(objects)).toEqual({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'vm' },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: {
              devices: { interfaces: [{ name: 'default', masquerade: {} }] },
              // Derived from namespace and name; KubeVirt would invent random ones (see firmware identity tests).
              firmware: { uuid: '5ad29fca-9c13-5ccb-aa28-7f04a648671b', serial: '4efefa65-faf6-57e4-bebe-d45d97e60660' },
              memory: { guest: '2Gi' },
            },
            networks: [{ name: 'default', pod: {} }],
          },
        },
      },
    });
  });

  test('a full VM (snapshot)', () => {
    const chart = newChart('vms');
    const vm = new VirtualMachine(chart, 'fedora', {
      metadata: { name: 'fedora', labels: { app: 'fedora' }, annotations: { owner: 'platform' } },
      runStrategy: RunStrategy.RERUN_ON_FAILURE,
      cpu: { cores: 2, sockets: 1, threads: 2, model: CpuModel.named('Cascadelake-Server') },
      memory: Size.gibibytes(4),
      resources: { cpu: { request: Cpu.millis(500), limit: Cpu.units(4) }, memory: { request: '4Gi', limit: Size.gibibytes(6) } },
      firmware: Firmware.efi({ secureBoot: true, persistent: true }),
      machineType: 'q35',
      terminationGracePeriod: Duration.seconds(120),
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      tolerations: [{ key: 'virtualization', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
      instanceMetadata: { labels: { app: 'fedora' }, annotations: { 'kubevirt.io/keep-launcher-alive-after-failure': 'true' } },
      disks: [{ name: 'rootdisk', source: VolumeSource.containerDisk(FEDORA), bootOrder: 1 }],
      cloudInit: { userData: { user: 'fedora' }, sshAuthorizedKeys: [PUBLIC_KEY] },
      sshKeys: { publicKeys: [OTHER_PUBLIC_KEY] },
    });
    vm.addDisk('data', VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.blank(),
      size: Size.gibibytes(20),
      accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY],
      volumeMode: PersistentVolumeMode.BLOCK,
      storageClassName: 'ocs-storagecluster-ceph-rbd',
    }));
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('metadata: name, labels and annotations go to the VM; the chart namespace to the VM and its Secrets', () => {
    const chart = newChart('vms');
    const vm = minimal(chart, { metadata: { name: 'vm', labels: { tier: 'db' }, annotations: { note: 'x' } }, cloudInit: { userData: '#cloud-config\n' } });
    const objects = synthValid(chart);
    expect(vm.namespace).toBe('vms');
    expect(vmOf(objects).metadata).toEqual({ name: 'vm', namespace: 'vms', labels: { tier: 'db' }, annotations: { note: 'x' } });
    expect(findObject(objects, 'Secret').metadata).toEqual({ name: 'vm-cloud-init', namespace: 'vms' });
  });

  test('an explicit namespace overrides the chart namespace for the VM and its Secrets', () => {
    const chart = newChart('other');
    const vm = minimal(chart, { metadata: { name: 'vm', namespace: 'vms' }, sshKeys: { publicKeys: [PUBLIC_KEY], propagation: SshKeyPropagation.qemuGuestAgent(['fedora']) } });
    const objects = synthValid(chart);
    expect(vm.namespace).toBe('vms');
    expect(minimal(newChart()).namespace).toBeUndefined();
    expect(vmOf(objects).metadata.namespace).toBe('vms');
    expect(findObject(objects, 'Secret').metadata.namespace).toBe('vms');
  });

  test('without a name, the VM gets a generated DNS-safe name and exposes it', () => {
    const chart = newChart();
    const vm = new VirtualMachine(chart, 'Fedora Server', { memory: '1Gi' });
    const objects = synthValid(chart);
    expect(vm.name).toMatch(/^test-fedoraserver-c8[0-9a-f]{6}$/);
    expect(objects[0].metadata.name).toBe(vm.name);
    expect(vm.kind).toBe('VirtualMachine');
    expect(vm.apiVersion).toBe('kubevirt.io/v1');
    expect(vm.resourceType).toBe('virtualmachines');
  });

  test.each(Object.values(RunStrategy))('runStrategy %s is written as given', (runStrategy) => {
    const chart = newChart();
    const vm = minimal(chart, { runStrategy });
    expect(vm.runStrategy).toBe(runStrategy);
    expect(vmOf(synthValid(chart)).spec.runStrategy).toBe(runStrategy);
  });

  test('cpu: topology, model and dedicated placement', () => {
    const chart = newChart();
    minimal(chart, { cpu: { cores: 4, sockets: 2, threads: 1, model: CpuModel.HOST_PASSTHROUGH, dedicatedCpuPlacement: true } });
    expect(templateSpec(synthValid(chart)).domain.cpu).toEqual({ cores: 4, sockets: 2, threads: 1, model: 'host-passthrough', dedicatedCpuPlacement: true });
  });

  test('CpuModel.HOST_MODEL renders "host-model"', () => {
    const chart = newChart();
    minimal(chart, { cpu: { model: CpuModel.HOST_MODEL } });
    expect(templateSpec(synthValid(chart)).domain.cpu).toEqual({ model: 'host-model' });
  });

  test('memory: a Size is written in the largest whole binary unit, a string as the API server stores it', () => {
    const chart = newChart();
    const a = new VirtualMachine(chart, 'a', { metadata: { name: 'a' }, memory: Size.mebibytes(1536) });
    const b = new VirtualMachine(chart, 'b', { metadata: { name: 'b' }, memory: '1.5Gi' });
    const objects = synthValid(chart);
    expect(a.memory).toBe('1536Mi');
    expect(b.memory).toBe('1.5Gi');
    expect(templateSpec(objects, 'a').domain.memory).toEqual({ guest: '1536Mi' });
    // The VM mutator re-marshals the spec and stores 1.5Gi as 1536Mi: writing that avoids GitOps drift.
    expect(templateSpec(objects, 'b').domain.memory).toEqual({ guest: '1536Mi' });
  });

  test('resources: requests and limits of the virt-launcher pod', () => {
    const chart = newChart();
    minimal(chart, { resources: { cpu: { request: Cpu.millis(250) }, memory: { limit: '3Gi' } } });
    expect(templateSpec(synthValid(chart)).domain.resources).toEqual({ requests: { cpu: '250m' }, limits: { memory: '3Gi' } });
  });

  test('a memory request alone sizes the VM (no guest memory written)', () => {
    const chart = newChart();
    new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, resources: { memory: { request: Size.gibibytes(2) } } });
    const domain = templateSpec(synthValid(chart)).domain;
    expect(domain.memory).toBeUndefined();
    expect(domain.resources).toEqual({ requests: { memory: '2Gi' } });
  });

  test('instancetype and preference references, cluster and namespaced', () => {
    const chart = newChart();
    const a = new VirtualMachine(chart, 'a', { metadata: { name: 'a' }, instancetype: Instancetype.cluster('u1.medium'), preference: Preference.cluster('fedora') });
    new VirtualMachine(chart, 'b', { metadata: { name: 'b' }, instancetype: Instancetype.namespaced('db-large'), preference: Preference.namespaced('rhel9') });
    const objects = synthValid(chart);
    expect(a.instancetype?.name).toBe('u1.medium');
    expect(a.preference?.kind).toBe('VirtualMachineClusterPreference');
    expect(vmOf(objects, 'a').spec.instancetype).toEqual({ name: 'u1.medium', kind: 'VirtualMachineClusterInstancetype' });
    expect(vmOf(objects, 'a').spec.preference).toEqual({ name: 'fedora', kind: 'VirtualMachineClusterPreference' });
    expect(vmOf(objects, 'b').spec.instancetype).toEqual({ name: 'db-large', kind: 'VirtualMachineInstancetype' });
    expect(vmOf(objects, 'b').spec.preference).toEqual({ name: 'rhel9', kind: 'VirtualMachinePreference' });
    expect(templateSpec(objects, 'a').domain.memory).toBeUndefined();
    expect(templateSpec(objects, 'a').domain.cpu).toBeUndefined();
  });

  test('a preference goes with explicit cpu and memory', () => {
    const chart = newChart();
    minimal(chart, { cpu: { cores: 2 }, preference: Preference.cluster('windows.2k22') });
    const objects = synthValid(chart);
    expect(vmOf(objects).spec.preference).toEqual({ name: 'windows.2k22', kind: 'VirtualMachineClusterPreference' });
    expect(templateSpec(objects).domain.cpu).toEqual({ cores: 2 });
  });

  test('firmware: BIOS, EFI without Secure Boot, EFI with Secure Boot enables SMM', () => {
    const chart = newChart();
    new VirtualMachine(chart, 'bios', { metadata: { name: 'bios' }, memory: '1Gi', firmware: Firmware.bios() });
    new VirtualMachine(chart, 'efi', { metadata: { name: 'efi' }, memory: '1Gi', firmware: Firmware.efi() });
    new VirtualMachine(chart, 'secure', { metadata: { name: 'secure' }, memory: '1Gi', firmware: Firmware.efi({ secureBoot: true, persistent: true }) });
    const objects = synthValid(chart);
    const bootloaderOf = (name: string) => templateSpec(objects, name).domain.firmware.bootloader;
    expect(bootloaderOf('bios')).toEqual({ bios: {} });
    expect(templateSpec(objects, 'bios').domain.features).toBeUndefined();
    // KubeVirt's own default for secureBoot is true, so false is written explicitly.
    expect(bootloaderOf('efi')).toEqual({ efi: { secureBoot: false } });
    expect(templateSpec(objects, 'efi').domain.features).toBeUndefined();
    expect(bootloaderOf('secure')).toEqual({ efi: { secureBoot: true, persistent: true } });
    expect(templateSpec(objects, 'secure').domain.features).toEqual({ smm: { enabled: true } });
  });

  test('machine type, termination grace period and node selector', () => {
    const chart = newChart();
    minimal(chart, { machineType: 'pc-q35-rhel9.4.0', terminationGracePeriod: Duration.minutes(3), nodeSelector: { 'node-role.kubernetes.io/worker': '' } });
    const spec = templateSpec(synthValid(chart));
    expect(spec.domain.machine).toEqual({ type: 'pc-q35-rhel9.4.0' });
    expect(spec.terminationGracePeriodSeconds).toBe(180);
    expect(spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '' });
  });

  test('tolerations from props and addToleration, in order', () => {
    const chart = newChart();
    const vm = minimal(chart, { tolerations: [{ key: 'a', value: 'x', effect: TaintEffect.NO_SCHEDULE }] });
    vm.addToleration({ key: 'b', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: Duration.seconds(30) });
    expect(templateSpec(synthValid(chart)).tolerations).toEqual([
      { key: 'a', value: 'x', effect: 'NoSchedule' },
      { key: 'b', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
  });

  test('affinity is passed through as for a Pod', () => {
    const chart = newChart();
    const affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'mq' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    minimal(chart, { affinity });
    expect(templateSpec(synthValid(chart)).affinity).toEqual(affinity);
  });

  test('instanceMetadata labels and annotations go to the template', () => {
    const chart = newChart();
    minimal(chart, { instanceMetadata: { labels: { app: 'mq' } } });
    expect(vmOf(synthValid(chart)).spec.template.metadata).toEqual({ labels: { app: 'mq' } });
  });

  test('pod network: bridge binding and a custom interface name when asked', () => {
    const chart = newChart();
    const vm = minimal(chart, { podNetwork: { binding: PodNetworkBinding.BRIDGE, interfaceName: 'pod' } });
    const spec = templateSpec(synthValid(chart));
    expect(vm.podNetwork).toEqual({ enabled: true, binding: PodNetworkBinding.BRIDGE, interfaceName: 'pod', ports: [] });
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'pod', bridge: {} }]);
    expect(spec.networks).toEqual([{ name: 'pod', pod: {} }]);
  });

  test('pod network disabled: no interface, and KubeVirt told not to add one', () => {
    const chart = newChart();
    minimal(chart, { podNetwork: { enabled: false } });
    const spec = templateSpec(synthValid(chart));
    expect(spec.domain.devices).toEqual({ autoattachPodInterface: false });
    expect(spec.networks).toBeUndefined();
  });

  test('output is byte-identical across two syntheses of the same program', () => {
    const build = () => {
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      const vm = minimal(chart, { cloudInit: { userData: { user: 'fedora', packages: ['a', 'b'] } } });
      vm.addDisk('root', VolumeSource.containerDisk(FEDORA));
      return app.synthYaml();
    };
    const first = build();
    expect(build()).toBe(first);
    assertValidManifests(parseAllDocuments(first).map((d) => d.toJS()));
  });
});

describe('VirtualMachine: output as the cluster stores it, so GitOps diffs show no drift', () => {
  test('quantities are written in the form the VM mutator stores (apimachinery canonical form)', () => {
    const chart = newChart();
    const vm = minimal(chart, {
      memory: '1024Mi',
      resources: { cpu: { request: Cpu.units(0.5), limit: Cpu.millis(2000) }, memory: { request: '0.5Gi', limit: '2048Mi' } },
    });
    vm.addDisk('scratch', VolumeSource.emptyDisk('1024Mi'));
    vm.addDisk('data', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '2000M' }));
    const objects = synthValid(chart);
    const spec = templateSpec(objects);
    expect(vm.memory).toBe('1024Mi');
    expect(spec.domain.memory).toEqual({ guest: '1Gi' });
    expect(spec.domain.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } });
    expect(spec.volumes.find((v: any) => v.name === 'scratch').emptyDisk).toEqual({ capacity: '1Gi' });
    expect(vmOf(objects).spec.dataVolumeTemplates[0].spec.storage.resources).toEqual({ requests: { storage: '2G' } });
  });

  test('false and empty values of plain (non-pointer) omitempty fields are left out, as KubeVirt drops them', () => {
    const chart = newChart();
    const vm = minimal(chart, {
      cpu: { cores: 2, dedicatedCpuPlacement: false },
      nodeSelector: {},
      instanceMetadata: { labels: {}, annotations: {} },
      tolerations: [{ key: '', operator: TolerationOperator.EXISTS }, { key: 'gpu', operator: TolerationOperator.EQUAL, value: '' }],
    });
    vm.addDisk('root', VolumeSource.containerDisk(FEDORA, { path: '', imagePullSecret: '' }), { readOnly: false, serial: '' });
    vm.addDisk('shared', VolumeSource.persistentVolumeClaim('quorum', { hotpluggable: false }), { type: DiskType.LUN, readOnly: false });
    vm.addDisk('data', VolumeSource.dataVolume('golden', { hotpluggable: false }));
    const objects = synthValid(chart);
    const spec = templateSpec(objects);
    expect(spec.domain.cpu).toEqual({ cores: 2 });
    expect(spec.domain.devices.disks).toEqual([
      { name: 'root', disk: { bus: 'virtio' } },
      { name: 'shared', lun: { bus: 'scsi' } },
      { name: 'data', disk: { bus: 'virtio' } },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'root', containerDisk: { image: FEDORA } },
      { name: 'shared', persistentVolumeClaim: { claimName: 'quorum' } },
      { name: 'data', dataVolume: { name: 'golden' } },
    ]);
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }, { key: 'gpu', operator: 'Equal' }]);
    expect(spec).not.toHaveProperty('nodeSelector');
    expect(vmOf(objects).spec.template).not.toHaveProperty('metadata');
  });

  test('true values are written, and pointer fields (*bool) keep false', () => {
    const chart = newChart();
    const vm = minimal(chart, {
      cpu: { dedicatedCpuPlacement: true }, podNetwork: { enabled: false }, firmware: Firmware.efi({ secureBoot: false }),
    });
    vm.addDisk('data', VolumeSource.dataVolume('golden', { hotpluggable: true }), { readOnly: true });
    const spec = templateSpec(synthValid(chart));
    expect(spec.domain.cpu).toEqual({ dedicatedCpuPlacement: true });
    expect(spec.domain.devices.disks).toEqual([{ name: 'data', disk: { bus: 'virtio', readonly: true } }]);
    expect(spec.volumes).toEqual([{ name: 'data', dataVolume: { name: 'golden', hotpluggable: true } }]);
    expect(spec.domain.devices.autoattachPodInterface).toBe(false);
    expect(spec.domain.firmware.bootloader).toEqual({ efi: { secureBoot: false } });
  });

  test('a CPU amount that is not a positive quantity is refused with the prop and the fix', () => {
    expect(() => minimal(newChart(), { resources: { cpu: { limit: Cpu.units(NaN) } } }))
      .toThrow('[test/vm] resources.cpu.limit "NaN" is not a positive CPU quantity: use e.g. Cpu.millis(500) or Cpu.units(2)');
    expect(() => minimal(newChart(), { resources: { cpu: { request: Cpu.millis(-5) } } }))
      .toThrow('[test/vm] resources.cpu.request "-5m" is not a positive CPU quantity: use e.g. Cpu.millis(500) or Cpu.units(2)');
  });
});

describe('VirtualMachine: disks', () => {
  test('addDisk after construction reaches the output, with the volume of the same name', () => {
    const chart = newChart();
    const vm = minimal(chart);
    const disk = vm.addDisk('root', VolumeSource.containerDisk(FEDORA), { bootOrder: 1 });
    expect(disk).toEqual({ name: 'root', source: expect.any(VolumeSource), type: DiskType.DISK, bus: DiskBus.VIRTIO, bootOrder: 1 });
    expect(vm.disks.map((d) => d.name)).toEqual(['root']);
    const spec = templateSpec(synthValid(chart));
    expect(spec.domain.devices.disks).toEqual([{ name: 'root', bootOrder: 1, disk: { bus: 'virtio' } }]);
    expect(spec.volumes).toEqual([{ name: 'root', containerDisk: { image: FEDORA } }]);
  });

  test('disk types, buses and options', () => {
    const chart = newChart();
    const vm = minimal(chart);
    vm.addDisk('root', VolumeSource.persistentVolumeClaim('root-pvc'), { bus: DiskBus.SATA, cache: DiskCache.WRITE_THROUGH, serial: 'ROOT01', bootOrder: 2 });
    vm.addDisk('install', VolumeSource.persistentVolumeClaim('win-iso'), { type: DiskType.CDROM, bootOrder: 1 });
    vm.addDisk('drivers', VolumeSource.containerDisk('quay.io/kubevirt/virtio-container-disk:v1.5.0'), { type: DiskType.CDROM, bus: DiskBus.SCSI });
    vm.addDisk('shared', VolumeSource.persistentVolumeClaim('quorum'), { type: DiskType.LUN, readOnly: true });
    vm.addDisk('ro', VolumeSource.dataVolume('reference-data'), { readOnly: true, bus: DiskBus.USB });
    expect(templateSpec(synthValid(chart)).domain.devices.disks).toEqual([
      { name: 'root', bootOrder: 2, serial: 'ROOT01', cache: 'writethrough', disk: { bus: 'sata' } },
      { name: 'install', bootOrder: 1, cdrom: { bus: 'sata' } },
      { name: 'drivers', cdrom: { bus: 'scsi' } },
      { name: 'shared', lun: { bus: 'scsi', readonly: true } },
      { name: 'ro', disk: { bus: 'usb', readonly: true } },
    ]);
  });

  test('a DataVolume template is named <vm>-<disk> by default and listed in dataVolumeTemplates', () => {
    const chart = newChart();
    const vm = minimal(chart);
    vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:40'), size: '30Gi' }));
    vm.addDisk('logs', VolumeSource.dataVolumeTemplate({ name: 'vm-logs-disk', source: DataVolumeSource.blank(), size: Size.gibibytes(5) }));
    const objects = synthValid(chart);
    expect(vmOf(objects).spec.dataVolumeTemplates).toEqual([
      { metadata: { name: 'vm-root' }, spec: { source: { registry: { url: 'docker://quay.io/containerdisks/fedora:40' } }, storage: { resources: { requests: { storage: '30Gi' } } } } },
      { metadata: { name: 'vm-logs-disk' }, spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '5Gi' } } } } },
    ]);
    expect(templateSpec(objects).volumes).toEqual([
      { name: 'root', dataVolume: { name: 'vm-root' } },
      { name: 'logs', dataVolume: { name: 'vm-logs-disk' } },
    ]);
  });

  test('a VM that owns DataVolume templates is kept from GitOps deletion (its disks go with it); opt out with pruneProtection: false', () => {
    const template = () => VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '1Gi' });
    const chart = newChart();
    minimal(chart, { disks: [{ name: 'root', source: template() }] });
    new VirtualMachine(chart, 'later', { metadata: { name: 'later' }, memory: '1Gi' }).addDisk('data', template());
    new VirtualMachine(chart, 'stateless', { metadata: { name: 'stateless' }, memory: '1Gi', disks: [{ name: 'root', source: VolumeSource.containerDisk(FEDORA) }] });
    new VirtualMachine(chart, 'opted-out', { metadata: { name: 'opted-out' }, memory: '1Gi', pruneProtection: false }).addDisk('data', template());
    const objects = synthValid(chart);
    const kept = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };
    expect(vmOf(objects).metadata.annotations).toEqual(kept);
    expect(vmOf(objects, 'later').metadata.annotations).toEqual(kept);
    expect(vmOf(objects, 'stateless').metadata.annotations).toBeUndefined();
    expect(vmOf(objects, 'opted-out').metadata.annotations).toBeUndefined();
    expect(() => minimal(newChart(), { pruneProtection: 'yes' as any })).toThrow(new Error('[test/vm] pruneProtection "yes" must be true or false (false lets GitOps delete the VM and the disks of its DataVolume templates)'));
  });

  test('disks from props come before disks added later', () => {
    const chart = newChart();
    const vm = minimal(chart, { disks: [{ name: 'a', source: VolumeSource.containerDisk(FEDORA) }] });
    vm.addDisk('b', VolumeSource.emptyDisk('1Gi'));
    expect(templateSpec(synthValid(chart)).volumes.map((v: any) => v.name)).toEqual(['a', 'b']);
  });
});

describe('VirtualMachine: cloud-init', () => {
  test('NoCloud by default: user data in a generated Secret, referenced by secretRef, never inline', () => {
    const chart = newChart();
    const vm = minimal(chart);
    vm.addCloudInit({ userData: { user: 'fedora', password: 'hunter2', chpasswd: { expire: false } } });
    const objects = synthValid(chart);
    const spec = templateSpec(objects);
    expect(vm.cloudInitDatasource).toBe(CloudInitDatasource.NO_CLOUD);
    expect(spec.volumes).toEqual([{ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'vm-cloud-init' } } }]);
    expect(spec.domain.devices.disks).toEqual([{ name: 'cloudinitdisk', disk: { bus: 'virtio' } }]);
    const secret = findObject(objects, 'Secret', 'vm-cloud-init');
    expect(secret.type).toBe('Opaque');
    expect(secretData(secret)).toEqual({ userdata: '#cloud-config\nuser: fedora\npassword: hunter2\nchpasswd:\n  expire: false\n' });
    expect(JSON.stringify(vmOf(objects))).not.toContain('hunter2');
  });

  test('ConfigDrive with network data: both keys in one Secret', () => {
    const chart = newChart();
    const vm = minimal(chart);
    vm.addCloudInit({
      datasource: CloudInitDatasource.CONFIG_DRIVE,
      userData: '#!/bin/sh\necho hello\n',
      networkData: { version: 2, ethernets: { eth0: { dhcp4: true } } },
      diskName: 'config',
    });
    const objects = synthValid(chart);
    expect(templateSpec(objects).volumes).toEqual([
      { name: 'config', cloudInitConfigDrive: { secretRef: { name: 'vm-cloud-init' }, networkDataSecretRef: { name: 'vm-cloud-init' } } },
    ]);
    expect(secretData(findObject(objects, 'Secret'))).toEqual({
      userdata: '#!/bin/sh\necho hello\n',
      networkdata: 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n',
    });
  });

  test('existing Secrets are referenced and no Secret is generated', () => {
    const chart = newChart();
    minimal(chart, { cloudInit: { userDataSecret: 'sealed-userdata', networkDataSecret: 'sealed-networkdata' } });
    const objects = synthValid(chart);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(templateSpec(objects).volumes).toEqual([
      { name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'sealed-userdata' }, networkDataSecretRef: { name: 'sealed-networkdata' } } },
    ]);
  });

  test('network data alone, with user data from an existing Secret', () => {
    const chart = newChart();
    minimal(chart, { cloudInit: { userDataSecret: 'sealed-userdata', networkData: 'version: 1\n' } });
    const objects = synthValid(chart);
    expect(secretData(findObject(objects, 'Secret'))).toEqual({ networkdata: 'version: 1\n' });
    expect(templateSpec(objects).volumes[0].cloudInitNoCloud).toEqual({ secretRef: { name: 'sealed-userdata' }, networkDataSecretRef: { name: 'vm-cloud-init' } });
  });

  test('sshAuthorizedKeys are merged into the cloud-config', () => {
    const chart = newChart();
    minimal(chart, { cloudInit: { userData: '#cloud-config\nuser: fedora\nssh_authorized_keys:\n  - ' + OTHER_PUBLIC_KEY + '\n', sshAuthorizedKeys: [PUBLIC_KEY] } });
    expect(secretData(findObject(synthValid(chart), 'Secret')).userdata).toBe(
      `#cloud-config\nuser: fedora\nssh_authorized_keys:\n  - ${OTHER_PUBLIC_KEY}\n  - ${PUBLIC_KEY}\n`);
  });
});

describe('VirtualMachine: SSH keys through access credentials', () => {
  test('public keys go to a generated Secret, propagated through NoCloud', () => {
    const chart = newChart();
    const vm = minimal(chart, { cloudInit: { userData: { user: 'fedora' } } });
    vm.addSshKeys({ publicKeys: [PUBLIC_KEY, ` ${OTHER_PUBLIC_KEY}\n`] });
    const objects = synthValid(chart);
    expect(templateSpec(objects).accessCredentials).toEqual([
      { sshPublicKey: { source: { secret: { secretName: 'vm-ssh-keys' } }, propagationMethod: { noCloud: {} } } },
    ]);
    expect(secretData(findObject(objects, 'Secret', 'vm-ssh-keys'))).toEqual({ key1: PUBLIC_KEY, key2: OTHER_PUBLIC_KEY });
  });

  test('propagation follows a ConfigDrive cloud-init added later', () => {
    const chart = newChart();
    const vm = minimal(chart);
    vm.addSshKeys({ secretName: 'team-keys' });
    vm.addCloudInit({ datasource: CloudInitDatasource.CONFIG_DRIVE, userData: { hostname: 'vm' } });
    expect(templateSpec(synthValid(chart)).accessCredentials).toEqual([
      { sshPublicKey: { source: { secret: { secretName: 'team-keys' } }, propagationMethod: { configDrive: {} } } },
    ]);
  });

  test('explicit propagation, and a second call gets its own Secret', () => {
    const chart = newChart();
    const vm = minimal(chart, { cloudInit: { userData: {} } });
    vm.addSshKeys({ publicKeys: [PUBLIC_KEY], propagation: SshKeyPropagation.qemuGuestAgent(['fedora', 'admin']) });
    vm.addSshKeys({ publicKeys: [OTHER_PUBLIC_KEY], propagation: SshKeyPropagation.noCloud() });
    const objects = synthValid(chart);
    expect(templateSpec(objects).accessCredentials).toEqual([
      { sshPublicKey: { source: { secret: { secretName: 'vm-ssh-keys' } }, propagationMethod: { qemuGuestAgent: { users: ['fedora', 'admin'] } } } },
      { sshPublicKey: { source: { secret: { secretName: 'vm-ssh-keys-2' } }, propagationMethod: { noCloud: {} } } },
    ]);
    expect(secretData(findObject(objects, 'Secret', 'vm-ssh-keys-2'))).toEqual({ key1: OTHER_PUBLIC_KEY });
  });

  test('SshKeyPropagation.configDrive() is written as configDrive', () => {
    const chart = newChart();
    minimal(chart, {
      cloudInit: { datasource: CloudInitDatasource.CONFIG_DRIVE, userData: {} },
      sshKeys: { secretName: 'keys', propagation: SshKeyPropagation.configDrive() },
    });
    expect(templateSpec(synthValid(chart)).accessCredentials[0].sshPublicKey.propagationMethod).toEqual({ configDrive: {} });
  });
});

describe('VirtualMachine: errors name the construct path, the value and the fix', () => {
  const cases: Array<[string, (chart: Chart) => unknown, string]> = [
    ['invalid VM name', (c) => minimal(c, { metadata: { name: 'My_VM' } }),
      '[test/vm] metadata.name "My_VM" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "my-vm") (KubeVirt uses it as hostname and label value)'],
    ['VM name with a dot', (c) => minimal(c, { metadata: { name: 'db.prod' } }),
      '[test/vm] metadata.name "db.prod" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "db-prod") (KubeVirt uses it as hostname and label value)'],
    ['VM name over 63 characters', (c) => minimal(c, { metadata: { name: 'v'.repeat(64) } }),
      `[test/vm] metadata.name "${'v'.repeat(64)}" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. "${'v'.repeat(63)}") (KubeVirt uses it as hostname and label value)`],
    ['invalid namespace', (c) => minimal(c, { metadata: { name: 'vm', namespace: 'VMs' } }),
      '[test/vm] metadata.namespace "VMs" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "vms")'],
    ['unknown run strategy', (c) => minimal(c, { runStrategy: 'Sometimes' as RunStrategy }),
      '[test/vm] runStrategy "Sometimes" is not one of "Always", "RerunOnFailure", "Manual", "Halted", "Once": use RunStrategy.ALWAYS, for example'],
    ['no memory', (c) => new VirtualMachine(c, 'vm', { metadata: { name: 'vm' } }),
      '[test/vm] memory is not set: give memory (e.g. Size.gibibytes(4)), resources.memory.request, or an instancetype'],
    ['bad memory string', (c) => minimal(c, { memory: '4GB' }),
      '[test/vm] memory "4GB" is not a Kubernetes quantity (Kubernetes writes "4Gi", not "4GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['garbage memory', (c) => minimal(c, { memory: 'lots' }),
      '[test/vm] memory "lots" is not a Kubernetes quantity: write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['zero memory', (c) => minimal(c, { memory: Size.gibibytes(0) }),
      '[test/vm] memory "0" must be greater than zero'],
    ['zero CPUs', (c) => minimal(c, { cpu: { cores: 0 } }),
      '[test/vm] cpu.cores 0 must be a whole number of at least 1'],
    ['fractional sockets', (c) => minimal(c, { cpu: { sockets: 1.5 } }),
      '[test/vm] cpu.sockets 1.5 must be a whole number of at least 1'],
    ['cpu model as a string', (c) => minimal(c, { cpu: { model: 'host-model' as unknown as CpuModel } }),
      '[test/vm] cpu.model "host-model" must be a CpuModel: CpuModel.HOST_MODEL, CpuModel.HOST_PASSTHROUGH or CpuModel.named("...")'],
    ['instancetype with cpu and memory', (c) => minimal(c, { cpu: { cores: 2 }, instancetype: Instancetype.cluster('u1.medium') }),
      '[test/vm] cpu, memory conflict with instancetype "u1.medium" (KubeVirt rejects the VM): the instancetype sets CPU and memory; drop cpu and memory, or drop the instancetype'],
    ['instancetype with a memory request', (c) => new VirtualMachine(c, 'vm', { instancetype: Instancetype.namespaced('big'), resources: { memory: { request: '1Gi' } } }),
      '[test/vm] resources.memory.request conflicts with instancetype "big" (KubeVirt rejects the VM): the instancetype sets CPU and memory; drop resources.memory.request, or drop the instancetype'],
    ['instancetype as a string', (c) => new VirtualMachine(c, 'vm', { instancetype: 'u1.medium' as unknown as Instancetype }),
      '[test/vm] instancetype must be Instancetype.cluster("...") or Instancetype.namespaced("...")'],
    ['preference as a string', (c) => minimal(c, { preference: 'fedora' as unknown as Preference }),
      '[test/vm] preference must be Preference.cluster("...") or Preference.namespaced("...")'],
    ['memory request above limit', (c) => minimal(c, { resources: { memory: { request: '4Gi', limit: '2Gi' } } }),
      '[test/vm] resources.memory.request "4Gi" is more than resources.memory.limit "2Gi": a request cannot exceed its limit'],
    ['guest memory above limit', (c) => minimal(c, { memory: '8Gi', resources: { memory: { limit: '4Gi' } } }),
      '[test/vm] memory "8Gi" is more than resources.memory.limit "4Gi": the guest cannot have more memory than the pod\'s limit; raise the limit or lower memory'],
    ['cpu request above limit', (c) => minimal(c, { resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(500) } } }),
      '[test/vm] resources.cpu.request "2" is more than resources.cpu.limit "500m": a request cannot exceed its limit'],
    ['bad machine type', (c) => minimal(c, { machineType: 'q35 please' }),
      '[test/vm] machineType "q35 please" is not a machine type name: use e.g. "q35" or "pc-q35-rhel9.4.0", or leave it out for the cluster default'],
    ['fractional grace period', (c) => minimal(c, { terminationGracePeriod: Duration.millis(1500) }),
      '[test/vm] terminationGracePeriod of 1.5 seconds must be a whole number of seconds, 0 or more'],
    ['firmware as a string', (c) => minimal(c, { firmware: 'efi' as unknown as Firmware }),
      '[test/vm] firmware must be Firmware.bios() or Firmware.efi({ ... })'],
    ['non-string node selector value', (c) => minimal(c, { nodeSelector: { gpu: true as unknown as string } }),
      '[test/vm] nodeSelector["gpu"] true must be a string: node labels are strings, write "true"'],
    ['unknown pod network binding', (c) => minimal(c, { podNetwork: { binding: 'slirp' as PodNetworkBinding } }),
      '[test/vm] podNetwork.binding "slirp" is not one of "masquerade", "bridge", "passt": use PodNetworkBinding.MASQUERADE or PASST'],
    ['bad interface name', (c) => minimal(c, { podNetwork: { interfaceName: 'eth_0' } }),
      '[test/vm] podNetwork.interfaceName "eth_0" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "eth-0")'],
    ['toleration with Exists and a value', (c) => minimal(c, { tolerations: [{ key: 'k', operator: TolerationOperator.EXISTS, value: 'v' }] }),
      '[test/vm] toleration for key "k": operator Exists matches any value, so value "v" must be left out (or use TolerationOperator.EQUAL)'],
  ];

  test.each(cases)('%s', (_, build, message) => {
    expect(() => build(newChart())).toThrow(new Error(message));
  });

  const diskCases: Array<[string, (vm: VirtualMachine) => unknown, string]> = [
    ['invalid disk name', (vm) => vm.addDisk('Root Disk', VolumeSource.containerDisk(FEDORA)),
      '[test/vm] disk name "Root Disk" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "root-disk")'],
    ['duplicate disk name', (vm) => { vm.addDisk('root', VolumeSource.containerDisk(FEDORA)); vm.addDisk('root', VolumeSource.emptyDisk('1Gi')); },
      '[test/vm] disk name "root" is used twice: every disk of a VM needs its own name'],
    ['disk name taken by cloud-init', (vm) => { vm.addCloudInit({ userData: {} }); vm.addDisk('cloudinitdisk', VolumeSource.emptyDisk('1Gi')); },
      '[test/vm] disk name "cloudinitdisk" is used twice: every disk of a VM needs its own name'],
    ['source that is not a VolumeSource', (vm) => vm.addDisk('root', { image: FEDORA } as unknown as VolumeSource),
      '[test/vm] disk "root": source must be a VolumeSource, e.g. VolumeSource.containerDisk("quay.io/containerdisks/fedora:40")'],
    ['unknown disk type', (vm) => vm.addDisk('root', VolumeSource.containerDisk(FEDORA), { type: 'floppy' as DiskType }),
      '[test/vm] disk "root": type "floppy" is not one of "disk", "cdrom", "lun": use DiskType.DISK, DiskType.CDROM or DiskType.LUN'],
    ['unknown bus', (vm) => vm.addDisk('root', VolumeSource.containerDisk(FEDORA), { bus: 'ide' as DiskBus }),
      '[test/vm] disk "root": bus "ide" is not one of "virtio", "sata", "scsi", "usb"'],
    ['virtio CD-ROM', (vm) => vm.addDisk('iso', VolumeSource.persistentVolumeClaim('iso'), { type: DiskType.CDROM, bus: DiskBus.VIRTIO }),
      '[test/vm] disk "iso": a CD-ROM cannot use the virtio bus: use DiskBus.SATA (the default for CD-ROMs) or DiskBus.SCSI'],
    ['boot order zero', (vm) => vm.addDisk('root', VolumeSource.containerDisk(FEDORA), { bootOrder: 0 }),
      '[test/vm] disk "root": bootOrder 0 must be a whole number of at least 1 (1 boots first)'],
    ['two boot disks with the same order', (vm) => {
      vm.addDisk('root', VolumeSource.containerDisk(FEDORA), { bootOrder: 1 });
      vm.addDisk('iso', VolumeSource.persistentVolumeClaim('iso'), { type: DiskType.CDROM, bootOrder: 1 });
    }, '[test/vm] disk "iso": bootOrder 1 is already used by disk "root": give each boot disk its own order'],
    ['same claim twice', (vm) => {
      vm.addDisk('a', VolumeSource.persistentVolumeClaim('data'));
      vm.addDisk('b', VolumeSource.dataVolume('data'));
    }, '[test/vm] disk "b": "data" is already attached as disk "a": a claim can back only one disk of a VM'],
  ];

  test.each(diskCases)('addDisk: %s', (_, act, message) => {
    const vm = minimal(newChart());
    expect(() => act(vm)).toThrow(new Error(message));
  });

  const cloudInitCases: Array<[string, (vm: VirtualMachine) => unknown, string]> = [
    ['second cloud-init', (vm) => { vm.addCloudInit({ userData: {} }); vm.addCloudInit({ userData: {} }); },
      '[test/vm] cloud-init is already configured: a VM has one cloud-init disk; put everything into one addCloudInit(...) call'],
    ['unknown datasource', (vm) => vm.addCloudInit({ datasource: 'Ec2' as CloudInitDatasource, userData: {} }),
      '[test/vm] cloud-init datasource "Ec2" is not one of "NoCloud", "ConfigDrive"'],
    ['bad disk name', (vm) => vm.addCloudInit({ userData: {}, diskName: 'Cloud Init' }),
      '[test/vm] cloud-init diskName "Cloud Init" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "cloud-init")'],
    ['disk name already a disk', (vm) => { vm.addDisk('seed', VolumeSource.emptyDisk('1Gi')); vm.addCloudInit({ userData: {}, diskName: 'seed' }); },
      '[test/vm] cloud-init diskName "seed" is already a disk of this VM: pass another diskName'],
    ['user data and its Secret', (vm) => vm.addCloudInit({ userData: {}, userDataSecret: 's' }),
      '[test/vm] cloud-init: userDataSecret names an existing Secret, so userData and sshAuthorizedKeys cannot be given too: put them into that Secret, or drop userDataSecret'],
    ['network data and its Secret', (vm) => vm.addCloudInit({ networkData: {}, networkDataSecret: 's' }),
      '[test/vm] cloud-init: networkDataSecret names an existing Secret, so networkData cannot be given too: put it into that Secret, or drop networkDataSecret'],
    ['bad Secret name', (vm) => vm.addCloudInit({ userDataSecret: 'User Data' }),
      '[test/vm] cloud-init userDataSecret "User Data" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "user-data")'],
    ['nothing to deliver', (vm) => vm.addCloudInit({}),
      '[test/vm] cloud-init has nothing to deliver: give userData, networkData, sshAuthorizedKeys or an existing Secret'],
    ['private key as an authorized key', (vm) => vm.addCloudInit({ sshAuthorizedKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...'] }),
      '[test/vm] cloud-init: sshAuthorizedKeys[0] is a PRIVATE key: never put it in a manifest; pass the public key (the .pub file) instead'],
    ['keys into a shell script', (vm) => vm.addCloudInit({ userData: '#!/bin/sh\n', sshAuthorizedKeys: [PUBLIC_KEY] }),
      '[test/vm] cloud-init: sshAuthorizedKeys can only be merged into #cloud-config user data: put the keys in your script, or use vm.addSshKeys(...) instead'],
  ];

  test.each(cloudInitCases)('addCloudInit: %s', (_, act, message) => {
    const vm = minimal(newChart());
    expect(() => act(vm)).toThrow(new Error(message));
  });

  const sshCases: Array<[string, (vm: VirtualMachine) => unknown, string]> = [
    ['neither keys nor Secret', (vm) => vm.addSshKeys({}),
      '[test/vm] addSshKeys needs exactly one of publicKeys (keys written here) or secretName (an existing Secret)'],
    ['both keys and Secret', (vm) => vm.addSshKeys({ publicKeys: [PUBLIC_KEY], secretName: 'keys' }),
      '[test/vm] addSshKeys needs exactly one of publicKeys (keys written here) or secretName (an existing Secret)'],
    ['empty key list', (vm) => vm.addSshKeys({ publicKeys: [] }),
      '[test/vm] addSshKeys: publicKeys is empty: pass at least one public key, e.g. the content of ~/.ssh/id_ed25519.pub'],
    ['not a public key', (vm) => vm.addSshKeys({ publicKeys: [PUBLIC_KEY, 'AAAAC3NzaC1lZDI1NTE5'] }),
      '[test/vm] addSshKeys: publicKeys[1] is not an OpenSSH public key: pass one line such as "ssh-ed25519 AAAA... user@host" (the .pub file)'],
    ['private key', (vm) => vm.addSshKeys({ publicKeys: ['-----BEGIN RSA PRIVATE KEY-----'] }),
      '[test/vm] addSshKeys: publicKeys[0] is a PRIVATE key: never put it in a manifest; pass the public key (the .pub file) instead'],
    ['bad Secret name', (vm) => vm.addSshKeys({ secretName: 'Team Keys' }),
      '[test/vm] addSshKeys: secretName "Team Keys" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "team-keys")'],
    ['generated Secret name too long for KubeVirt\'s pod volume', (vm) => {
      const long = new VirtualMachine(vm.node.scope as Chart, 'long', { metadata: { name: 'a'.repeat(43) }, memory: '1Gi' });
      long.addSshKeys({ publicKeys: [PUBLIC_KEY] });
    }, `[test/long] addSshKeys: Secret name "${'a'.repeat(43)}-ssh-keys" has 52 characters; KubeVirt mounts it as a pod volume named "<secret>-access-cred", which must fit in 63, so at most 51: shorten the VM name or pass a shorter secretName`],
    ['existing Secret name too long', (vm) => vm.addSshKeys({ secretName: 's'.repeat(52) }),
      `[test/vm] addSshKeys: Secret name "${'s'.repeat(52)}" has 52 characters; KubeVirt mounts it as a pod volume named "<secret>-access-cred", which must fit in 63, so at most 51: shorten the VM name or pass a shorter secretName`],
    ['propagation as a string', (vm) => vm.addSshKeys({ secretName: 'keys', propagation: 'noCloud' as unknown as SshKeyPropagation }),
      '[test/vm] addSshKeys: propagation must be SshKeyPropagation.noCloud(), .configDrive() or .qemuGuestAgent([...])'],
  ];

  test.each(sshCases)('addSshKeys: %s', (_, act, message) => {
    const vm = minimal(newChart());
    expect(() => act(vm)).toThrow(new Error(message));
  });

  test('addSshKeys: a refused call leaves no generated Secret behind', () => {
    const chart = newChart();
    const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'a'.repeat(43) }, memory: '1Gi' });
    expect(() => vm.addSshKeys({ publicKeys: [PUBLIC_KEY] })).toThrow(/has 52 characters/);
    const short = new VirtualMachine(chart, 'short', { metadata: { name: 'short' }, memory: '1Gi' });
    expect(() => short.addSshKeys({ publicKeys: [PUBLIC_KEY], propagation: 'noCloud' as unknown as SshKeyPropagation })).toThrow(/propagation must be/);
    expect(synthValid(chart).map((o) => o.kind)).toEqual(['VirtualMachine', 'VirtualMachine']);
  });

  test('addSshKeys: a Secret name of exactly 51 characters is accepted', () => {
    const chart = newChart();
    const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'a'.repeat(42) }, memory: '1Gi', podNetwork: { enabled: true } });
    vm.addSshKeys({ publicKeys: [PUBLIC_KEY], propagation: SshKeyPropagation.qemuGuestAgent(['fedora']) });
    expect(findObject(synthValid(chart), 'Secret').metadata.name).toHaveLength(51);
  });

  test('at synth: NoCloud key propagation without cloud-init fails, and nothing is written', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    minimal(chart, { sshKeys: { publicKeys: [PUBLIC_KEY] } });
    expect(() => app.synth()).toThrow(new Error('Validation failed with the following errors:\n  [test/vm] SSH keys from Secret "vm-ssh-keys" are propagated through noCloud, but the VM has no cloud-init: add cloud-init with datasource NoCloud (vm.addCloudInit({ ... })) or use SshKeyPropagation.qemuGuestAgent([...])'));
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('at synth: ConfigDrive propagation with NoCloud cloud-init fails', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'test');
    minimal(chart, { cloudInit: { userData: {} }, sshKeys: { secretName: 'keys', propagation: SshKeyPropagation.configDrive() } });
    expect(() => app.synthYaml()).toThrow(new Error('Validation failed with the following errors:\n  [test/vm] SSH keys from Secret "keys" are propagated through configDrive, but the VM has NoCloud cloud-init: add cloud-init with datasource ConfigDrive (vm.addCloudInit({ ... })) or use SshKeyPropagation.qemuGuestAgent([...])'));
  });
});
