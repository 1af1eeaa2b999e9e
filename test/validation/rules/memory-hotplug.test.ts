import { issuesOf, vm } from './rule-fixtures';
import { memoryHotplug } from '../../../src/validation/rules/memory-hotplug';

describe('rule memory-hotplug', () => {
  test('fires on guest memory above maxGuest', () => {
    const bad = vm('web', (s) => { s.domain.memory = { guest: '4Gi', maxGuest: '2Gi' }; });
    expect(issuesOf(memoryHotplug, [bad])).toEqual([
      'error memory-hotplug VirtualMachine web spec.template.spec.domain.memory.guest: VirtualMachine "mq/web" has guest memory "4Gi" above maxGuest "2Gi", which KubeVirt refuses: raise maxGuest, or lower the guest memory',
    ]);
  });

  test('fires on each refused combination', () => {
    const objects = [
      vm('a', (s) => { s.domain.memory = { maxGuest: '8Gi' }; }),
      vm('b', (s) => { s.domain.memory = { maxGuest: '8Gi' }; s.domain.resources = { requests: { memory: '1000M' } }; }),
      vm('c', (s) => { s.domain.memory = { guest: '512Mi', maxGuest: '3Gi', hugepages: { pageSize: '1Gi' } }; }),
      vm('d', (s) => { s.architecture = 'arm64'; s.domain.memory = { guest: '2Gi', maxGuest: '8Gi' }; s.domain.launchSecurity = { sev: {} }; s.domain.cpu = { realtime: {}, numa: { guestMappingPassthrough: {} } }; }),
    ];
    expect(issuesOf(memoryHotplug, objects).map((i) => i.split(' has ')[1].split(', which')[0])).toEqual([
      'maxGuest (memory hotplug) and no guest memory',
      'guest memory "1000M" and maxGuest',
      'guest memory "1000M" and maxGuest',
      'guest memory "512Mi" and maxGuest',
      'guest memory "512Mi" and maxGuest',
      'maxGuest (memory hotplug) and realtime CPUs',
      'maxGuest (memory hotplug) and NUMA guestMappingPassthrough',
      'maxGuest (memory hotplug) and launchSecurity',
      'maxGuest (memory hotplug) and architecture "arm64"',
    ]);
  });

  test('stays quiet on hotpluggable memory, on VMIs, with an instance type, and without maxGuest', () => {
    const vmi = { ...vm('e'), kind: 'VirtualMachineInstance' };
    vmi.spec = { ...vmi.spec.template.spec, domain: { ...vmi.spec.template.spec.domain, memory: { guest: '4Gi', maxGuest: '2Gi' } } };
    const fine = [
      vm('a', (s) => { s.domain.memory = { guest: '2Gi', maxGuest: '8Gi' }; }),
      vm('b', (s) => { s.domain.memory = { maxGuest: '16Gi', hugepages: { pageSize: '1Gi' } }; s.domain.resources = { requests: { memory: '4Gi' } }; }),
      vm('c', (s, o) => { s.domain.memory = { maxGuest: '8Gi' }; o.spec.instancetype = { name: 'u1.medium' }; }),
      vm('d', (s) => { s.domain.memory = { guest: '100M' }; }),
      vmi,
    ];
    expect(issuesOf(memoryHotplug, fine)).toEqual([]);
  });
});
