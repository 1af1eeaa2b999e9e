import { issuesOf, vm } from './rule-fixtures';
import { diskOptions } from '../../../src/validation/rules/disk-options';

const at = 'error disk-options VirtualMachine web spec.template.spec.domain.devices.disks[0]';
const withDisk = (patch: (disk: any) => void) => [vm('web', (s) => patch(s.domain.devices.disks[0]))];

describe('rule disk-options', () => {
  test('fires on a serial with a space', () => {
    expect(issuesOf(diskOptions, withDisk((d) => { d.serial = 'DATA 01'; }))).toEqual([
      `${at}.serial: disk "root" of VirtualMachine "mq/web" has serial "DATA 01", which KubeVirt refuses: use only letters, digits, '_', '.', '+' and '-'`,
    ]);
  });

  test('fires on an io mode KubeVirt does not support', () => {
    expect(issuesOf(diskOptions, withDisk((d) => { d.io = 'io_uring'; }))).toEqual([
      `${at}.io: disk "root" of VirtualMachine "mq/web" has io mode "io_uring", which KubeVirt does not support: use "native", "threads", or leave io out`,
    ]);
  });

  test('fires on an unknown error policy', () => {
    expect(issuesOf(diskOptions, withDisk((d) => { d.errorPolicy = 'retry'; }))).toEqual([
      `${at}.errorPolicy: disk "root" of VirtualMachine "mq/web" has errorPolicy "retry", which KubeVirt does not know: use one of "stop", "ignore", "report", "enospace", or leave errorPolicy out`,
    ]);
  });

  test('fires on a block size that is no power of 2', () => {
    expect(issuesOf(diskOptions, withDisk((d) => { d.blockSize = { custom: { logical: 512, physical: 3000 } }; }))).toEqual([
      `${at}.blockSize.custom.physical: disk "root" of VirtualMachine "mq/web" has a physical block size of 3000, which KubeVirt refuses: use a power of 2 from 512 to 2097152`,
    ]);
  });

  test('fires on a logical block size above the physical one', () => {
    expect(issuesOf(diskOptions, withDisk((d) => { d.blockSize = { custom: { logical: 4096, physical: 512 } }; }))).toEqual([
      `${at}.blockSize.custom.logical: disk "root" of VirtualMachine "mq/web" has a logical block size of 4096 above its physical block size of 512, which KubeVirt refuses: make logical at most physical`,
    ]);
  });

  test('stays quiet on a valid serial, io mode, error policy and block size', () => {
    expect(issuesOf(diskOptions, withDisk((d) => {
      Object.assign(d, { serial: 'DATA-01_a.b+c', io: 'native', errorPolicy: 'report', blockSize: { custom: { logical: 512, physical: 4096, discardGranularity: 4096 } } });
    }))).toEqual([]);
  });
});
