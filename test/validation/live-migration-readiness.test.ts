import { ObjectIndex, vmView } from '../../src/model/object-index';

/** Two made-up checks in place of the folder's: the first reports a listed reason, the second one it does not list. */
jest.mock('../../src/validation/module-folder', () => ({
  orderedEntriesOfFolder: () => [
    { id: 'first', order: 1, reasons: [{ reason: 'DisksNotLiveMigratable' }], check: (s: any) => s.block('DisksNotLiveMigratable', `${s.specPath}.volumes[0]`, 'listed') },
    { id: 'second', order: 2, reasons: [{ reason: 'InterfaceNotLiveMigratable' }], check: (s: any) => s.block('DisksNotLiveMigratable', s.specPath, 'not listed') },
  ],
}));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { analyzeLiveMigration } = require('../../src/validation/live-migration-readiness') as typeof import('../../src/validation/live-migration-readiness');

const vm = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm', namespace: 'mq' }, spec: { template: { spec: { domain: {} } } } };

test('a check that reports a reason it does not list is named, not the check before it', () => {
  expect(() => analyzeLiveMigration(vmView(vm)!, { index: new ObjectIndex([vm]) }))
    .toThrow('the live-migration check "second" reports "DisksNotLiveMigratable", which its reasons do not list: add it there');
});
