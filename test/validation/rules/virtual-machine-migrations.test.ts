import { issuesOf } from './rule-fixtures';
import { virtualMachineMigrations } from '../../../src/validation/rules/virtual-machine-migrations';

const migration = (spec: object): any => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name: 'move', namespace: 'mq' }, spec });

describe('rule virtual-machine-migrations', () => {
  test('no vmiName, and a priority', () => {
    expect(issuesOf(virtualMachineMigrations, [migration({ vmiName: '', priority: 'user-triggered' })])).toEqual([
      'error virtual-machine-migrations VirtualMachineInstanceMigration move spec.vmiName: VirtualMachineInstanceMigration "mq/move" has no vmiName, and KubeVirt refuses a migration that names no VMI: set spec.vmiName to the running VM\'s name (in the migration\'s namespace)',
      'error virtual-machine-migrations VirtualMachineInstanceMigration move spec.priority: VirtualMachineInstanceMigration "mq/move" sets priority "user-triggered", and KubeVirt lets only its virt-controller set the migration queue priority: leave priority out',
    ]);
  });

  test('stays quiet on the near miss', () => {
    expect(issuesOf(virtualMachineMigrations, [migration({ vmiName: 'web', addedNodeSelector: { zone: 'a' } })])).toEqual([]);
  });
});
