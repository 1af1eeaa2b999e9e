import { issuesOf, vm } from './rule-fixtures';
import { launchSecurity } from '../../../src/validation/rules/launch-security';

const AT = 'error launch-security VirtualMachine web spec.template.spec';
const EFI_NO_SECURE_BOOT = { bootloader: { efi: { secureBoot: false } } };

describe('rule launch-security', () => {
  test('fires on SEV with Secure Boot left on', () => {
    const bad = vm('web', (s) => { s.domain.launchSecurity = { sev: {} }; s.domain.firmware = { bootloader: { efi: {} } }; });
    expect(issuesOf(launchSecurity, [bad])).toEqual([
      `${AT}.domain.launchSecurity: VirtualMachine "mq/web" has SEV with EFI Secure Boot (on unless secureBoot: false), which KubeVirt refuses (SEV does not work with Secure Boot): set firmware.bootloader.efi.secureBoot: false`,
    ]);
  });

  test('fires on two types, missing EFI, SEV attestation without Paused, network boot, TDX with SMM, and another architecture', () => {
    const objects = [
      vm('a', (s) => { s.domain.launchSecurity = { sev: {}, snp: {} }; }),
      vm('b', (s) => { s.domain.launchSecurity = { snp: {} }; }),
      vm('c', (s) => { s.domain.launchSecurity = { sev: { attestation: {} } }; s.domain.firmware = EFI_NO_SECURE_BOOT; }),
      vm('d', (s) => { s.domain.launchSecurity = { sev: {} }; s.domain.firmware = EFI_NO_SECURE_BOOT; s.domain.devices.interfaces[0].bootOrder = 2; }),
      vm('e', (s) => { s.domain.launchSecurity = { tdx: {} }; s.domain.firmware = { bootloader: { efi: { persistent: true } } }; s.domain.features = { smm: {} }; }),
      vm('f', (s) => { s.architecture = 'arm64'; s.domain.launchSecurity = { sev: {} }; }),
      vm('g', (s) => { s.architecture = 'amd64'; s.domain.launchSecurity = {}; }),
    ];
    expect(issuesOf(launchSecurity, objects).map((i) => i.split(' has ')[1].split(', which')[0])).toEqual([
      'launchSecurity with SEV and SNP',
      'SNP without EFI firmware',
      'SEV attestation and startStrategy ""',
      'SEV and interface "default" with a bootOrder',
      'TDX and SMM',
      'TDX with persistent EFI variables',
      'launchSecurity and architecture "arm64"',
      'launchSecurity with no type',
    ]);
  });

  test('stays quiet on what KubeVirt accepts', () => {
    const fine = [
      vm('a', (s) => { s.domain.launchSecurity = { sev: { attestation: {} } }; s.domain.firmware = EFI_NO_SECURE_BOOT; s.startStrategy = 'Paused'; }),
      vm('b', (s) => { s.domain.launchSecurity = { tdx: {} }; s.domain.firmware = { bootloader: { efi: {} } }; s.domain.features = { smm: { enabled: false } }; }),
      vm('c', (s) => { s.architecture = 's390x'; s.domain.launchSecurity = {}; }),
      vm('d', (s) => { s.domain.launchSecurity = {}; }), // the cluster's default architecture may be s390x
      vm('e', (s, o) => { s.domain.launchSecurity = { snp: {} }; o.spec.preference = { name: 'windows.11' }; }), // the preference may choose EFI
    ];
    expect(issuesOf(launchSecurity, fine)).toEqual([]);
  });
});
