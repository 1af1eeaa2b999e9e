import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';

// What every instance type sets (its cpu.guest and memory.guest are required), so a VM that
// also sets it conflicts whatever the instance type holds.
const CONFLICTS = [
  { field: 'domain.cpu.sockets', set: (d: any) => typeof d.cpu?.sockets === 'number' && d.cpu.sockets !== 0 },
  { field: 'domain.cpu.cores', set: (d: any) => typeof d.cpu?.cores === 'number' && d.cpu.cores !== 0 },
  { field: 'domain.cpu.threads', set: (d: any) => typeof d.cpu?.threads === 'number' && d.cpu.threads !== 0 },
  { field: 'domain.resources.requests.cpu', set: (d: any) => d.resources?.requests?.cpu !== undefined },
  { field: 'domain.resources.limits.cpu', set: (d: any) => d.resources?.limits?.cpu !== undefined },
  { field: 'domain.memory.guest', set: (d: any) => d.memory?.guest !== undefined && d.memory.guest !== null },
  { field: 'domain.resources.requests.memory', set: (d: any) => d.resources?.requests?.memory !== undefined },
  { field: 'domain.resources.limits.memory', set: (d: any) => d.resources?.limits?.memory !== undefined },
];

/** A VirtualMachine with an instance type leaves the vCPUs and memory to it. */
export const instancetypeConflicts: Rule = {
  id: 'instancetype-conflicts',
  order: 1270,
  summary: 'a VirtualMachine with an instance type sets no CPU topology, CPU or memory requests or limits, nor guest memory (the instance type does), as KubeVirt\'s VM admission requires',
  // Upstream functions: validateCPU and validateMemory (called from the VM admitter's ApplyToVM).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/instancetype/apply/cpu.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    for (const { index, vm, holder } of context.vms) {
      const instancetype = vm.object.spec?.instancetype;
      if (vm.kind !== 'VirtualMachine' || typeof instancetype !== 'object' || instancetype === null) continue;
      const domain = vm.spec.domain ?? {};
      for (const { field } of CONFLICTS.filter((c) => c.set(domain))) {
        context.error(index, `${vm.specPath}.${field}`, `${holder} uses instance type ${show(instancetype.name)} and also sets ${field}, which the instance type decides; KubeVirt refuses the conflict: remove ${field}, or pick an instance type of the size you want`);
      }
    }
  },
};
