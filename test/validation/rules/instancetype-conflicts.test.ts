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
