import { App, Chart, Testing } from 'cdk8s';
import { CpuModel } from '../../src/compute/cpu-model';
import { Firmware } from '../../src/compute/firmware';
import { Instancetype, Preference } from '../../src/compute/instancetype';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';

/** A VM given `props` (the factories' problems are reported by the VM, with its path). */
function vmWith(props: VirtualMachineProps): () => VirtualMachine {
  return () => new VirtualMachine(new Chart(new App({ outdir: Testing.app().outdir }), 'test'), 'vm', { metadata: { name: 'vm' }, ...props });
}

describe('small value types', () => {
  test('CpuModel.named accepts libvirt names and refuses others', () => {
    expect(CpuModel.named('EPYC-Rome').name).toBe('EPYC-Rome');
    expect(vmWith({ memory: '1Gi', cpu: { model: CpuModel.named('host model') } })).toThrow(new Error('[test/vm] cpu.model: CpuModel.named: "host model" is not a libvirt CPU model name: use a name such as "Cascadelake-Server", or CpuModel.HOST_MODEL'));
  });

  test('Firmware defaults', () => {
    expect(Firmware.bios()).toMatchObject({ bootloader: 'bios', secureBoot: false, persistent: false });
    expect(Firmware.efi()).toMatchObject({ bootloader: 'efi', secureBoot: false, persistent: false });
  });

  test.each([
    [vmWith({ instancetype: Instancetype.cluster('U1') }), '[test/vm] instancetype: Instancetype.cluster: name "U1" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "u1")'],
    [vmWith({ instancetype: Instancetype.namespaced('') }), '[test/vm] instancetype: Instancetype.namespaced: name "" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "name")'],
    [vmWith({ memory: '1Gi', preference: Preference.cluster('Fedora') }), '[test/vm] preference: Preference.cluster: name "Fedora" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "fedora")'],
    [vmWith({ memory: '1Gi', preference: Preference.namespaced('a_b') }), '[test/vm] preference: Preference.namespaced: name "a_b" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "a-b")'],
  ])('reference name error %#', (build, message) => {
    expect(build).toThrow(new Error(message));
  });
});
