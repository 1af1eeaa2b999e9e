import { issuesOf, vm } from './rule-fixtures';
import { dedicatedCpus } from '../../../src/validation/rules/dedicated-cpus';

const at = 'error dedicated-cpus VirtualMachine web spec.template.spec.domain';
const withDomain = (patch: (domain: any) => void) => [vm('web', (s) => patch(s.domain))];

describe('rule dedicated-cpus', () => {
  test('fires on isolateEmulatorThread without dedicated CPUs', () => {
    expect(issuesOf(dedicatedCpus, withDomain((d) => { d.cpu = { cores: 2, isolateEmulatorThread: true }; }))).toEqual([
      `${at}.cpu.isolateEmulatorThread: VirtualMachine "mq/web" has isolateEmulatorThread without dedicated CPU placement, which KubeVirt refuses: set cpu.dedicatedCpuPlacement: true (it pins each vCPU to a host CPU), or leave isolateEmulatorThread out`,
    ]);
  });

  test('fires on a fractional CPU request with dedicated CPUs', () => {
    expect(issuesOf(dedicatedCpus, withDomain((d) => { d.cpu = { dedicatedCpuPlacement: true }; d.resources = { requests: { cpu: '1500m' } }; }))).toEqual([
      `${at}.resources.requests.cpu: VirtualMachine "mq/web" has dedicated CPU placement and cpu requests "1500m", which KubeVirt refuses (a dedicated CPU is a whole CPU): use a whole number`,
    ]);
  });

  test('fires on a topology that disagrees with the CPU request', () => {
    expect(issuesOf(dedicatedCpus, withDomain((d) => { d.cpu = { dedicatedCpuPlacement: true, cores: 4 }; d.resources = { requests: { cpu: '2' } }; }))).toEqual([
      `${at}.cpu: VirtualMachine "mq/web" has dedicated CPU placement with 4 vCPUs in cpu and 2 in resources, which KubeVirt refuses: give the count once (the topology, or cpu requests/limits), or make them agree`,
    ]);
  });

  test('fires on NUMA passthrough without hugepages', () => {
    const numa = { guestMappingPassthrough: {} };
    expect(issuesOf(dedicatedCpus, withDomain((d) => { d.cpu = { dedicatedCpuPlacement: true, cores: 2, numa }; }))).toEqual([
      `${at}.cpu.numa.guestMappingPassthrough: VirtualMachine "mq/web" has NUMA guestMappingPassthrough without hugepages, which KubeVirt refuses: add memory.hugepages (e.g. pageSize "1Gi"), or leave numa out`,
    ]);
  });

  test('stays quiet on dedicated whole CPUs that agree, and on an instance type', () => {
    expect(issuesOf(dedicatedCpus, [
      ...withDomain((d) => {
        const numa = { guestMappingPassthrough: {} };
        d.cpu = { dedicatedCpuPlacement: true, isolateEmulatorThread: true, cores: 2, threads: 2, numa, realtime: {} };
        d.memory = { guest: '4Gi', hugepages: { pageSize: '1Gi' } };
        d.resources = { requests: { cpu: '4', memory: '4Gi' }, limits: { cpu: '4', memory: '4Gi' } };
      }),
      vm('sized', (s, o) => { s.domain.cpu = { isolateEmulatorThread: true }; o.spec.instancetype = { name: 'cx1.large' }; }),
    ])).toEqual([]);
  });
});
