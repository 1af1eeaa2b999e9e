import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { hcoHolder, isHyperConverged } from '../hyperconverged-views';
import { labelKeyProblem, labelValueProblem } from '../label-syntax';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

/** Why one matchExpressions requirement does not parse as a label selector requirement, each with its field. */
function expressionProblems(expression: any): Array<{ field: string; problem: string }> {
  const { key, operator } = expression;
  const values: unknown[] = listOf(expression.values);
  if (!LABEL_OPERATORS.includes(operator)) {
    return [{ field: 'operator', problem: `operator ${show(operator)} is not one of ${LABEL_OPERATORS.map((o) => show(o)).join(', ')}: use one of those` }];
  }
  const problems: Array<{ field: string; problem: string }> = [];
  const keyProblem = labelKeyProblem(typeof key === 'string' ? key : '');
  if (keyProblem) problems.push({ field: 'key', problem: `key ${show(key)} ${keyProblem}` });
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    problems.push({ field: 'values', problem: `operator ${operator} has no values: list the label values to match, or use Exists` });
  } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    problems.push({ field: 'values', problem: `operator ${operator} matches on the key alone, and values ${show(values)} are given: leave values out, or use In` });
  } else if ((operator === 'Gt' || operator === 'Lt') && (values.length !== 1 || !/^[+-]?\d+$/.test(String(values[0])))) {
    problems.push({ field: 'values', problem: `operator ${operator} needs exactly one whole number, and values are ${show(values)}: write one integer, e.g. ["4"]` });
  }
  values.forEach((value, position) => {
    const valueProblem = labelValueProblem(typeof value === 'string' ? value : String(value));
    if (valueProblem) problems.push({ field: `values[${position}]`, problem: `value ${show(value)} ${valueProblem}` });
  });
  return problems;
}

/** Why one matchFields requirement is refused (only In/NotIn with one value make a field selector). */
function fieldProblems(requirement: any): Array<{ field: string; problem: string }> {
  const { operator } = requirement;
  if (operator !== 'In' && operator !== 'NotIn') return [{ field: 'operator', problem: `operator ${show(operator)} is not "In" or "NotIn", the only ones a field selector has: use one of those` }];
  const values = listOf(requirement.values);
  if (values.length !== 1) return [{ field: 'values', problem: `operator ${operator} on a field needs exactly one value, and values are ${show(values)}: give one node name per requirement` }];
  return [];
}

function checkAffinity(context: RuleContext, index: number, where: string, path: string, affinity: any): void {
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms)) return;
  const termsPath = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  terms.forEach((term: any, t: number) => {
    for (const [list, judge] of [['matchExpressions', expressionProblems], ['matchFields', fieldProblems]] as const) {
      const requirements = term?.[list];
      if (!Array.isArray(requirements)) continue;
      requirements.forEach((requirement: any, r: number) => {
        if (typeof requirement !== 'object' || requirement === null) return; // the schema reports it
        for (const { field, problem } of judge(requirement)) {
          context.error(index, `${termsPath}[${t}].${list}[${r}].${field}`, `${where} affinity, term ${t} ${list}[${r}]: ${problem}; the operator refuses a node selector it cannot parse`);
        }
      });
    }
  });
}

/** The required node affinity of a HyperConverged's infra and workload placement parses as a node selector. */
export const hcoNodePlacementAffinity: Rule = {
  id: 'hco-node-placement-affinity',
  order: 1120,
  summary: 'HyperConverged infra and workload node placement: the required node affinity parses (known operators, values as the operator needs them, label keys and values)',
  // Upstream: validateAffinity (v1beta1 and v1 create paths), through nodeaffinity.NewNodeSelector.
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/pkg/webhooks/validator/validator.go#L458-L559',
  source: RuleSource.HCO,
  check(context) {
    const listed = context.viewsOfKind('HyperConverged');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (!isHyperConverged(object)) continue;
      const spec = (object as any).spec ?? {};
      const holder = hcoHolder(object);
      const placements: Array<[string, string, unknown]> = object.apiVersion === 'hco.kubevirt.io/v1'
        ? [['workloads', 'spec.deployment.nodePlacements.workload.affinity', spec.deployment?.nodePlacements?.workload?.affinity],
          ['infra', 'spec.deployment.nodePlacements.infra.affinity', spec.deployment?.nodePlacements?.infra?.affinity]]
        : [['workloads', 'spec.workloads.nodePlacement.affinity', spec.workloads?.nodePlacement?.affinity],
          ['infra', 'spec.infra.nodePlacement.affinity', spec.infra?.nodePlacement?.affinity]];
      for (const [role, path, affinity] of placements) checkAffinity(context, index, `${holder}: ${role} node placement`, path, affinity);
    }
  },
};
