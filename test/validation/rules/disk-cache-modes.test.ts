import { issuesOf, vm } from './rule-fixtures';
import { diskCacheModes } from '../../../src/validation/rules/disk-cache-modes';

describe('rule disk-cache-modes', () => {
  test('fires on a cache mode KubeVirt does not know', () => {
    expect(issuesOf(diskCacheModes, [vm('web', (s) => { s.domain.devices.disks[0].cache = 'writeback2'; })])).toEqual([
      'error disk-cache-modes VirtualMachine web spec.template.spec.domain.devices.disks[0].cache: disk "root" of VirtualMachine "mq/web" has cache mode "writeback2", which KubeVirt refuses (it knows only "none", "writethrough", "writeback"): use one of those, or leave cache out for KubeVirt\'s choice',
    ]);
  });

  test('stays quiet on the three modes and on no mode', () => {
    const modes = ['none', 'writethrough', 'writeback', undefined];
    expect(issuesOf(diskCacheModes, modes.map((cache, i) => vm(`web${i}`, (s) => { s.domain.devices.disks[0].cache = cache; })))).toEqual([]);
  });
});
