import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

// The binding fields KubeVirt counts; an interface needs exactly one of them.
const BINDINGS = ['bridge', 'masquerade', 'sriov', 'passtBinding', 'binding'];
// Bindings KubeVirt removed in v1.3; it refuses new objects that still use them.
const DISCONTINUED: Record<string, string> = {
  slirp: 'masquerade: {}',
  passt: 'passtBinding: {} (or the passt binding plugin)',
  macvtap: 'bridge: {} on a Multus network (or the macvtap binding plugin)',
};
// The MAC KubeVirt gives the in-pod bridge of a masquerade interface.
const RESERVED_MAC = '02:00:00:00:00:00';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function bindingCountProblems(iface: KubeObject): Problem[] {
  const discontinued = Object.keys(DISCONTINUED).filter((b) => isSet(iface[b]));
  const problems: Problem[] = discontinued.map((b) => ({
    field: b,
    problem: `uses binding ${show(b)}, which KubeVirt discontinued in v1.3 and refuses: use ${DISCONTINUED[b]} instead`,
  }));
  const bindings = BINDINGS.filter((b) => isSet(iface[b]));
  if (bindings.length > 1) {
    problems.push({ field: bindings[1], problem: `has bindings ${bindings.map((b) => show(b)).join(' and ')}, and KubeVirt requires exactly one binding per interface: keep one` });
  } else if (bindings.length === 0 && discontinued.length === 0) {
    problems.push({ field: 'name', problem: 'has no binding, and KubeVirt requires exactly one per interface: add masquerade: {} (pod network), bridge: {} or sriov: {} (Multus network), or binding: { name } for a binding plugin' });
  }
  return problems;
}

function podOnlyProblems(iface: KubeObject, network: KubeObject | undefined): Problem[] {
  const problems: Problem[] = [];
  // A missing network is interfaces-and-networks' to report.
  const onOtherNetwork = network !== undefined && !isSet(network.pod);
  for (const binding of ['masquerade', 'passtBinding']) {
    if (isSet(iface[binding]) && onOtherNetwork) {
      problems.push({ field: binding, problem: `uses ${binding} on network ${show(network?.name)}, which is not the pod network, and KubeVirt implements ${binding} only on the pod network: use bridge: {} or sriov: {} on a Multus network, or connect it to a network with pod: {}` });
    }
  }
  if (isSet(iface.masquerade) && typeof iface.macAddress === 'string' && iface.macAddress.toLowerCase() === RESERVED_MAC) {
    problems.push({ field: 'macAddress', problem: `has MAC address ${show(iface.macAddress)}, which KubeVirt reserves for the in-pod bridge of masquerade interfaces: choose another address, or leave macAddress out` });
  }
  return problems;
}

/** Each interface has exactly one current binding, and pod-only bindings sit on the pod network. */
export const interfaceBindings: Rule = {
  id: 'interface-bindings',
  order: 1300,
  summary: 'each interface has exactly one binding (bridge, masquerade, sriov, passtBinding or a binding plugin), none of the discontinued slirp, passt or macvtap; masquerade and passtBinding only on the pod network; masquerade not with the reserved MAC 02:00:00:00:00:00, as KubeVirt\'s network admission requires',
  // Upstream functions: validateInterfaceBinding (binding.go), validatePasstBinding (passt.go), validateDiscontinuedBindings (discontinued.go).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/binding.go#L34-L99',
  source: RuleSource.KUBEVIRT,
  check(context) {
    for (const { index, vm, holder } of context.vms) {
      const interfaces: unknown[] = listOf(vm.spec.domain?.devices?.interfaces);
      const networks: KubeObject[] = listOf(vm.spec.networks);
      interfaces.forEach((iface: any, position) => {
        if (typeof iface !== 'object' || iface === null) return; // the schema reports it
        const network = networks.find((n) => n?.name === iface.name);
        for (const { field, problem } of [...bindingCountProblems(iface), ...podOnlyProblems(iface, network)]) {
          context.error(index, `${vm.specPath}.domain.devices.interfaces[${position}].${field}`, `interface ${show(iface.name)} of ${holder} ${problem}`);
        }
      });
    }
  },
};
