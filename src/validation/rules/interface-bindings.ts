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

const DISCONTINUED_BINDINGS = Object.keys(DISCONTINUED);

/** How many of `bindings` the interface sets (counted before any list is made: usually one). */
function countSet(iface: KubeObject, bindings: readonly string[]): number {
  let count = 0;
  for (const binding of bindings) if (isSet(iface[binding])) count++;
  return count;
}

function bindingCountProblems(iface: KubeObject, problems: Problem[]): void {
  const discontinued = countSet(iface, DISCONTINUED_BINDINGS);
  if (discontinued > 0) {
    for (const b of DISCONTINUED_BINDINGS.filter((d) => isSet(iface[d]))) {
      problems.push({ field: b, problem: `uses binding ${show(b)}, which KubeVirt discontinued in v1.3 and refuses: use ${DISCONTINUED[b]} instead` });
    }
  }
  const count = countSet(iface, BINDINGS);
  if (count > 1) {
    const bindings = BINDINGS.filter((b) => isSet(iface[b]));
    problems.push({ field: bindings[1], problem: `has bindings ${bindings.map((b) => show(b)).join(' and ')}, and KubeVirt requires exactly one binding per interface: keep one` });
  } else if (count === 0 && discontinued === 0) {
    problems.push({ field: 'name', problem: 'has no binding, and KubeVirt requires exactly one per interface: add masquerade: {} (pod network), bridge: {} or sriov: {} (Multus network), or binding: { name } for a binding plugin' });
  }
}

const POD_ONLY_BINDINGS = ['masquerade', 'passtBinding'];

/** The first network of that name (as find() reads the list: holes are undefined). */
function networkNamed(networks: KubeObject[], name: unknown): KubeObject | undefined {
  for (let i = 0; i < networks.length; i++) if (networks[i]?.name === name) return networks[i];
  return undefined;
}

function podOnlyProblems(iface: KubeObject, network: KubeObject | undefined, problems: Problem[]): void {
  // A missing network is interfaces-and-networks' to report.
  const onOtherNetwork = network !== undefined && !isSet(network.pod);
  for (let i = 0; i < POD_ONLY_BINDINGS.length && onOtherNetwork; i++) {
    const binding = POD_ONLY_BINDINGS[i];
    if (isSet(iface[binding])) {
      problems.push({ field: binding, problem: `uses ${binding} on network ${show(network?.name)}, which is not the pod network, and KubeVirt implements ${binding} only on the pod network: use bridge: {} or sriov: {} on a Multus network, or connect it to a network with pod: {}` });
    }
  }
  if (isSet(iface.masquerade) && typeof iface.macAddress === 'string' && iface.macAddress.toLowerCase() === RESERVED_MAC) {
    problems.push({ field: 'macAddress', problem: `has MAC address ${show(iface.macAddress)}, which KubeVirt reserves for the in-pod bridge of masquerade interfaces: choose another address, or leave macAddress out` });
  }
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
    const problems: Problem[] = [];
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      const interfaces: unknown[] = listOf(vm.spec.domain?.devices?.interfaces);
      const networks: KubeObject[] = listOf(vm.spec.networks);
      // Loops, not forEach and find: no closures per interface of a fleet's VMs.
      for (let position = 0; position < interfaces.length; position++) {
        const iface: any = interfaces[position];
        if (!(position in interfaces) || typeof iface !== 'object' || iface === null) continue; // the schema reports it (holes are skipped, as forEach skips them)
        bindingCountProblems(iface, problems);
        podOnlyProblems(iface, networkNamed(networks, iface.name), problems);
        for (let i = 0; i < problems.length; i++) {
          const { field, problem } = problems[i];
          context.error(index, `${vm.specPath}.domain.devices.interfaces[${position}].${field}`, `interface ${show(iface.name)} of ${holder} ${problem}`);
        }
        problems.length = 0;
      }
    }
  },
};
