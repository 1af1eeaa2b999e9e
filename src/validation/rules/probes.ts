import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'guestAgentPing'];
// Handlers that reach the guest through the pod network.
const POD_NETWORK_HANDLERS = ['httpGet', 'tcpSocket'];
const PROBES = ['readinessProbe', 'livenessProbe'];

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** Whether the VM is on the pod network, counting the one KubeVirt adds when nothing is declared. */
function onPodNetwork(spec: any): boolean {
  if (Array.isArray(spec.networks) && spec.networks.some((n: any) => isSet(n?.pod))) return true;
  const declaresNothing = count(spec.networks) === 0 && count(spec.domain?.devices?.interfaces) === 0;
  return declaresNothing && spec.domain?.devices?.autoattachPodInterface !== false;
}

function checkProbe(context: RuleContext, index: number, holder: string, spec: any, probeName: string, specPath: string): void {
  const probe = spec[probeName];
  if (typeof probe !== 'object' || probe === null) return;
  const at = `${specPath}.${probeName}`;
  const handlers = HANDLERS.filter((h) => isSet(probe[h]));
  if (handlers.length !== 1) {
    const found = handlers.length === 0 ? 'no handler' : `${handlers.length} handlers (${handlers.join(', ')})`;
    context.error(index, at, `${probeName} of ${holder} has ${found}, and KubeVirt requires exactly one: use one of ${HANDLERS.join(', ')}`);
  }
  if (!onPodNetwork(spec)) {
    for (const handler of handlers.filter((h) => POD_NETWORK_HANDLERS.includes(h))) {
      context.error(index, `${at}.${handler}`, `${probeName} of ${holder} uses ${handler}, which reaches the guest over the pod network, and the VM is not on it, so KubeVirt refuses it: attach the pod network, or probe with exec or guestAgentPing`);
    }
  }
}

function checkStartStrategy(context: RuleContext, index: number, holder: string, spec: any, specPath: string): void {
  const strategy = spec.startStrategy;
  if (strategy === undefined || strategy === null) return;
  const at = `${specPath}.startStrategy`;
  if (strategy !== 'Paused') {
    context.error(index, at, `${holder} has startStrategy ${show(strategy)}, which KubeVirt does not know: use "Paused", or leave startStrategy out to start normally`);
  } else if (isSet(spec.livenessProbe)) {
    context.error(index, at, `${holder} starts paused and has a livenessProbe, which KubeVirt refuses (a paused guest fails the probe): remove one of them`);
  }
}

/** A VM's probes have one handler each and reach the guest; a paused start goes without a liveness probe. */
export const probes: Rule = {
  id: 'probes',
  order: 1250,
  summary: 'a VM\'s readiness and liveness probes have exactly one handler, httpGet and tcpSocket only on the pod network, and startStrategy is "Paused" (without a liveness probe) or left out, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateProbe, appendStatusCauseForProbeNotAllowedWithNoPodNetworkPresent, validateStartStrategy.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      for (const probe of PROBES) checkProbe(context, index, holder, vm.spec, probe, vm.specPath);
      checkStartStrategy(context, index, holder, vm.spec, vm.specPath);
    }
  },
};
