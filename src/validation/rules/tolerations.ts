import { show } from '../../common/errors';
import { labelKeyProblem, labelValueProblem } from '../label-syntax';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

const OPERATORS = ['Equal', 'Exists'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Why one toleration is refused, each with the field it is about. */
function tolerationProblems(t: any): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  const key = typeof t.key === 'string' ? t.key : '';
  const operator = typeof t.operator === 'string' ? t.operator : '';
  const value = typeof t.value === 'string' ? t.value : '';
  const keyProblem = key === '' ? undefined : labelKeyProblem(key);
  if (keyProblem) problems.push({ field: 'key', problem: `key ${show(key)} ${keyProblem}` });
  if (operator !== '' && !OPERATORS.includes(operator)) {
    problems.push({ field: 'operator', problem: `operator ${show(operator)} is not "Equal" or "Exists": use Exists to match any value of the key, or Equal (the default) with a value` });
  } else if (key === '' && operator !== 'Exists') {
    problems.push({ field: 'operator', problem: `has no key, which means every taint, and operator ${show(operator || 'Equal')}: set operator Exists, or give a key` });
  } else if (operator === 'Exists' && value !== '') {
    problems.push({ field: 'value', problem: `operator Exists matches any value, so value ${show(value)} must be left out (or use operator Equal)` });
  } else if (operator !== 'Exists' && labelValueProblem(value)) {
    problems.push({ field: 'value', problem: `value ${show(value)} ${labelValueProblem(value)}` });
  }
  if (typeof t.effect === 'string' && t.effect !== '' && !EFFECTS.includes(t.effect)) {
    problems.push({ field: 'effect', problem: `effect ${show(t.effect)} is not one of ${EFFECTS.map((e) => show(e)).join(', ')}: use one of those, or leave effect out for all effects` });
  }
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
    problems.push({ field: 'effect', problem: `tolerationSeconds applies only to effect NoExecute, and effect is ${show(t.effect ?? '')}: set effect NoExecute, or leave tolerationSeconds out` });
  }
  return problems;
}

function checkTolerations(context: RuleContext, index: number, holder: string, tolerations: unknown, path: string): void {
  if (!Array.isArray(tolerations)) return;
  tolerations.forEach((t, position) => {
    if (typeof t !== 'object' || t === null) return; // the schema reports it
    for (const { field, problem } of tolerationProblems(t)) {
      context.error(index, `${path}[${position}].${field}`, `toleration ${position} of ${holder}: ${problem}; the API server refuses the VM's pod otherwise`);
    }
  });
}

/** A VM's tolerations are what the API server accepts in the pod KubeVirt makes from them. */
export const tolerations: Rule = {
  id: ValidationRule.TOLERATIONS,
  order: 330,
  summary: 'tolerations of VMs: operator `Equal` or `Exists` (no value with `Exists`, a key unless `Exists`), a known effect, `tolerationSeconds` only with `NoExecute`, as the API server checks a pod',
  // Upstream function: validateTolerations (KubeVirt copies a VMI's tolerations into its pod).
  reference: 'https://github.com/kubernetes/kubernetes/blob/v1.34.0/pkg/apis/core/validation/validation.go',
  source: RuleSource.KUBERNETES,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      checkTolerations(context, index, holder, vm.spec.tolerations, `${vm.specPath}.tolerations`);
    }
  },
};
