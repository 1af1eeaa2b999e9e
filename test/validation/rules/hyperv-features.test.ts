import { issuesOf, vm } from './rule-fixtures';
import { hypervFeatures } from '../../../src/validation/rules/hyperv-features';

const AT = 'error hyperv-features VirtualMachine web spec.template.spec.domain';

describe('rule hyperv-features', () => {
  test('fires on a feature whose requirement is turned off', () => {
    const bad = vm('web', (s) => { s.domain.features = { hyperv: { synic: {}, vpindex: { enabled: false } } }; });
    expect(issuesOf(hypervFeatures, [bad])).toEqual([
      `${AT}.features.hyperv.synic: VirtualMachine "mq/web" has Hyper-V feature synic on, which needs vpindex, and vpindex is turned off (enabled: false); KubeVirt refuses it (QEMU would reject the guest): remove enabled: false from vpindex, or turn synic off`,
    ]);
  });

  test('fires on hyperv together with hypervPassthrough', () => {
    const bad = vm('web', (s) => { s.domain.features = { hyperv: { relaxed: {} }, hypervPassthrough: { enabled: true } }; });
    expect(issuesOf(hypervFeatures, [bad])).toEqual([
      `${AT}.features.hyperv: VirtualMachine "mq/web" has both hyperv and hypervPassthrough features, which KubeVirt refuses (passthrough gives the guest every Hyper-V feature the host has): keep hypervPassthrough alone, or list the features under hyperv`,
    ]);
  });

  test('follows KubeVirt\'s defaulting when one dependency fails: later requirements stay unset, evmcs gets no vmx', () => {
    const bad = vm('web', (s) => { s.domain.features = { hyperv: { evmcs: {}, ipi: {}, vpindex: { enabled: false }, synictimer: {} } }; });
    const issues = issuesOf(hypervFeatures, [bad]);
    expect(issues.map((i) => i.split(':')[0])).toEqual([
      `${AT}.features.hyperv.ipi`,
      `${AT}.features.hyperv.synictimer`,
      `${AT}.cpu.features`,
    ]);
    expect(issues[1]).toContain('KubeVirt stops turning on requirements at the first one that is turned off, and leaves synic unset');
  });

  test('stays quiet where KubeVirt turns requirements on itself, and on turned-off features', () => {
    const fine = [
      vm('a', (s) => { s.domain.features = { hyperv: { synictimer: { direct: {} }, evmcs: {}, tlbflush: {}, ipi: {} } }; }),
      vm('b', (s) => { s.domain.features = { hyperv: { synic: { enabled: false }, vpindex: { enabled: false } } }; }),
      vm('c', (s) => { s.domain.features = { hypervPassthrough: { enabled: true } }; }),
      vm('d', (s) => { s.domain.features = { hyperv: { evmcs: {} } }; s.domain.cpu = { features: [{ name: 'vmx', policy: 'optional' }] }; }),
    ];
    expect(issuesOf(hypervFeatures, fine)).toEqual([]);
  });
});
