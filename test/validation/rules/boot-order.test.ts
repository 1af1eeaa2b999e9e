import { issuesOf, vm } from './rule-fixtures';
import { bootOrder } from '../../../src/validation/rules/boot-order';

describe('rule boot-order', () => {
  test('fires on a boot order a disk and an interface share', () => {
    expect(issuesOf(bootOrder, [vm('web', (s) => {
      s.domain.devices.disks[0].bootOrder = 1;
      s.domain.devices.interfaces[0].bootOrder = 1;
    })])).toEqual([
      'error boot-order VirtualMachine web spec.template.spec.domain.devices.interfaces[0].bootOrder: interface "default" of VirtualMachine "mq/web" has bootOrder 1, which disk "root" already has; KubeVirt refuses two devices with one boot order: give each boot device its own number',
    ]);
  });

  test('fires on boot order 0', () => {
    expect(issuesOf(bootOrder, [vm('web', (s) => { s.domain.devices.disks[0].bootOrder = 0; })])).toEqual([
      'error boot-order VirtualMachine web spec.template.spec.domain.devices.disks[0].bootOrder: disk "root" of VirtualMachine "mq/web" has bootOrder 0, which KubeVirt refuses (boot orders start at 1, which boots first): use 1 or more, or leave bootOrder out for a device that does not boot',
    ]);
  });

  test('stays quiet on distinct boot orders across disks and interfaces', () => {
    expect(issuesOf(bootOrder, [vm('web', (s) => {
      s.domain.devices.disks[0].bootOrder = 1;
      s.domain.devices.interfaces[0].bootOrder = 2;
    })])).toEqual([]);
  });
});
