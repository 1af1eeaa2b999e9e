import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const given = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Problems of network `i` (fields relative to the instance spec). */
function networkProblems(spec: KubeObject, network: KubeObject, i: number, firstByPair: Map<string, number>): Problem[] {
  const at = `networks[${i}]`;
  const problems: Problem[] = [];
  const iface = listOf(spec.domain?.devices?.interfaces).find((candidate: any) => candidate?.name === network.name);
  if (iface && !isSet(iface.sriov) && !isSet(iface.binding)) {
    problems.push({ field: 'domain.devices.interfaces', problem: `DRA network ${show(network.name)} whose interface is neither SR-IOV nor a binding plugin: use sriov: {} (or a binding plugin) on interface ${show(network.name)}` });
  }
  const { claimName, requestName } = network.resourceClaim;
  for (const [key, value] of [['claimName', claimName], ['requestName', requestName]]) {
    if (!given(value)) problems.push({ field: `${at}.resourceClaim.${key}`, problem: `DRA network ${show(network.name)} without ${key}: give the ${key === 'claimName' ? 'name of a resourceClaims entry' : 'request of that claim'}` });
  }
  if (!given(claimName) || !given(requestName)) return problems;
  if (!listOf(spec.resourceClaims).some((c: any) => c?.name === claimName)) {
    problems.push({ field: `${at}.resourceClaim.claimName`, problem: `DRA network ${show(network.name)} on claim ${show(claimName)}, which is not in resourceClaims: add { name: ${show(claimName)}, resourceClaimTemplateName: ... } to resourceClaims` });
  }
  const pair = `${claimName}/${requestName}`;
  const first = firstByPair.get(pair);
  if (first !== undefined) problems.push({ field: at, problem: `DRA network ${show(network.name)} on claimName/requestName ${show(pair)}, which networks[${first}] uses too: give each network its own request` });
  else firstByPair.set(pair, i);
  return problems;
}

/** Whether a network is on a resource claim (a loop: most VMs have none, and need no closure to say so). */
function hasClaimNetwork(networks: unknown): boolean {
  if (!Array.isArray(networks)) return false;
  for (let i = 0; i < networks.length; i++) if (i in networks && isSet(networks[i]?.resourceClaim)) return true;
  return false;
}

/** The problems of the DRA networks of a VM that has some (`hasClaimNetwork`). */
function draNetworkProblems(spec: KubeObject): Problem[] {
  const networks: KubeObject[] = listOf(spec.networks);
  if (networks.some((n) => isSet(n?.multus))) {
    return [{ field: 'networks', problem: 'both Multus and DRA (resourceClaim) networks, which KubeVirt does not support in one VM: use one kind' }];
  }
  const firstByPair = new Map<string, number>();
  return networks.flatMap((network, i) => (isSet(network?.resourceClaim) ? networkProblems(spec, network, i, firstByPair) : []));
}

/** Networks by Dynamic Resource Allocation name a declared claim and request once, on SR-IOV or plugin interfaces, without Multus. */
export const draNetworks: Rule = {
  id: 'dra-networks',
  order: 9160,
  summary: 'resourceClaim (DRA) networks are not mixed with Multus networks, sit on SR-IOV or binding-plugin interfaces, and give a claimName from resourceClaims and a requestName, each pair once, as KubeVirt\'s network admission requires (DRA networks also need the alpha NetworkDevicesWithDRA gate)',
  // Upstream: validateNetworkDevicesWithDRA and what it calls (refused without the gate, and with it on these fields).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/dra.go#L37-L154',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      if (!hasClaimNetwork(vm.spec.networks)) continue;
      for (const { field, problem } of draNetworkProblems(vm.spec)) {
        context.error(index, `${vm.specPath}.${field}`, `KubeVirt refuses the networks of ${holder}: ${problem}`);
      }
    }
  },
};
