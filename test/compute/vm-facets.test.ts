import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { TaintEffect } from 'cdk8s-plus-32';
import { TolerationOperator } from '../../src/compute/toleration';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';
import { PUBLIC_KEY, findObject } from '../helpers';

function newChart(): Chart {
  return new Chart(new App({ outdir: Testing.app().outdir }), 'test');
}

function minimal(chart: Chart, props: Partial<VirtualMachineProps> = {}): VirtualMachine {
  return new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '2Gi', ...props });
}

/** The error a call throws (fails the test when it throws none). */
function errorOf(act: () => unknown): Error {
  try {
    act();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('VirtualMachine: a refused constructor leaves nothing behind', () => {
  test('a bad name is refused before the VM object exists: the app still synthesizes, and the id can be used again', () => {
    const chart = newChart();
    const app = chart.node.root as App;
    expect(() => new VirtualMachine(chart, 'vm', { metadata: { name: 'Bad_Name' }, memory: '1Gi' })).toThrow(/metadata\.name "Bad_Name" is not a valid DNS-1123 label/);
    expect(chart.node.tryFindChild('vm')).toBeUndefined();
    expect(() => app.synthYaml()).not.toThrow();
    new VirtualMachine(chart, 'vm', { metadata: { name: 'good' }, memory: '1Gi' });
    expect(Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['VirtualMachine/good']);
  });

  test('a check that needs the generated name (SSH key Secret too long) also leaves no VM and no Secret', () => {
    const chart = newChart();
    const long = 'a'.repeat(40);
    const error = errorOf(() => new VirtualMachine(chart, long, {
      memory: '1Gi',
      disks: [{ name: 'data', source: VolumeSource.persistentVolumeClaim('shared', { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY] }) }],
      cloudInit: { userData: {} },
      sshKeys: { publicKeys: [PUBLIC_KEY] },
    }));
    expect(error.message).toMatch(/addSshKeys: Secret name "test-a+-c8[0-9a-f]{6}-ssh-keys" has \d+ characters/);
    expect(chart.node.children).toEqual([]);
    expect(Testing.synth(chart)).toEqual([]);
  });
});

describe('VirtualMachine: plain-JS input gets errors that name the prop, never a TypeError', () => {
  const cases: Array<[string, unknown, string]> = [
    ['null props', null, '[test/vm] props null must be an object of VirtualMachineProps, e.g. { memory: "2Gi" }'],
    ['metadata as a string', { metadata: 'vm', memory: '1Gi' }, '[test/vm] metadata "vm" must be an object such as { name: "fedora" }'],
    ['a number for terminationGracePeriod', { memory: '1Gi', terminationGracePeriod: 30 },
      '[test/vm] terminationGracePeriod 30 must be a cdk8s Duration, e.g. Duration.seconds(30)'],
    ['cpu as a number', { memory: '1Gi', cpu: 2 }, '[test/vm] cpu 2 must be an object, or left out'],
    ['a string CPU request', { memory: '1Gi', resources: { cpu: { request: '500m' } } },
      '[test/vm] resources.cpu.request "500m" must be a cdk8s-plus Cpu, e.g. Cpu.millis(500) or Cpu.units(2)'],
    ['dedicatedCpuPlacement as a string', { memory: '1Gi', cpu: { dedicatedCpuPlacement: 'yes' } },
      '[test/vm] cpu.dedicatedCpuPlacement "yes" must be true or false'],
    ['nodeSelector as an array', { memory: '1Gi', nodeSelector: ['gpu'] }, '[test/vm] nodeSelector ["gpu"] must be an object, or left out'],
    ['tolerations as an object', { memory: '1Gi', tolerations: { key: 'a' } },
      '[test/vm] tolerations {"key":"a"} must be an array of tolerations, or left out'],
    ['a toleration that is not an object', { memory: '1Gi', tolerations: ['gpu'] },
      '[test/vm] toleration "gpu" must be an object such as { key: "virtualization", effect: TaintEffect.NO_SCHEDULE }'],
    ['disks as an object', { memory: '1Gi', disks: { name: 'root' } }, '[test/vm] disks {"name":"root"} must be an array, or left out'],
    ['a disk that is null', { memory: '1Gi', disks: [null] },
      '[test/vm] disks entry null must be an object such as { name: "root", source: VolumeSource.containerDisk("...") }'],
    ['cloudInit as a string', { memory: '1Gi', cloudInit: '#cloud-config' },
      '[test/vm] cloud-init "#cloud-config" must be an object of CloudInitOptions, e.g. { userData: { user: "fedora" } }'],
    ['sshKeys as a string', { memory: '1Gi', sshKeys: PUBLIC_KEY },
      `[test/vm] addSshKeys: options ${JSON.stringify(PUBLIC_KEY)} must be an object, e.g. { publicKeys: ["ssh-ed25519 AAAA... user@host"] }`],
    ['instanceMetadata labels as a string', { memory: '1Gi', instanceMetadata: { labels: 'app=mq' } },
      '[test/vm] instanceMetadata.labels "app=mq" must be an object, or left out'],
  ];

  test.each(cases)('%s', (_, props, message) => {
    const error = errorOf(() => new VirtualMachine(newChart(), 'vm', props as VirtualMachineProps));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).toEqual(new Error(message));
  });

  test('methods called from JavaScript with bad options', () => {
    const vm = minimal(newChart());
    expect(errorOf(() => vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'), null as never)))
      .toEqual(new Error('[test/vm] disk "root": options null must be an object of DiskOptions, or left out'));
    expect(errorOf(() => vm.exposeViaService(undefined as never)))
      .toEqual(new Error('[test/vm] exposeViaService: options undefined must be an object, e.g. { ports: [{ port: 22 }] }'));
    expect(errorOf(() => vm.exposeViaService({ ports: [{ port: 22, targetPort: true as never }] })))
      .toEqual(new Error('[test/vm] exposeViaService: ports[0].targetPort true must be a port number or the name of a port in podNetwork.ports'));
  });
});

describe('VmScheduling: tolerations', () => {
  const cases: Array<[string, object, string]> = [
    ['unknown operator', { key: 'k', operator: 'In' }, '[test/vm] toleration for key "k": operator "In" is not one of "Equal", "Exists": use TolerationOperator.EQUAL or TolerationOperator.EXISTS'],
    ['unknown effect', { key: 'k', effect: 'NoRun' }, '[test/vm] toleration for key "k": effect "NoRun" is not one of "NoSchedule", "PreferNoSchedule", "NoExecute": use TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE or TaintEffect.NO_EXECUTE, or leave it out for all effects'],
    ['seconds as a number', { key: 'k', effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 30 },
      '[test/vm] toleration for key "k": tolerationSeconds 30 must be a cdk8s Duration, e.g. Duration.seconds(300)'],
  ];

  test.each(cases)('addToleration: %s', (_, toleration, message) => {
    const vm = minimal(newChart());
    expect(() => vm.addToleration(toleration as never)).toThrow(new Error(message));
  });

  test('a valid toleration with seconds still renders', () => {
    const chart = newChart();
    minimal(chart).addToleration({ key: 'k', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: Duration.minutes(1) });
    expect(findObject(Testing.synth(chart), 'VirtualMachine').spec.template.spec.tolerations).toEqual([{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]);
  });
});

describe('VirtualMachine.exposeViaService returns a cdk8s-plus Service', () => {
  test('the Service composes as a cdk8s-plus one, and its YAML is what the VM wrote before', () => {
    const chart = newChart();
    const vm = minimal(chart, { podNetwork: { ports: [{ name: 'https', port: 8443 }] } });
    const service = vm.exposeViaService({ ports: [{ name: 'https', port: 443, targetPort: 'https' }] });
    expect(service).toBeInstanceOf(kplus.Service);
    expect(service.name).toBe('vm');
    expect(service.type).toBe(kplus.ServiceType.CLUSTER_IP);
    expect(service.port).toBe(443);
    const ingress = service.exposeViaIngress('/');
    expect(ingress).toBeInstanceOf(kplus.Ingress);
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'Service')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'vm' },
      spec: {
        type: 'ClusterIP',
        selector: { 'vm.kubevirt.io/name': 'vm' },
        ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }],
      },
    });
    expect(findObject(objects, 'Ingress').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'vm', port: { number: 443 } } });
  });

  test('a numeric target port, and a port bound later through the cdk8s-plus API', () => {
    const chart = newChart();
    const service = minimal(chart).exposeViaService({ ports: [{ name: 'ssh', port: 2222, targetPort: 22 }] });
    service.bind(8080, { name: 'web' });
    expect(findObject(Testing.synth(chart), 'Service').spec.ports).toEqual([
      { name: 'ssh', port: 2222, targetPort: 22, protocol: 'TCP' },
      { name: 'web', port: 8080 },
    ]);
  });
});

describe('VirtualMachine: bad values from static factories are reported with the VM\'s path', () => {
  test('a bad container disk image fails addDisk with the VM\'s path and the disk, and adds no disk', () => {
    const chart = newChart();
    const vm = minimal(chart);
    expect(() => vm.addDisk('rootdisk', VolumeSource.containerDisk(''))).toThrow(
      '[test/vm] disk "rootdisk": VolumeSource.containerDisk: image "" is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)',
    );
    expect(vm.disks).toEqual([]);
  });

  test('a DataVolume template carries its source\'s problem to the VM', () => {
    const chart = newChart();
    const vm = minimal(chart);
    const source = VolumeSource.dataVolumeTemplate({ size: '10Gi', source: DataVolumeSource.http('ftp://example.com/disk.qcow2') });
    expect(() => vm.addDisk('data', source)).toThrow(/^\[test\/vm\] disk "data": .*DataVolumeSource\.http: url "ftp:\/\/example\.com\/disk\.qcow2" is not an http\(s\) URL/);
  });
});
