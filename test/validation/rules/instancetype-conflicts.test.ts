import { issuesOf, vm } from './rule-fixtures';
import { instancetypeConflicts } from '../../../src/validation/rules/instancetype-conflicts';

const sized = (patch: (spec: any) => void) => [vm('web', (s, o) => {
  delete s.domain.memory;
  o.spec.instancetype = { name: 'u1.medium' };
  patch(s);
})];

describe('rule instancetype-conflicts', () => {
  test('fires on guest memory next to an instance type', () => {
    expect(issuesOf(instancetypeConflicts, sized((s) => { s.domain.memory = { guest: '4Gi' }; }))).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.template.spec.domain.memory.guest: VirtualMachine "mq/web" uses instance type "u1.medium" and also sets domain.memory.guest, which the instance type decides; KubeVirt refuses the conflict: remove domain.memory.guest, or pick an instance type of the size you want',
    ]);
  });

  test('fires on CPU cores next to an instance type', () => {
    expect(issuesOf(instancetypeConflicts, sized((s) => { s.domain.cpu = { cores: 4 }; }))).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.template.spec.domain.cpu.cores: VirtualMachine "mq/web" uses instance type "u1.medium" and also sets domain.cpu.cores, which the instance type decides; KubeVirt refuses the conflict: remove domain.cpu.cores, or pick an instance type of the size you want',
    ]);
  });

  test('stays quiet on an instance type alone (with a CPU model), and on guest memory without one', () => {
    expect(issuesOf(instancetypeConflicts, [...sized((s) => { s.domain.cpu = { model: 'host-passthrough' }; }), vm('db')])).toEqual([]);
  });
});

const GROUP = 'instancetype.kubevirt.io/v1beta1';
const instancetype = (name: string, spec: object, namespace?: string) => ({
  apiVersion: GROUP,
  kind: namespace === undefined ? 'VirtualMachineClusterInstancetype' : 'VirtualMachineInstancetype',
  metadata: namespace === undefined ? { name } : { name, namespace },
  spec: { cpu: { guest: 4 }, memory: { guest: '8Gi' }, ...spec },
});
const preference = (name: string, spec: object) => ({ apiVersion: GROUP, kind: 'VirtualMachineClusterPreference', metadata: { name }, spec });
const using = (ref: object, patch: (spec: any, object: any) => void = () => undefined, pref?: object) => vm('web', (s, o) => {
  delete s.domain.memory;
  o.spec.instancetype = ref;
  if (pref) o.spec.preference = pref;
  patch(s, o);
});

describe('rule instancetype-conflicts, with the instance type among the objects', () => {
  test('a VM that sets what its declared instance type sets: GPUs, CPU model, dedicated CPUs (the instance type\'s false included)', () => {
    const it = instancetype('gpu', { gpus: [{ name: 'g', deviceName: 'nvidia.com/A10' }], cpu: { guest: 4, model: 'host-passthrough', dedicatedCPUPlacement: false } });
    const web = using({ name: 'gpu' }, (s) => {
      s.domain.devices.gpus = [{ name: 'mine', deviceName: 'nvidia.com/T4' }];
      s.domain.cpu = { model: 'EPYC', dedicatedCpuPlacement: true };
    });
    expect(issuesOf(instancetypeConflicts, [it, web])).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.template.spec.domain.cpu.model: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "gpu", which sets domain.cpu.model for it, and also sets domain.cpu.model; KubeVirt refuses the conflict: remove domain.cpu.model from the VM, or from the instance type',
      'error instancetype-conflicts VirtualMachine web spec.template.spec.domain.cpu.dedicatedCpuPlacement: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "gpu", which sets domain.cpu.dedicatedCpuPlacement for it, and also sets domain.cpu.dedicatedCpuPlacement; KubeVirt refuses the conflict: remove domain.cpu.dedicatedCpuPlacement from the VM, or from the instance type',
      'error instancetype-conflicts VirtualMachine web spec.template.spec.domain.devices.gpus: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "gpu", which sets domain.devices.gpus for it, and also sets domain.devices.gpus; KubeVirt refuses the conflict: remove domain.devices.gpus from the VM, or from the instance type',
    ]);
  });

  test('the same VM is quiet when the instance type does not set those, or is not among the objects', () => {
    const patch = (s: any) => {
      s.domain.devices.gpus = [{ name: 'mine', deviceName: 'nvidia.com/T4' }];
      s.domain.cpu = { model: 'EPYC', dedicatedCpuPlacement: true };
      s.nodeSelector = { zone: 'a' };
    };
    expect(issuesOf(instancetypeConflicts, [instancetype('plain', {}), using({ name: 'plain' }, patch)])).toEqual([]);
    expect(issuesOf(instancetypeConflicts, [using({ name: 'elsewhere' }, patch)])).toEqual([]);
  });

  test('kinds as KubeVirt reads them: namespaced in the VM\'s namespace (any case, plural too), cluster when left out', () => {
    const selector = { nodeSelector: { gpu: 'yes' } };
    const patch = (s: any) => { s.nodeSelector = { zone: 'a' }; };
    const namespaced = [instancetype('big', selector, 'mq'), using({ name: 'big', kind: 'virtualmachineinstancetypes' }, patch)];
    expect(issuesOf(instancetypeConflicts, namespaced)).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.template.spec.nodeSelector: VirtualMachine "mq/web" uses VirtualMachineInstancetype "mq/big", which sets nodeSelector for it, and also sets nodeSelector; KubeVirt refuses the conflict: remove nodeSelector from the VM, or from the instance type',
    ]);
    // A cluster-scoped one of the name is not what a namespaced reference finds, nor the reverse.
    expect(issuesOf(instancetypeConflicts, [instancetype('big', selector), using({ name: 'big', kind: 'VirtualMachineInstancetype' }, patch)])).toEqual([]);
    expect(issuesOf(instancetypeConflicts, [instancetype('big', selector, 'mq'), using({ name: 'big' }, patch)])).toEqual([]);
  });

  test('annotations: a different value on the instances conflicts, the same value does not', () => {
    const it = instancetype('tagged', { annotations: { 'example.com/tier': 'gold', 'example.com/team': 'db' } });
    const web = using({ name: 'tagged' }, (_, o) => {
      o.spec.template.metadata = { annotations: { 'example.com/tier': 'silver', 'example.com/team': 'db' } };
    });
    expect(issuesOf(instancetypeConflicts, [it, web])).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.template.metadata.annotations["example.com/tier"]: VirtualMachine "mq/web" has annotation "example.com/tier" "silver" on its instances, and VirtualMachineClusterInstancetype "tagged" sets it to "gold"; KubeVirt refuses the conflict: drop the annotation from the VM, or give it the instance type\'s value',
    ]);
  });

  test('a namespaced instance type declared in another namespace only is warned about', () => {
    expect(issuesOf(instancetypeConflicts, [instancetype('big', {}, 'sizes'), using({ name: 'big', kind: 'VirtualMachineInstancetype' })])).toEqual([
      'warning instancetype-conflicts VirtualMachine web spec.instancetype: VirtualMachine "mq/web" uses VirtualMachineInstancetype "big", declared here in namespace "sizes" only, but KubeVirt looks for it in the VM\'s namespace "mq" (the VM will not start without it): declare it in the VM\'s namespace, or make it cluster-scoped (clusterScoped: true)',
    ]);
  });

  test('the preference\'s spread must divide the instance type\'s vCPUs', () => {
    const spreadBy = (spec: object) => [instancetype('odd', { cpu: { guest: 6 } }), preference('spread', { cpu: { preferredCPUTopology: 'spread', ...spec } }), using({ name: 'odd' }, () => undefined, { name: 'spread' })];
    expect(issuesOf(instancetypeConflicts, spreadBy({}))).toEqual([]);
    expect(issuesOf(instancetypeConflicts, spreadBy({ spreadOptions: { ratio: 4 } }))).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.preference: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "odd" and VirtualMachineClusterPreference "spread": 6 vCPUs do not divide by the spread ratio 4 (SocketsCores), which KubeVirt refuses: pick an instance type whose vCPUs fit the spread, or change the preference\'s spread ratio',
    ]);
    expect(issuesOf(instancetypeConflicts, spreadBy({ spreadOptions: { across: 'SocketsCoresThreads', ratio: 2 } }))).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.preference: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "odd" and VirtualMachineClusterPreference "spread": 6 vCPUs cannot be spread as 2 threads per core and 2 cores per socket, which KubeVirt refuses: pick an instance type whose vCPUs fit the spread, or change the preference\'s spread ratio',
    ]);
  });

  test('the preference\'s requirements: met exactly is fine, less is refused', () => {
    const withNeeds = (cpu: number, memory: string) => [instancetype('m', {}), preference('needs', { requirements: { cpu: { guest: cpu }, memory: { guest: memory } } }), using({ name: 'm' }, () => undefined, { name: 'needs' })];
    expect(issuesOf(instancetypeConflicts, withNeeds(4, '8Gi'))).toEqual([]);
    expect(issuesOf(instancetypeConflicts, withNeeds(8, '16Gi'))).toEqual([
      'error instancetype-conflicts VirtualMachine web spec.instancetype: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "m" and VirtualMachineClusterPreference "needs": the instance type gives 4 vCPUs and the preference requires 8, which KubeVirt refuses: pick an instance type with at least 8 vCPUs',
      'error instancetype-conflicts VirtualMachine web spec.instancetype: VirtualMachine "mq/web" uses VirtualMachineClusterInstancetype "m" and VirtualMachineClusterPreference "needs": the guest gets "8Gi" of memory and the preference requires "16Gi", which KubeVirt refuses: pick an instance type with at least "16Gi"',
    ]);
  });
});
