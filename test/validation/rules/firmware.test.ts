import { issuesOf, vm } from './rule-fixtures';
import { firmware } from '../../../src/validation/rules/firmware';

const at = 'error firmware VirtualMachine web spec.template.spec.domain';
const withDomain = (patch: (domain: any, spec: any) => void) => [vm('web', (s) => patch(s.domain, s))];

describe('rule firmware', () => {
  test('fires on EFI (Secure Boot by default) without SMM', () => {
    expect(issuesOf(firmware, withDomain((d) => { d.firmware = { bootloader: { efi: {} } }; }))).toEqual([
      `${at}.firmware.bootloader.efi: VirtualMachine "mq/web" has EFI Secure Boot (EFI turns it on unless secureBoot: false) without SMM, which KubeVirt refuses (Secure Boot needs SMM): add features: { smm: { enabled: true } }, or set efi.secureBoot: false`,
    ]);
  });

  test('fires on both EFI and BIOS', () => {
    expect(issuesOf(firmware, withDomain((d) => { d.firmware = { bootloader: { efi: { secureBoot: false }, bios: {} } }; }))).toEqual([
      `${at}.firmware.bootloader: VirtualMachine "mq/web" has both EFI and BIOS bootloaders, which KubeVirt refuses: keep one`,
    ]);
  });

  test('fires on kernel boot without a kernel path', () => {
    expect(issuesOf(firmware, withDomain((d) => { d.firmware = { kernelBoot: { container: { image: 'quay.io/k/kernel:1' } } }; }))).toEqual([
      `${at}.firmware.kernelBoot.container: VirtualMachine "mq/web" has a kernel boot container with neither kernelPath nor initrdPath, which KubeVirt requires: give the path of the kernel (and initrd) in the image`,
    ]);
  });

  test('fires on an ACPI table from a volume that is no Secret', () => {
    expect(issuesOf(firmware, withDomain((d) => { d.firmware = { acpi: { slicNameRef: 'root' } }; }))).toEqual([
      `${at}.firmware.acpi.slicNameRef: VirtualMachine "mq/web" has ACPI slicNameRef "root", a volume that is no secret, which KubeVirt refuses: point it at a secret volume`,
    ]);
  });

  test('stays quiet on Secure Boot with SMM, EFI without Secure Boot, a complete kernel boot, a Secret ACPI table, and a preference', () => {
    expect(issuesOf(firmware, [
      ...withDomain((d, s) => {
        d.firmware = { bootloader: { efi: {} }, kernelBoot: { kernelArgs: 'console=ttyS0', container: { image: 'k', kernelPath: '/boot/vmlinuz' } }, acpi: { slicNameRef: 'slic' } };
        d.features = { smm: {} };
        s.volumes.push({ name: 'slic', secret: { secretName: 'slic' } });
      }),
      vm('plain', (s) => { s.domain.firmware = { bootloader: { efi: { secureBoot: false } } }; }),
      vm('preferred', (s, o) => { s.domain.firmware = { bootloader: { efi: {} } }; o.spec.preference = { name: 'windows.2k22' }; }),
    ])).toEqual([]);
  });
});
