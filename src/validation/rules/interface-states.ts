import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

const STATES = ['absent', 'down', 'up'];
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Why an interface's `state` is refused, or undefined. */
function stateProblem(iface: KubeObject, state: string, defaultNetwork: string | undefined): string | undefined {
  if (!STATES.includes(state)) {
    return `has state ${show(state)}, which KubeVirt does not know: use "up", "down" or "absent" (to unplug it), or leave state out for up`;
  }
  if (isSet(iface.sriov) && state !== 'absent') {
    return `is SR-IOV with state ${show(state)}, and KubeVirt cannot set the link of an SR-IOV NIC: leave state out`;
  }
  if (state === 'absent' && !isSet(iface.bridge)) {
    return 'has state "absent", which KubeVirt supports only for bridge interfaces (hot-unplug): remove the interface and its network instead';
  }
  if (state === 'absent' && iface.name === defaultNetwork) {
    return 'has state "absent" on the default network, which KubeVirt cannot unplug: remove the interface and its network instead, or unplug a secondary one';
  }
  return undefined;
}

/** An interface's `state` is one KubeVirt knows and can apply to its binding and network. */
export const interfaceStates: Rule = {
  id: 'interface-states',
  order: 1340,
  summary: 'an interface\'s `state` is `up`, `down` or `absent`; not `up`/`down` on SR-IOV; `absent` only for a bridge interface off the default network, as KubeVirt\'s network admission requires',
  // Upstream function: validateInterfaceStateValue.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/admit.go#L33-L73',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      const interfaces: unknown[] = listOf(vm.spec.domain?.devices?.interfaces);
      const networks: KubeObject[] = listOf(vm.spec.networks);
      // The default network: the pod network, or a Multus one marked default.
      // Loops, not find and forEach: no closures per VM of a fleet (holes are skipped, as forEach skips them).
      let defaultNetwork: string | undefined;
      for (let i = 0; i < networks.length; i++) {
        const n = networks[i];
        if (isSet(n?.pod) || n?.multus?.default === true) {
          defaultNetwork = n.name;
          break;
        }
      }
      for (let position = 0; position < interfaces.length; position++) {
        const iface: any = interfaces[position];
        if (!(position in interfaces) || typeof iface?.state !== 'string' || iface.state === '') continue;
        const problem = stateProblem(iface, iface.state, defaultNetwork);
        if (problem) context.error(index, `${vm.specPath}.domain.devices.interfaces[${position}].state`, `interface ${show(iface.name)} of ${holder} ${problem}`);
      }
    }
  },
};
