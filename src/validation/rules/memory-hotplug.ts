import { show } from '../../common/errors';
import { parseQuantity } from '../../common/quantity';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

// Hotplugged memory comes in blocks: 2Mi, or 1Gi with 1Gi hugepages; the guest needs 1Gi at least
// (kubevirt v1.9.0 pkg/liveupdate/memory/memory.go).
const BLOCK = 2 * 2 ** 20;
const HUGE_BLOCK = 2 ** 30;
const MIN_GUEST = 2 ** 30;
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Bytes of a quantity (rounded up, as Go's Quantity.Value), or undefined. */
function bytes(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? parseQuantity(value) : typeof value === 'number' ? value : undefined;
  return parsed === undefined ? undefined : Math.ceil(parsed);
}

/** The guest memory as KubeVirt's defaulting sets it (setGuestMemory): guest, else the memory request, limit, or hugepage size. */
function guestMemory(domain: KubeObject): { value: string; field: string } | undefined {
  const candidates: Array<[unknown, string]> = [
    [domain.memory?.guest, 'memory.guest'], [domain.resources?.requests?.memory, 'resources.requests.memory'],
    [domain.resources?.limits?.memory, 'resources.limits.memory'], [domain.memory?.hugepages?.pageSize, 'memory.hugepages.pageSize'],
  ];
  const found = candidates.find(([value, field]) => isSet(value) && (field === 'memory.guest' || (bytes(value) ?? 0) !== 0));
  return found && { value: String(found[0]), field: found[1] };
}

function incompatible(spec: KubeObject): Problem[] {
  const domain = spec.domain;
  const fix = 'leave maxGuest out (no memory hotplug), or';
  const problems: Problem[] = [];
  if (isSet(domain.cpu?.realtime)) problems.push({ field: 'domain.memory.maxGuest', problem: `maxGuest (memory hotplug) and realtime CPUs, which KubeVirt refuses (they do not go together): ${fix} leave realtime out` });
  if (isSet(domain.cpu?.numa?.guestMappingPassthrough)) problems.push({ field: 'domain.memory.maxGuest', problem: `maxGuest (memory hotplug) and NUMA guestMappingPassthrough, which KubeVirt refuses (they do not go together): ${fix} leave numa out` });
  if (isSet(domain.launchSecurity)) problems.push({ field: 'domain.memory.maxGuest', problem: `maxGuest (memory hotplug) and launchSecurity, which KubeVirt refuses (encrypted memory cannot be hotplugged): ${fix} leave launchSecurity out` });
  if (isSet(spec.architecture) && spec.architecture !== 'amd64') problems.push({ field: 'domain.memory.maxGuest', problem: `maxGuest (memory hotplug) and architecture ${show(spec.architecture)}, which KubeVirt refuses (it hotplugs memory on amd64 only): leave maxGuest out` });
  return problems;
}

function sizeProblems(domain: KubeObject): Problem[] {
  const maxGuest = domain.memory.maxGuest;
  const max = bytes(maxGuest);
  const guest = guestMemory(domain);
  if (!guest) return [{ field: 'domain.memory.guest', problem: 'maxGuest (memory hotplug) and no guest memory, which KubeVirt refuses (it hotplugs up from the guest memory): set memory.guest' }];
  const size = bytes(guest.value);
  if (size === undefined || max === undefined) return []; // the schema reports a bad quantity
  const block = domain.memory?.hugepages?.pageSize === '1Gi' ? HUGE_BLOCK : BLOCK;
  const unit = block === HUGE_BLOCK ? '1Gi (with 1Gi hugepages)' : '2Mi';
  const problems: Problem[] = [];
  if (size > max) problems.push({ field: `domain.${guest.field}`, problem: `guest memory ${show(guest.value)} above maxGuest ${show(maxGuest)}, which KubeVirt refuses: raise maxGuest, or lower the guest memory` });
  if (size % block !== 0) problems.push({ field: `domain.${guest.field}`, problem: `guest memory ${show(guest.value)} and maxGuest, which KubeVirt refuses (with memory hotplug the guest memory is a multiple of ${unit}): round it to a multiple of ${unit}` });
  if (max % block !== 0) problems.push({ field: 'domain.memory.maxGuest', problem: `maxGuest ${show(maxGuest)}, which KubeVirt refuses (hotplugged memory comes in blocks of ${unit}): round it to a multiple of ${unit}` });
  if (size < MIN_GUEST) problems.push({ field: `domain.${guest.field}`, problem: `guest memory ${show(guest.value)} and maxGuest, which KubeVirt refuses (memory hotplug needs at least 1Gi of guest memory): give 1Gi or more, or leave maxGuest out` });
  return problems;
}

/** A VM with maxGuest (memory hotplug) meets what KubeVirt requires of hotpluggable memory. */
export const memoryHotplug: Rule = {
  id: 'memory-hotplug',
  order: 9050,
  summary: 'a VirtualMachine with `memory.maxGuest` has guest memory of at least 1Gi, not above maxGuest, both multiples of 2Mi (1Gi with 1Gi hugepages), and no realtime CPUs, NUMA passthrough, launchSecurity or architecture other than amd64, as KubeVirt\'s VM admission requires with its default LiveUpdate rollout strategy',
  // Upstream: validateLiveUpdateFeatures (vms-admitter.go#L279-L299), which calls ValidateLiveUpdateMemory.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/liveupdate/memory/memory.go#L53-L107',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const domain = vm.spec.domain;
      // A VMI is not checked (the VM admitter checks this); an instance type gives memory not known here.
      if (vm.kind !== 'VirtualMachine' || !isSet(domain?.memory?.maxGuest) || isSet(vm.object.spec?.instancetype)) continue;
      for (const { field, problem } of [...incompatible(vm.spec), ...sizeProblems(domain)]) {
        context.error(index, `${vm.specPath}.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
