import { issuesOf, vm } from './rule-fixtures';
import { disksAndVolumes } from '../../../src/validation/rules/disks-and-volumes';

describe('rule disks-and-volumes', () => {
  test('fires on a disk without a volume', () => {
    expect(issuesOf(disksAndVolumes, [vm('a', (s) => { s.domain.devices.disks[0].name = 'boot'; })])).toEqual([
      'error disks-and-volumes VirtualMachine a spec.template.spec.domain.devices.disks[0].name: disk "boot" has no volume of the same name: add a volume named "boot" to spec.template.spec.volumes, or remove the disk',
    ]);
  });

  test('stays quiet on a volume without a disk (KubeVirt adds one: SetDefaultVolumeDisk), on filesystems, and on memory dump volumes', () => {
    const ok = vm('a', (s) => {
      s.volumes.push({ name: 'scratch', emptyDisk: { capacity: '1Gi' } });
      s.domain.devices.filesystems = [{ name: 'shared', virtiofs: {} }];
      s.volumes.push({ name: 'shared', persistentVolumeClaim: { claimName: 'x' } }, { name: 'dump', memoryDump: { claimName: 'dump' } });
    });
    expect(issuesOf(disksAndVolumes, [ok])).toEqual([]);
  });
});
