import { CpuModel } from '../../src/compute/cpu-model';
import { Firmware } from '../../src/compute/firmware';
import { Instancetype, Preference } from '../../src/compute/instancetype';

describe('small value types', () => {
  test('CpuModel.named accepts libvirt names and refuses others', () => {
    expect(CpuModel.named('EPYC-Rome').name).toBe('EPYC-Rome');
    expect(() => CpuModel.named('host model')).toThrow(new Error('CpuModel.named: "host model" is not a libvirt CPU model name: use a name such as "Cascadelake-Server", or CpuModel.HOST_MODEL'));
  });

  test('Firmware defaults', () => {
    expect(Firmware.bios()).toMatchObject({ bootloader: 'bios', secureBoot: false, persistent: false });
    expect(Firmware.efi()).toMatchObject({ bootloader: 'efi', secureBoot: false, persistent: false });
  });

  test.each([
    [() => Instancetype.cluster('U1'), 'Instancetype.cluster: name "U1" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "u1")'],
    [() => Instancetype.namespaced(''), 'Instancetype.namespaced: name "" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "name")'],
    [() => Preference.cluster('Fedora'), 'Preference.cluster: name "Fedora" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "fedora")'],
    [() => Preference.namespaced('a_b'), 'Preference.namespaced: name "a_b" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "a-b")'],
  ])('reference name error %#', (build, message) => {
    expect(build).toThrow(new Error(message));
  });
});
