import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const FEATURE_POLICIES = ['force', 'require', 'optional', 'disable', 'forbid'];
const IO_THREADS_POLICIES = ['shared', 'auto', 'supplementalPool'];
const quoted = (values: string[]): string => values.map((v) => show(v)).join(', ');

function cpuProblems(cpu: any): Problem[] {
  if (typeof cpu !== 'object' || cpu === null) return [];
  const problems: Problem[] = [];
  const features: any[] = listOf(cpu.features);
  features.forEach((feature, position) => {
    const policy = feature?.policy;
    if (typeof policy === 'string' && policy !== '' && !FEATURE_POLICIES.includes(policy)) {
      problems.push({ field: `cpu.features[${position}].policy`, problem: `CPU feature ${show(feature.name)} with policy ${show(policy)}, which KubeVirt does not support: use one of ${quoted(FEATURE_POLICIES)}, or leave policy out ("require")` });
    }
  });
  // CPU hotplug adds sockets up to maxSockets; starting above it is refused.
  if (typeof cpu.maxSockets === 'number' && cpu.maxSockets !== 0 && typeof cpu.sockets === 'number' && cpu.sockets > cpu.maxSockets) {
    problems.push({ field: 'cpu.sockets', problem: `${cpu.sockets} CPU sockets and maxSockets ${cpu.maxSockets}, which KubeVirt refuses (sockets can only grow up to maxSockets): raise maxSockets, or lower sockets` });
  }
  return problems;
}

function ioThreadProblems(domain: any): Problem[] {
  const policy = domain.ioThreadsPolicy;
  if (policy === undefined || policy === null) return [];
  if (!IO_THREADS_POLICIES.includes(policy)) {
    return [{ field: 'ioThreadsPolicy', problem: `ioThreadsPolicy ${show(policy)}, which KubeVirt does not know: use one of ${quoted(IO_THREADS_POLICIES)}` }];
  }
  const count = domain.ioThreads?.supplementalPoolThreadCount;
  if (policy === 'supplementalPool' && !(typeof count === 'number' && count >= 1)) {
    return [{ field: 'ioThreads.supplementalPoolThreadCount', problem: 'ioThreadsPolicy "supplementalPool" without a positive ioThreads.supplementalPoolThreadCount, which KubeVirt requires: set the number of IO threads of the pool (e.g. 4)' }];
  }
  return [];
}

/** CPU feature policies, sockets within maxSockets, and IO thread policies KubeVirt knows. */
export const cpuAndIoThreads: Rule = {
  id: 'cpu-and-io-threads',
  order: 1280,
  summary: 'CPU feature policies are force, require, optional, disable or forbid; sockets do not exceed maxSockets; ioThreadsPolicy is shared, auto or supplementalPool (with a thread count), as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateCPUFeaturePolicies, validateCPUHotplug, validateIOThreadsPolicy.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const domain = vm.spec.domain;
      if (typeof domain !== 'object' || domain === null) continue;
      for (const { field, problem } of [...cpuProblems(domain.cpu), ...ioThreadProblems(domain)]) {
        context.error(index, `${vm.specPath}.domain.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
