import { issuesOf, vm } from './rule-fixtures';
import { hostDisks } from '../../../src/validation/rules/host-disks';

const withHostDisk = (name: string, hostDisk: object) => vm(name, (s) => {
  s.domain.devices.disks.push({ name: 'data', disk: { bus: 'virtio' } });
  s.volumes.push({ name: 'data', hostDisk });
});

describe('rule host-disks', () => {
  test('fires on a capacity with type Disk', () => {
    expect(issuesOf(hostDisks, [withHostDisk('web', { path: '/data/web.img', type: 'Disk', capacity: '10Gi' })])).toEqual([
      'error host-disks VirtualMachine web spec.template.spec.volumes[1].hostDisk.capacity: hostDisk volume "data" of VirtualMachine "mq/web" has type "Disk" and capacity "10Gi", which KubeVirt refuses (it only sizes a file it creates): leave capacity out, or use type "DiskOrCreate"',
    ]);
  });

  test('fires on a missing path and an unknown type', () => {
    expect(issuesOf(hostDisks, [withHostDisk('web', { path: '', type: 'File' })]).map((i) => i.split(': ')[0].split(' ').pop())).toEqual([
      'spec.template.spec.volumes[1].hostDisk.path',
      'spec.template.spec.volumes[1].hostDisk.type',
    ]);
  });

  test('stays quiet on host disks KubeVirt accepts', () => {
    const fine = [withHostDisk('a', { path: '/data/a.img', type: 'Disk' }), withHostDisk('b', { path: '/data/b.img', type: 'DiskOrCreate', capacity: '10Gi' })];
    expect(issuesOf(hostDisks, fine)).toEqual([]);
  });
});
