import { issuesOf, vm } from './rule-fixtures';
import { cpuAndIoThreads } from '../../../src/validation/rules/cpu-and-io-threads';

const at = 'error cpu-and-io-threads VirtualMachine web spec.template.spec.domain';
const withDomain = (patch: (domain: any) => void) => [vm('web', (s) => patch(s.domain))];

describe('rule cpu-and-io-threads', () => {
  test('fires on a CPU feature policy KubeVirt does not support', () => {
    expect(issuesOf(cpuAndIoThreads, withDomain((d) => { d.cpu = { features: [{ name: 'vmx', policy: 'enable' }] }; }))).toEqual([
      `${at}.cpu.features[0].policy: VirtualMachine "mq/web" has CPU feature "vmx" with policy "enable", which KubeVirt does not support: use one of "force", "require", "optional", "disable", "forbid", or leave policy out ("require")`,
    ]);
  });

  test('fires on more sockets than maxSockets', () => {
    expect(issuesOf(cpuAndIoThreads, withDomain((d) => { d.cpu = { sockets: 4, maxSockets: 2 }; }))).toEqual([
      `${at}.cpu.sockets: VirtualMachine "mq/web" has 4 CPU sockets and maxSockets 2, which KubeVirt refuses (sockets can only grow up to maxSockets): raise maxSockets, or lower sockets`,
    ]);
  });

  test('fires on a supplemental IO thread pool without a count', () => {
    expect(issuesOf(cpuAndIoThreads, withDomain((d) => { d.ioThreadsPolicy = 'supplementalPool'; }))).toEqual([
      `${at}.ioThreads.supplementalPoolThreadCount: VirtualMachine "mq/web" has ioThreadsPolicy "supplementalPool" without a positive ioThreads.supplementalPoolThreadCount, which KubeVirt requires: set the number of IO threads of the pool (e.g. 4)`,
    ]);
  });

  test('stays quiet on known policies, sockets within maxSockets and a counted pool', () => {
    expect(issuesOf(cpuAndIoThreads, withDomain((d) => {
      d.cpu = { sockets: 2, maxSockets: 8, features: [{ name: 'vmx', policy: 'require' }, { name: 'svm' }] };
      d.ioThreadsPolicy = 'supplementalPool';
      d.ioThreads = { supplementalPoolThreadCount: 4 };
    }))).toEqual([]);
  });
});
