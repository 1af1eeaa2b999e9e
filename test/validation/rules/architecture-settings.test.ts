import { issuesOf, vm } from './rule-fixtures';
import { architectureSettings } from '../../../src/validation/rules/architecture-settings';

describe('rule architecture-settings', () => {
  test('fires on a disk bus arm64 does not offer', () => {
    const bad = vm('web', (s) => { s.architecture = 'arm64'; s.domain.devices.disks[0].disk.bus = 'sata'; });
    expect(issuesOf(architectureSettings, [bad])).toEqual([
      'error architecture-settings VirtualMachine web spec.template.spec.domain.devices.disks[0].disk.bus: VirtualMachine "mq/web" has disk "root" on bus "sata" on arm64, which KubeVirt refuses (only virtio and scsi there): use bus "virtio" or "scsi"',
    ]);
  });

  test('fires on each per-architecture refusal', () => {
    const objects = [
      vm('a', (s) => { s.architecture = 'riscv64'; }),
      vm('b', (s) => { s.architecture = 'arm64'; s.domain.firmware = { bootloader: { bios: {} } }; s.domain.cpu = { model: 'host-model' }; s.domain.devices.sound = { name: 's' }; s.domain.devices.watchdog = { name: 'w', i6300esb: {} }; s.domain.devices.video = { type: 'vga' }; }),
      vm('c', (s) => { s.architecture = 'amd64'; s.domain.devices.watchdog = { name: 'w', diag288: {} }; s.domain.devices.video = { type: 'qxl' }; }),
      vm('d', (s) => { s.architecture = 's390x'; s.domain.devices.watchdog = { name: 'w', i6300esb: {} }; s.domain.devices.video = { type: 'vga' }; s.domain.devices.panicDevices = [{ model: 'isa' }]; }),
      vm('e', (s) => { s.architecture = 'arm64'; s.domain.cpu = { dedicatedCpuPlacement: true, threads: 2, cores: 2 }; }),
    ];
    expect(issuesOf(architectureSettings, objects).map((i) => i.split(' has ')[1].split(', which')[0])).toEqual([
      'architecture "riscv64"',
      'BIOS boot on arm64',
      'CPU model "host-model" on arm64',
      'a sound device on arm64',
      'video model "vga" on arm64',
      'a watchdog on arm64',
      'video model "qxl" on amd64',
      'a watchdog other than i6300esb on amd64',
      'custom panic devices on s390x',
      'video model "vga" on s390x',
      'a watchdog other than diag288 on s390x',
      'dedicated CPUs with 2 threads per core on arm64',
    ]);
  });

  test('stays quiet on what each architecture offers, and without an explicit architecture', () => {
    const fine = [
      vm('a', (s) => { s.architecture = 'arm64'; s.domain.firmware = { bootloader: { efi: {} } }; s.domain.cpu = { model: 'host-passthrough' }; s.domain.devices.disks.push({ name: 'cd', cdrom: { bus: 'scsi' } }); s.domain.devices.video = { type: 'ramfb' }; }),
      vm('b', (s) => { s.architecture = 'amd64'; s.domain.devices.watchdog = { name: 'w', i6300esb: {} }; s.domain.devices.video = { type: 'bochs' }; }),
      vm('c', (s) => { s.architecture = 's390x'; s.domain.devices.watchdog = { name: 'w', diag288: {} }; s.domain.devices.video = { type: 'virtio' }; }),
      vm('d', (s) => { s.domain.devices.watchdog = { name: 'w', diag288: {} }; s.domain.devices.disks[0].disk.bus = 'sata'; }),
      vm('e', (s) => { s.architecture = 'amd64'; s.domain.cpu = { dedicatedCpuPlacement: true, threads: 2 }; s.domain.devices.panicDevices = [{ model: 'isa' }]; }),
    ];
    expect(issuesOf(architectureSettings, fine)).toEqual([]);
  });
});
