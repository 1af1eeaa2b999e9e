import { issuesOf, vm } from './rule-fixtures';
import { diskDeviceTypes } from '../../../src/validation/rules/disk-device-types';

const prefix = 'error disk-device-types VirtualMachine web spec.template.spec.domain.devices.disks[0]';

describe('rule disk-device-types', () => {
  test('fires on a CD-ROM on the virtio bus', () => {
    expect(issuesOf(diskDeviceTypes, [vm('web', (s) => { s.domain.devices.disks[0] = { name: 'root', cdrom: { bus: 'virtio' } }; })])).toEqual([
      `${prefix}.cdrom.bus: disk "root" of VirtualMachine "mq/web" has a CD-ROM on bus "virtio", which KubeVirt refuses (the q35 machine has no virtio CD-ROM): use bus "sata" or "scsi"`,
    ]);
  });

  test('fires on a bus KubeVirt does not know', () => {
    expect(issuesOf(diskDeviceTypes, [vm('web', (s) => { s.domain.devices.disks[0].disk.bus = 'nvme'; })])).toEqual([
      `${prefix}.disk.bus: disk "root" of VirtualMachine "mq/web" has bus "nvme", which KubeVirt does not know: use one of "virtio", "scsi", "sata", "usb", or leave bus out`,
    ]);
  });

  test('fires on two device types in one disk', () => {
    expect(issuesOf(diskDeviceTypes, [vm('web', (s) => { s.domain.devices.disks[0].cdrom = { bus: 'sata' }; })])).toEqual([
      `${prefix}.cdrom: disk "root" of VirtualMachine "mq/web" has disk and cdrom set together, and KubeVirt allows one device type per disk: keep one`,
    ]);
  });

  test('fires on a LUN over a container disk', () => {
    expect(issuesOf(diskDeviceTypes, [vm('web', (s) => { s.domain.devices.disks[0] = { name: 'root', lun: {} }; })])).toEqual([
      `${prefix}.lun: disk "root" of VirtualMachine "mq/web" has a LUN on a volume that is no persistentVolumeClaim or dataVolume, which KubeVirt refuses (a LUN passes a block device through): use a claim or DataVolume volume, or make it a disk`,
    ]);
  });

  test('fires on a malformed PCI address', () => {
    expect(issuesOf(diskDeviceTypes, [vm('web', (s) => { s.domain.devices.disks[0].disk.pciAddress = '00:0a.0'; })])).toEqual([
      `${prefix}.disk.pciAddress: disk "root" of VirtualMachine "mq/web" has PCI address "00:0a.0", which KubeVirt cannot parse: write it as domain:bus:slot.function in hex, e.g. "0000:00:0a.0"`,
    ]);
  });

  test('stays quiet on a SATA CD-ROM, a virtio disk with IO thread and PCI address, and a LUN on a claim', () => {
    expect(issuesOf(diskDeviceTypes, [vm('web', (s) => {
      s.domain.devices.disks[0] = { name: 'root', dedicatedIOThread: true, disk: { bus: 'virtio', pciAddress: '0000:00:0a.0' } };
      s.domain.devices.disks.push({ name: 'iso', cdrom: { bus: 'sata', readonly: true } }, { name: 'san', lun: { bus: 'scsi' } }, { name: 'ro', disk: { bus: 'scsi', readOnly: true } });
      s.volumes.push({ name: 'iso', dataVolume: { name: 'iso' } }, { name: 'san', persistentVolumeClaim: { claimName: 'san' } }, { name: 'ro', containerDisk: { image: 'x' } });
    })])).toEqual([]);
  });
});
