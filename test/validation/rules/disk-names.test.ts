import { issuesOf, vm } from './rule-fixtures';
import { diskNames } from '../../../src/validation/rules/disk-names';

describe('rule disk-names', () => {
  test('fires on a disk declared twice', () => {
    expect(issuesOf(diskNames, [vm('web', (s) => { s.domain.devices.disks.push({ name: 'root', disk: { bus: 'sata' } }); })])).toEqual([
      'error disk-names VirtualMachine web spec.template.spec.domain.devices.disks[1].name: disk "root" of VirtualMachine "mq/web" is declared twice (disks[0] and disks[1]), which KubeVirt refuses: each disk is one device of its own volume; rename one (and its volume), or remove the copy',
    ]);
  });

  test('fires on a disk name that cannot be a container name', () => {
    expect(issuesOf(diskNames, [vm('web', (s) => { s.domain.devices.disks[0].name = 'Root_Disk'; })])).toEqual([
      'error disk-names VirtualMachine web spec.template.spec.domain.devices.disks[0].name: disk "Root_Disk" of VirtualMachine "mq/web" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "root-disk"); KubeVirt refuses it because a disk\'s name becomes the name of a container in the VM\'s pod (rename its volume too)',
    ]);
  });

  test('judges the objects as they are now, also when they changed since an earlier validation (the disks KubeVirt adds are worked out anew)', () => {
    const web = vm('web', (s) => { s.volumes.push({ name: 'scratch', emptyDisk: { capacity: '1Gi' } }); });
    expect(issuesOf(diskNames, [web])).toEqual([]);
    web.spec.template.spec.volumes[1].name = 'Scratch_Disk';
    expect(issuesOf(diskNames, [web])).toEqual([
      expect.stringContaining('error disk-names VirtualMachine web spec.template.spec.volumes[1].name: volume "Scratch_Disk" of VirtualMachine "mq/web" has no disk, so KubeVirt adds one of its name'),
    ]);
  });

  test('stays quiet on two disks with distinct label names', () => {
    expect(issuesOf(diskNames, [vm('web', (s) => { s.domain.devices.disks.push({ name: 'data-1', disk: {} }); })])).toEqual([]);
  });
});
