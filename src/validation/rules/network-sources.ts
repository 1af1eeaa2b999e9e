import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const SOURCES = ['pod', 'multus', 'resourceClaim'];

/** One network has exactly one source, and a Multus one names its NAD. */
function checkSource(context: RuleContext, index: number, holder: string, network: KubeObject, specPath: string, position: number): void {
  let count = 0;
  for (let i = 0; i < SOURCES.length; i++) if (isSet(network[SOURCES[i]])) count++;
  if (count === 1 && !(isSet(network.multus) && (typeof network.multus.networkName !== 'string' || network.multus.networkName === ''))) return;
  const path = `${specPath}.networks`;
  const where = `network ${show(network.name)} of ${holder}`;
  if (count === 0) {
    context.error(index, `${path}[${position}]`, `${where} has no source, and KubeVirt needs one: add pod: {} for the pod network, or multus: { networkName } for a NAD`);
  } else if (count > 1) {
    const sources = SOURCES.filter((s) => isSet(network[s]));
    context.error(index, `${path}[${position}].${sources[1]}`, `${where} has sources ${sources.map((s) => show(s)).join(' and ')}, and KubeVirt allows one per network: keep one, and add another network for the other`);
  } else {
    context.error(index, `${path}[${position}].multus.networkName`, `${where} is a Multus network without a networkName, which KubeVirt refuses: name its NetworkAttachmentDefinition ("name" or "namespace/name")`);
  }
}

/** Each network has exactly one source, a Multus one names its NAD, and a VM has one default network at most. */
export const networkSources: Rule = {
  id: 'network-sources',
  order: 1320,
  summary: 'each network has exactly one source (pod, multus or resourceClaim), a Multus network names its NAD, and a VM has at most one pod network or one Multus default network (not both), as KubeVirt\'s network admission requires',
  // Upstream functions: validateSinglePodNetwork, validateSingleNetworkSource, validateMultusNetworkSource.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/netsource.go#L33-L110',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const every = context.vms;
    for (let k = 0; k < every.length; k++) {
      const { index, vm, holder } = every[k];
      const listed: unknown[] = listOf(vm.spec.networks);
      let pods = 0;
      let multusDefaults = 0;
      // A loop, and strings built for an issue only: no closures per network of a fleet's VMs.
      for (let position = 0; position < listed.length; position++) {
        const network: any = listed[position];
        if (!(position in listed) || typeof network !== 'object' || network === null) continue; // the schema reports it (holes are skipped, as forEach skips them)
        if (isSet(network.pod)) pods++;
        if (network.multus?.default === true) multusDefaults++;
        checkSource(context, index, holder, network, vm.specPath, position);
      }
      if (pods < 2 && multusDefaults < 2 && (pods === 0 || multusDefaults === 0)) continue; // the usual VM: nothing to list
      defaultNetworks(context, index, holder, listed, `${vm.specPath}.networks`);
    }
  },
};

/** At most one pod network, one Multus default network, and not both. */
function defaultNetworks(context: RuleContext, index: number, holder: string, listed: unknown[], path: string): void {
  const networks = listed.filter((n): n is KubeObject => typeof n === 'object' && n !== null);
  const pods = networks.filter((n) => isSet(n.pod));
  const multusDefaults = networks.filter((n) => n.multus?.default === true);
  if (pods.length > 1) {
    context.error(index, path, `${holder} has ${pods.length} pod networks (${pods.map((n) => show(n.name)).join(', ')}), and KubeVirt connects one interface to the pod network at most: keep one, and use Multus networks for the others`);
  }
  if (multusDefaults.length > 1) {
    context.error(index, path, `${holder} has ${multusDefaults.length} Multus default networks (${multusDefaults.map((n) => show(n.name)).join(', ')}), and KubeVirt allows one default network: set default: true on one only`);
  }
  if (pods.length > 0 && multusDefaults.length > 0) {
    context.error(index, path, `${holder} has pod network ${show(pods[0].name)} and Multus default network ${show(multusDefaults[0].name)}, and KubeVirt refuses both, since a Multus default network replaces the pod network: remove one`);
  }
}
