import { App, Chart, Size, Testing } from 'cdk8s';
import { CpuModel } from '../../src/compute/cpu-model';
import { Instancetype } from '../../src/compute/instancetype';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { IoThreadsPolicy, VirtualMachineInstancetype, VirtualMachineInstancetypeProps } from '../../src/compute/virtual-machine-instancetype';
import { DeploymentPhase } from '../../src/gitops/deployment-phase';
import { deploymentPhaseOf } from '../../src/gitops/sync-waves';
import { AppValidation } from '../../src/validation/app-validation';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, synthValid } from '../helpers';

function setup(namespace: string | undefined = 'shop') {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'sizes', { namespace }) };
}

const SMALL: VirtualMachineInstancetypeProps = { cpu: { guest: 2 }, memory: { guest: '4Gi' } };

describe('VirtualMachineInstancetype', () => {
  test('a namespaced instancetype with every setting, valid for the schema and the rules', () => {
    const { chart } = setup();
    const it = new VirtualMachineInstancetype(chart, 'gpu', {
      metadata: { name: 'gpu-large', labels: { tier: 'gpu' } },
      cpu: { guest: 8, model: CpuModel.HOST_PASSTHROUGH, dedicatedCpuPlacement: true, isolateEmulatorThread: true },
      memory: { guest: Size.gibibytes(32), hugepages: { pageSize: '1Gi' } },
      gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/GA102GL_A10' }],
      hostDevices: [{ name: 'nic1', deviceName: 'intel.com/qat' }],
      ioThreadsPolicy: IoThreadsPolicy.AUTO,
      nodeSelector: { 'nvidia.com/gpu.present': 'true' },
    });
    const objects = synthValid(chart);
    expect(findObject(objects, 'VirtualMachineInstancetype')).toEqual({
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineInstancetype',
      metadata: { name: 'gpu-large', namespace: 'shop', labels: { tier: 'gpu' } },
      spec: {
        cpu: { guest: 8, model: 'host-passthrough', dedicatedCPUPlacement: true, isolateEmulatorThread: true },
        memory: { guest: '32Gi', hugepages: { pageSize: '1Gi' } },
        gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/GA102GL_A10' }],
        hostDevices: [{ name: 'nic1', deviceName: 'intel.com/qat' }],
        ioThreadsPolicy: 'auto',
        nodeSelector: { 'nvidia.com/gpu.present': 'true' },
      },
    });
    expect(validateObjects(objects).errors).toEqual([]);
    expect([it.kind, it.name, it.namespace, it.resourceType, it.clusterScoped, it.guestCpus, it.guestMemory])
      .toEqual(['VirtualMachineInstancetype', 'gpu-large', 'shop', 'virtualmachineinstancetypes', false, 8, '32Gi']);
    // Applied before the VMs that use it (GitOps sync waves, by kind).
    expect(deploymentPhaseOf(it.apiObject)).toBe(DeploymentPhase.NETWORKS_AND_STORAGE);
  });

  test('cluster-scoped: no namespace even in a chart with one; an explicit false is written', () => {
    const { chart } = setup();
    const it = new VirtualMachineInstancetype(chart, 'small', {
      metadata: { name: 'small' },
      clusterScoped: true,
      cpu: { guest: 1, dedicatedCpuPlacement: false },
      memory: { guest: '512Mi', overcommitPercent: 25 },
    });
    expect(findObject(synthValid(chart), 'VirtualMachineClusterInstancetype')).toEqual({
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClusterInstancetype',
      metadata: { name: 'small' },
      spec: { cpu: { guest: 1, dedicatedCPUPlacement: false }, memory: { guest: '512Mi', overcommitPercent: 25 } },
    });
    expect([it.namespace, it.resourceType]).toEqual([undefined, 'virtualmachineclusterinstancetypes']);
  });

  test('VMs use it through Instancetype.of, with the kind of its scope, and pass validation', () => {
    const { chart } = setup();
    const namespaced = new VirtualMachineInstancetype(chart, 'db', { metadata: { name: 'db-large' }, ...SMALL });
    const cluster = new VirtualMachineInstancetype(chart, 'web', { metadata: { name: 'web' }, clusterScoped: true, ...SMALL });
    new VirtualMachine(chart, 'db-vm', { metadata: { name: 'db' }, instancetype: Instancetype.of(namespaced) });
    new VirtualMachine(chart, 'web-vm', { metadata: { name: 'web' }, instancetype: Instancetype.of(cluster) });
    const objects = synthValid(chart);
    expect(findObject(objects, 'VirtualMachine', 'db').spec.instancetype).toEqual({ name: 'db-large', kind: 'VirtualMachineInstancetype' });
    expect(findObject(objects, 'VirtualMachine', 'web').spec.instancetype).toEqual({ name: 'web', kind: 'VirtualMachineClusterInstancetype' });
    expect(findObject(objects, 'VirtualMachine', 'web').spec.template.spec.domain.memory).toBeUndefined();
    expect(validateObjects(objects)).toMatchObject({ valid: true, errors: [] });
    expect(Instancetype.of(namespaced)).toMatchObject({ name: 'db-large', kind: 'VirtualMachineInstancetype', namespace: 'shop' });
    expect(Instancetype.of(cluster).namespace).toBeUndefined();
  });

  test('a VM that sets what its declared instancetype sets fails synth, naming both', () => {
    const { app, chart } = setup();
    const it = new VirtualMachineInstancetype(chart, 'gpu', { metadata: { name: 'gpu' }, ...SMALL, nodeSelector: { gpu: 'yes' } });
    new VirtualMachine(chart, 'vm', { metadata: { name: 'render' }, instancetype: Instancetype.of(it), nodeSelector: { zone: 'a' } });
    expect(() => app.synth()).toThrow('Validation failed with the following errors:\n  [sizes/vm] VirtualMachine shop/render spec.template.spec.nodeSelector: VirtualMachine "shop/render" uses VirtualMachineInstancetype "shop/gpu", which sets nodeSelector for it, and also sets nodeSelector; KubeVirt refuses the conflict: remove nodeSelector from the VM, or from the instance type');
  });

  test('a VM in another namespace than its namespaced instancetype is warned about at synth', () => {
    const app = Testing.app();
    const warnings: string[] = [];
    AppValidation.of(app).configure({ onWarnings: (lines) => warnings.push(...lines) });
    const sizes = new Chart(app, 'sizes', { namespace: 'sizes' });
    const it = new VirtualMachineInstancetype(sizes, 'db', { metadata: { name: 'db' }, ...SMALL });
    new VirtualMachine(new Chart(app, 'shop', { namespace: 'shop' }), 'vm', { metadata: { name: 'db' }, instancetype: Instancetype.of(it) });
    app.synthYaml();
    expect(warnings).toEqual([
      '[shop/vm] warning: VirtualMachine shop/db spec.instancetype: VirtualMachine "shop/db" uses VirtualMachineInstancetype "db", declared here in namespace "sizes" only, but KubeVirt looks for it in the VM\'s namespace "shop" (the VM will not start without it): declare it in the VM\'s namespace, or make it cluster-scoped (clusterScoped: true)',
    ]);
  });

  test('a refused instancetype leaves nothing behind and its id free', () => {
    const { chart } = setup();
    expect(() => new VirtualMachineInstancetype(chart, 'it', { cpu: { guest: 0 }, memory: { guest: '1Gi' } })).toThrow();
    new VirtualMachineInstancetype(chart, 'it', SMALL);
    expect(synthValid(chart)).toHaveLength(1);
  });

  test('Instancetype.of refuses what is not an instancetype construct, through the VM', () => {
    const { chart } = setup();
    const vm = (id: string, value: unknown) => () => new VirtualMachine(chart, id, { instancetype: Instancetype.of(value as any) });
    expect(vm('a', 'u1.medium')).toThrow(new Error('[sizes/a] instancetype: Instancetype.of: "u1.medium" is not a VirtualMachineInstancetype construct: pass one, or use Instancetype.cluster("name") for one declared elsewhere'));
    expect(vm('b', chart)).toThrow(new Error('[sizes/b] instancetype: Instancetype.of: (the Chart at "sizes") is not a VirtualMachineInstancetype construct: pass one, or use Instancetype.cluster("name") for one declared elsewhere'));
  });

  test.each([
    [null, 'props null must be an object of VirtualMachineInstancetypeProps, e.g. { cpu: { guest: 2 }, memory: { guest: Size.gibibytes(4) } }'],
    [{ memory: { guest: '1Gi' } }, 'cpu undefined must be an object, e.g. { guest: 2 }'],
    [{ cpu: {}, memory: { guest: '1Gi' } }, 'cpu.guest is missing: give the vCPUs of the guest, e.g. { guest: 2 } (KubeVirt requires it)'],
    [{ cpu: { guest: 0 }, memory: { guest: '1Gi' } }, 'cpu.guest 0 must be a whole number of at least 1 (the vCPUs of the guest; KubeVirt requires it)'],
    [{ cpu: { guest: 1.5 }, memory: { guest: '1Gi' } }, 'cpu.guest 1.5 must be a whole number of at least 1 (the vCPUs of the guest; KubeVirt requires it)'],
    [{ cpu: { guest: 2, model: 'host-model' }, memory: { guest: '1Gi' } }, 'cpu.model "host-model" must be a CpuModel: CpuModel.HOST_MODEL, CpuModel.HOST_PASSTHROUGH or CpuModel.named("...")'],
    [{ cpu: { guest: 2, model: CpuModel.named('no such') }, memory: { guest: '1Gi' } }, 'cpu.model: CpuModel.named: "no such" is not a libvirt CPU model name: use a name such as "Cascadelake-Server", or CpuModel.HOST_MODEL'],
    [{ cpu: { guest: 2, dedicatedCpuPlacement: 'yes' }, memory: { guest: '1Gi' } }, 'cpu.dedicatedCpuPlacement "yes" must be true or false, or left out'],
    [{ cpu: { guest: 2, isolateEmulatorThread: true }, memory: { guest: '1Gi' } }, 'cpu.isolateEmulatorThread needs cpu.dedicatedCpuPlacement: KubeVirt refuses the VMs of this instancetype otherwise; set dedicatedCpuPlacement: true, or leave isolateEmulatorThread out'],
    [{ cpu: { guest: 2 } }, 'memory undefined must be an object, e.g. { guest: Size.gibibytes(4) }'],
    [{ cpu: { guest: 2 }, memory: {} }, 'memory.guest is missing: give the memory of the guest, e.g. { guest: Size.gibibytes(4) } (KubeVirt requires it)'],
    [{ cpu: { guest: 2 }, memory: { guest: '4GB' } }, 'memory.guest "4GB" is not a Kubernetes quantity (Kubernetes writes "4Gi", not "4GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    [{ cpu: { guest: 2 }, memory: { guest: '3Gi', hugepages: { pageSize: '2Gi' } } }, 'memory.guest "3Gi" is not a whole number of "2Gi" hugepages: KubeVirt refuses the VMs of this instancetype; make the memory a multiple of the page size'],
    [{ cpu: { guest: 2 }, memory: { guest: '4Gi', hugepages: { pageSize: 'huge' } } }, 'memory.hugepages.pageSize "huge" is not a page size: use the hugepage size the nodes offer, e.g. "2Mi" or "1Gi"'],
    [{ cpu: { guest: 2 }, memory: { guest: '4Gi', overcommitPercent: 101 } }, 'memory.overcommitPercent 101 must be a whole number from 0 to 100'],
    [{ cpu: { guest: 2 }, memory: { guest: '4Gi', overcommitPercent: 10, hugepages: { pageSize: '2Mi' } } }, 'memory.overcommitPercent 10 and memory.hugepages cannot go together (KubeVirt refuses the instancetype: hugepages cannot be overcommitted); drop one of them'],
    [{ ...SMALL, gpus: { name: 'a' } }, 'gpus {"name":"a"} must be a list of { name, deviceName }'],
    [{ ...SMALL, gpus: [{ name: '', deviceName: 'x/y' }] }, 'gpus[0].name "" must be a non-empty string, e.g. "gpu1"'],
    [{ ...SMALL, gpus: [{ name: 'a', deviceName: 'nvidia.com/A10' }], hostDevices: [{ name: 'a', deviceName: 'intel.com/qat' }] }, 'hostDevices[0].name "a" is used by another GPU or host device: give each device its own name'],
    [{ ...SMALL, hostDevices: [{ name: 'a', deviceName: 'intel com' }] }, 'hostDevices[0].deviceName "intel com" must be the resource name the device plugin advertises, e.g. "nvidia.com/GA102GL_A10"'],
    [{ ...SMALL, ioThreadsPolicy: 'supplementalPool' }, 'ioThreadsPolicy "supplementalPool" is not one of "shared", "auto"'],
    [{ ...SMALL, nodeSelector: { gpu: true } }, 'nodeSelector["gpu"] true must be a string: label values are strings, write "true"'],
    [{ ...SMALL, clusterScoped: 'yes' }, 'clusterScoped "yes" must be true or false, or left out'],
    [{ ...SMALL, clusterScoped: true, metadata: { namespace: 'shop' } }, 'metadata.namespace "shop" cannot be set on a cluster-scoped instancetype: leave it out, or drop clusterScoped for a namespaced one'],
    [{ ...SMALL, metadata: { name: 'Big' } }, 'metadata.name "Big" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "big")'],
  ])('refuses %j', (props, message) => {
    const chart = new Chart(new App({ outdir: Testing.app().outdir }), 'sizes');
    expect(() => new VirtualMachineInstancetype(chart, 'it', props as any)).toThrow(new Error(`[sizes/it] ${message}`));
  });
});
