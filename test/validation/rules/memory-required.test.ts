import { issuesOf, vm } from './rule-fixtures';
import { memoryRequired } from '../../../src/validation/rules/memory-required';

describe('rule memory-required', () => {
  test('fires on a VM that gives no memory', () => {
    const bad = vm('web', (s) => { delete s.domain.memory; s.domain.resources = { requests: { memory: '0' } }; });
    expect(issuesOf(memoryRequired, [bad])).toEqual([
      'error memory-required VirtualMachine web spec.template.spec.domain.memory: VirtualMachine "mq/web" gives no memory, which KubeVirt refuses when it creates the instance (it would not know how much to give the guest): set memory.guest (e.g. "2Gi"), or resources.requests.memory, or use an instance type',
    ]);
  });

  test('stays quiet on each way of giving memory, with an instance type, and beside a preset that may give it', () => {
    const fine = [
      vm('a'),
      vm('b', (s) => { s.domain.memory = { hugepages: { pageSize: '2Mi' } }; }),
      vm('c', (s) => { delete s.domain.memory; s.domain.resources = { requests: { memory: '1Gi' } }; }),
      vm('d', (s) => { delete s.domain.memory; s.domain.resources = { limits: { memory: '1Gi' } }; }),
      vm('e', (s, o) => { delete s.domain.memory; o.spec.instancetype = { name: 'u1.small' }; }),
    ];
    expect(issuesOf(memoryRequired, fine)).toEqual([]);
    const preset = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstancePreset', metadata: { name: 'memory', namespace: 'mq' }, spec: { selector: {}, domain: { memory: { guest: '1Gi' } } } };
    expect(issuesOf(memoryRequired, [vm('f', (s) => { delete s.domain.memory; }), preset])).toEqual([]);
  });
});
