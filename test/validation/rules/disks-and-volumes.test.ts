import { issuesOf, vm } from './rule-fixtures';
import { disksAndVolumes } from '../../../src/validation/rules/disks-and-volumes';

describe('rule disks-and-volumes', () => {
  test('fires on a disk without a volume', () => {
    expect(issuesOf(disksAndVolumes, [vm('a', (s) => { s.domain.devices.disks[0].name = 'boot'; })])).toEqual([
      'error disks-and-volumes VirtualMachine a spec.template.spec.domain.devices.disks[0].name: disk "boot" has no volume of the same name: add a volume named "boot" to spec.template.spec.volumes, or remove the disk',
      'error disks-and-volumes VirtualMachine a spec.template.spec.volumes[0].name: volume "root" is used by no disk or filesystem: add a disk named "root" to spec.template.spec.domain.devices.disks, or remove the volume',
    ]);
  });

  test('stays quiet on volumes used by filesystems, and on memory dump volumes', () => {
    const ok = vm('a', (s) => {
      s.domain.devices.filesystems = [{ name: 'shared', virtiofs: {} }];
      s.volumes.push({ name: 'shared', persistentVolumeClaim: { claimName: 'x' } }, { name: 'dump', memoryDump: { claimName: 'dump' } });
    });
    expect(issuesOf(disksAndVolumes, [ok])).toEqual([]);
  });
});
