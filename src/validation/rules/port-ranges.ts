import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

const MAX_RANGES = 10;
const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const isPort = (value: unknown): value is number => typeof value === 'number' && value > 0 && value < 65536;

interface Problem {
  readonly field: string;
  readonly problem: string;
}

/** Each range's protocol and ports, then overlaps per protocol (as KubeVirt sorts and compares them). */
function rangeProblems(ranges: KubeObject[]): Problem[] {
  if (ranges.length > MAX_RANGES) return [{ field: 'portRanges', problem: `${ranges.length} port ranges, more than the ${MAX_RANGES} KubeVirt allows: merge neighbouring ranges` }];
  const problems: Problem[] = [];
  const byProtocol = new Map<string, Array<[number, number]>>();
  ranges.forEach((range, i) => {
    const at = `portRanges[${i}]`;
    if (range.protocol !== 'TCP' && range.protocol !== 'UDP') problems.push({ field: `${at}.protocol`, problem: `port range ${i} with protocol ${show(range.protocol ?? '')}, and KubeVirt allows only "TCP" or "UDP": set one of those` });
    else if (!isPort(range.start)) problems.push({ field: `${at}.start`, problem: `port range ${i} starting at ${show(range.start)}, not a port from 1 to 65535: give a port number` });
    else if (!isPort(range.end)) problems.push({ field: `${at}.end`, problem: `port range ${i} ending at ${show(range.end)}, not a port from 1 to 65535: give a port number` });
    else if (range.start > range.end) problems.push({ field: `${at}.start`, problem: `port range ${i} from ${range.start} to ${range.end}, which starts after it ends: swap start and end` });
    else byProtocol.set(range.protocol, [...(byProtocol.get(range.protocol) ?? []), [range.start, range.end]]);
  });
  for (const [protocol, intervals] of byProtocol) {
    intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < intervals.length; i++) {
      const [previous, current] = [intervals[i - 1], intervals[i]];
      if (current[0] <= previous[1]) problems.push({ field: 'portRanges', problem: `${protocol} port ranges ${previous.join('-')} and ${current.join('-')}, which overlap: merge them` });
    }
  }
  return problems;
}

function interfaceProblems(iface: KubeObject): Problem[] {
  const problems: Problem[] = [];
  if (isSet(iface.ports)) problems.push({ field: 'portRanges', problem: 'both ports and portRanges, which KubeVirt refuses: keep one' });
  if (!isSet(iface.masquerade)) problems.push({ field: 'portRanges', problem: 'portRanges without masquerade binding, which KubeVirt refuses (it forwards ranges through masquerade only): use masquerade: {}, or ports' });
  return [...problems, ...rangeProblems(listOf(iface.portRanges))];
}

/** Port ranges of pod-network interfaces are what KubeVirt forwards (PortRangesSpec, alpha, is needed for any). */
export const portRanges: Rule = {
  id: 'port-ranges',
  order: 9150,
  summary: 'an interface on the pod network with `portRanges` uses masquerade and no `ports`, at most 10 ranges, each TCP or UDP from a port to a port not below it, none overlapping another of its protocol, as KubeVirt\'s network admission requires (portRanges also need the alpha PortRangesSpec gate)',
  // Upstream: validatePortRangesConfiguration and what it calls (refused without the gate, and with it on these fields).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/netiface.go#L272-L408',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      // Found only for a VM with port ranges (few have any).
      let podNetworks: Set<unknown> | undefined;
      listOf(vm.spec.domain?.devices?.interfaces).forEach((iface: any, position) => {
        // Off the pod network, portRanges are refused only without the gate, which a manifest does not show.
        if (!isSet(iface?.portRanges)) return;
        podNetworks ??= new Set(listOf(vm.spec.networks).filter((n: any) => isSet(n?.pod)).map((n: any) => n.name));
        if (!podNetworks.has(iface.name)) return;
        for (const { field, problem } of interfaceProblems(iface)) {
          context.error(index, `${vm.specPath}.domain.devices.interfaces[${position}].${field}`, `interface ${show(iface.name)} of ${holder} has ${problem}`);
        }
      });
    }
  },
};
