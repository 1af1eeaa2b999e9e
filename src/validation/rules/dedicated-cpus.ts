import { show } from '../../common/errors';
import { parseQuantity } from '../../common/quantity';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const quantity = (value: unknown): number | undefined => (typeof value === 'string' ? parseQuantity(value) : typeof value === 'number' ? value : undefined);
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** vCPUs of a declared topology as KubeVirt counts them (unset parts left out), or 0 when none is declared. */
function declaredVcpus(cpu: any): number {
  const parts = [cpu?.cores, cpu?.sockets, cpu?.threads].filter((n): n is number => typeof n === 'number' && n > 0);
  return parts.length === 0 ? 0 : parts.reduce((a, b) => a * b, 1);
}

/** What needs dedicated CPU placement, and is refused without it. */
function needsDedicated(domain: any): Problem[] {
  const cpu = domain.cpu ?? {};
  if (cpu.dedicatedCpuPlacement === true) return [];
  const fix = 'set cpu.dedicatedCpuPlacement: true (it pins each vCPU to a host CPU)';
  const problems: Problem[] = [];
  if (cpu.isolateEmulatorThread === true) problems.push({ field: 'cpu.isolateEmulatorThread', problem: `isolateEmulatorThread without dedicated CPU placement, which KubeVirt refuses: ${fix}, or leave isolateEmulatorThread out` });
  if (isSet(cpu.realtime)) problems.push({ field: 'cpu.realtime', problem: `realtime without dedicated CPU placement, which KubeVirt refuses: ${fix}, or leave realtime out` });
  if (isSet(cpu.numa?.guestMappingPassthrough)) problems.push({ field: 'cpu.numa.guestMappingPassthrough', problem: `NUMA guestMappingPassthrough without dedicated CPU placement, which KubeVirt refuses: ${fix}, or leave numa out` });
  return problems;
}

function numaProblems(domain: any): Problem[] {
  const cpu = domain.cpu ?? {};
  const passthrough = isSet(cpu.numa?.guestMappingPassthrough);
  const problems: Problem[] = [];
  if (isSet(cpu.realtime) && !passthrough) problems.push({ field: 'cpu.realtime', problem: 'realtime without cpu.numa.guestMappingPassthrough, which KubeVirt refuses: add numa: { guestMappingPassthrough: {} } (with hugepages), or leave realtime out' });
  if (passthrough && !isSet(domain.memory?.hugepages)) problems.push({ field: 'cpu.numa.guestMappingPassthrough', problem: 'NUMA guestMappingPassthrough without hugepages, which KubeVirt refuses: add memory.hugepages (e.g. pageSize "1Gi"), or leave numa out' });
  return problems;
}

/** With dedicated CPU placement: memory given, whole CPUs, requests equal to limits and to the topology, at most 2 threads. */
function dedicatedProblems(domain: any): Problem[] {
  if (domain.cpu?.dedicatedCpuPlacement !== true) return [];
  const problems: Problem[] = [];
  const res = domain.resources ?? {};
  const memoryAmounts = [res.limits?.memory, res.requests?.memory, domain.memory?.guest];
  const memory = memoryAmounts.some((m) => (quantity(m) ?? 0) !== 0) || isSet(domain.memory?.hugepages);
  if (!memory) problems.push({ field: 'memory.guest', problem: 'dedicated CPU placement and no memory, which KubeVirt refuses: set memory.guest (or a memory request, limit or hugepages)' });
  for (const kind of ['requests', 'limits']) {
    const cpu = quantity(res[kind]?.cpu);
    if (cpu !== undefined && cpu > 0 && !Number.isInteger(cpu)) problems.push({ field: `resources.${kind}.cpu`, problem: `dedicated CPU placement and cpu ${kind} ${show(res[kind].cpu)}, which KubeVirt refuses (a dedicated CPU is a whole CPU): use a whole number` });
  }
  const [requestMemory, limitMemory] = [quantity(res.requests?.memory) ?? 0, quantity(res.limits?.memory) ?? 0];
  if (requestMemory > 0 && limitMemory > 0 && requestMemory !== limitMemory) problems.push({ field: 'resources.requests.memory', problem: `dedicated CPU placement and memory requests ${show(res.requests.memory)} unequal to limits ${show(res.limits.memory)}, which KubeVirt refuses (the pod must be Guaranteed): make them equal` });
  const limitCpu = Math.ceil(quantity(res.limits?.cpu) ?? 0);
  const requestCpu = Math.ceil(quantity(res.requests?.cpu) ?? 0) || limitCpu; // KubeVirt copies the limit into a missing request
  if (requestCpu > 0 && limitCpu > 0 && requestCpu !== limitCpu) problems.push({ field: 'resources.requests.cpu', problem: `dedicated CPU placement and cpu requests ${show(res.requests.cpu)} unequal to limits ${show(res.limits.cpu)}, which KubeVirt refuses: make them equal` });
  const vcpus = declaredVcpus(domain.cpu);
  if (vcpus > 0 && (requestCpu > 0 || limitCpu > 0) && requestCpu !== vcpus && limitCpu !== vcpus) problems.push({ field: 'cpu', problem: `dedicated CPU placement with ${vcpus} vCPUs in cpu and ${requestCpu} in resources, which KubeVirt refuses: give the count once (the topology, or cpu requests/limits), or make them agree` });
  const threads = domain.cpu?.threads;
  if (typeof threads === 'number' && threads > 2) problems.push({ field: 'cpu.threads', problem: `dedicated CPU placement and ${threads} threads per core, which KubeVirt refuses (at most 2): use cores or sockets for more vCPUs` });
  return problems;
}

/** Dedicated CPU placement and what depends on it (emulator thread isolation, realtime, NUMA passthrough). */
export const dedicatedCpus: Rule = {
  id: 'dedicated-cpus',
  order: 1240,
  summary: 'isolateEmulatorThread, realtime and NUMA passthrough need dedicated CPU placement (realtime also NUMA passthrough, NUMA passthrough also hugepages); dedicated CPUs need memory, whole CPUs, requests equal to limits and to the topology, and at most 2 threads, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateCPUIsolatorThread, validateRealtime, validateNUMA, validateCpuPinning (and what it calls).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      const domain = vm.spec.domain;
      // An instance type sets CPU placement, topology and memory that are not known here.
      if (typeof domain !== 'object' || domain === null || vm.object.spec?.instancetype) continue;
      for (const { field, problem } of [...needsDedicated(domain), ...numaProblems(domain), ...dedicatedProblems(domain)]) {
        context.error(index, `${vm.specPath}.domain.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
