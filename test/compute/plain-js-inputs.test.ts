import { Testing } from 'cdk8s';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DiskCache } from '../../src/storage/disk';
import { VolumeSource } from '../../src/storage/volume-source';

// What plain JavaScript (no enum types) can pass, and the message it gets.
describe('plain JavaScript values the enums would have refused', () => {
  const image = VolumeSource.containerDisk('quay.io/containerdisks/fedora:40');

  test('a disk cache typo names the disk, the value and the three modes', () => {
    const vm = new VirtualMachine(Testing.chart(), 'vm', { metadata: { name: 'vm' }, memory: '1Gi' });
    expect(() => vm.addDisk('root', image, { cache: 'writeback2' as DiskCache })).toThrow(
      '[test/vm] disk "root": cache "writeback2" is not one of "none", "writethrough", "writeback", the only modes KubeVirt accepts: use DiskCache.NONE, DiskCache.WRITE_THROUGH or DiskCache.WRITE_BACK, or leave it out');
  });

  test('each DiskCache value is accepted', () => {
    const vm = new VirtualMachine(Testing.chart(), 'vm', { metadata: { name: 'vm' }, memory: '1Gi' });
    Object.values(DiskCache).forEach((cache, i) => vm.addDisk(`d${i}`, VolumeSource.persistentVolumeClaim(`c${i}`), { cache }));
  });
});
