import { issuesOf } from './rule-fixtures';
import { decentralizedMigrations } from '../../../src/validation/rules/decentralized-migrations';

const migration = (name: string, spec: object): any => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstanceMigration',
  metadata: { name, namespace: 'mq' },
  spec: { vmiName: 'web', ...spec },
});

describe('rule decentralized-migrations', () => {
  test('fires on two migration IDs', () => {
    const bad = migration('move', { sendTo: { connectURL: 'https://sync.example.com', migrationID: 'm1' }, receive: { migrationID: 'm2' } });
    expect(issuesOf(decentralizedMigrations, [bad])).toEqual([
      'error decentralized-migrations VirtualMachineInstanceMigration move spec.receive.migrationID: VirtualMachineInstanceMigration "mq/move" sends migration "m1" and receives migration "m2", which KubeVirt refuses (one object is one migration): give sendTo and receive the same migrationID',
    ]);
  });

  test('stays quiet on one ID, and on sendTo or receive alone', () => {
    const fine = [
      migration('a', { sendTo: { connectURL: 'https://sync.example.com', migrationID: 'm1' }, receive: { migrationID: 'm1' } }),
      migration('b', { receive: { migrationID: 'm2' } }),
      migration('c', {}),
    ];
    expect(issuesOf(decentralizedMigrations, fine)).toEqual([]);
  });
});
