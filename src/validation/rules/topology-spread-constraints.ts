import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { SelectorProblem, keyProblem, labelSelectorProblems } from './scheduling/selectors';

const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const isMap = (value: unknown): value is KubeObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function constraintProblems(constraint: KubeObject, at: string, later: readonly unknown[]): SelectorProblem[] {
  const problems: SelectorProblem[] = [];
  const { maxSkew, topologyKey, whenUnsatisfiable } = constraint;
  if (typeof maxSkew === 'number' && maxSkew <= 0) problems.push({ field: `${at}.maxSkew`, problem: `maxSkew ${maxSkew} is not above 0: give the largest difference in VM count allowed between zones (1 spreads evenly)` });
  const badKey = keyProblem(topologyKey);
  if (badKey) problems.push({ field: `${at}.topologyKey`, problem: `topologyKey ${show(topologyKey ?? '')} ${badKey}` });
  if (!ACTIONS.includes(whenUnsatisfiable)) problems.push({ field: `${at}.whenUnsatisfiable`, problem: `whenUnsatisfiable ${show(whenUnsatisfiable ?? '')} is not "DoNotSchedule" or "ScheduleAnyway": use one of those` });
  problems.push(...labelSelectorProblems(constraint.labelSelector, `${at}.labelSelector`));
  const repeated = later.some((other) => isMap(other) && other.topologyKey === topologyKey && other.whenUnsatisfiable === whenUnsatisfiable);
  if (repeated) problems.push({ field: at, problem: `topologyKey ${show(topologyKey)} and whenUnsatisfiable ${show(whenUnsatisfiable)} come again in a later constraint: merge the two, or change one` });
  return problems;
}

/** A VM's topology spread constraints are what the API server would accept in a pod. */
export const topologySpreadConstraints: Rule = {
  id: 'topology-spread-constraints',
  order: 9040,
  summary: 'a VM\'s topology spread constraints have maxSkew above 0, a label-key topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, a valid label selector, and no two of them the same topologyKey and whenUnsatisfiable, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateSpecTopologySpreadConstraints (vmi-create-admitter.go#L1987-L2005) and validateTopologySpreadConstraints with what it calls.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/validate-k8s-utils.go#L270-L334',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const constraints: unknown[] = listOf(vm.spec.topologySpreadConstraints);
      constraints.forEach((constraint, position) => {
        if (!isMap(constraint)) return; // the schema reports it
        const at = `${vm.specPath}.topologySpreadConstraints[${position}]`;
        for (const { field, problem } of constraintProblems(constraint, at, constraints.slice(position + 1))) {
          context.error(index, field, `KubeVirt refuses topology spread constraint ${position} of ${holder} (it checks it as the API server checks a pod's): ${problem}`);
        }
      });
    }
  },
};
