// Label selectors and node selector terms as the API server's validation checks them; KubeVirt
// copies these checks for a VMI's affinity and topology spread constraints (kubevirt v1.9.0
// pkg/virt-api/webhooks/validating-webhook/admitters/validate-k8s-utils.go, which calls
// apimachinery's ValidateLabelSelector).
import { show } from '../../../common/errors';
import { dnsSubdomainProblem } from '../../../common/names';
import { listOf } from '../../../common/objects';
import { KubeObject } from '../../../model/object-index';
import { labelKeyProblem, labelValueProblem } from '../../label-syntax';

/** One thing wrong, at a field path relative to what was checked. */
export interface SelectorProblem {
  readonly field: string;
  readonly problem: string;
}

const isMap = (value: unknown): value is KubeObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why `key` is no label key (empty included), or undefined. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || key === '') return 'is empty: give a label key (e.g. "kubernetes.io/hostname")';
  return labelKeyProblem(key);
}

/** Problems of a `LabelSelector` (matchLabels and matchExpressions). */
export function labelSelectorProblems(selector: unknown, at: string): SelectorProblem[] {
  if (!isMap(selector)) return [];
  const problems: SelectorProblem[] = [];
  for (const [key, value] of Object.entries(isMap(selector.matchLabels) ? selector.matchLabels : {})) {
    const bad = keyProblem(key);
    if (bad) problems.push({ field: `${at}.matchLabels`, problem: `label key ${show(key)} ${bad}` });
    const badValue = typeof value === 'string' ? labelValueProblem(value) : undefined;
    if (badValue) problems.push({ field: `${at}.matchLabels`, problem: `the value ${show(value)} of label ${show(key)} ${badValue}` });
  }
  listOf(selector.matchExpressions).forEach((expression: any, position) => {
    problems.push(...requirementProblems(expression, `${at}.matchExpressions[${position}]`, ['In', 'NotIn', 'Exists', 'DoesNotExist'], true));
  });
  return problems;
}

/** Problems of one requirement: its operator and values, its key; label values when `labelValues`. */
function requirementProblems(requirement: unknown, at: string, operators: readonly string[], labelValues: boolean): SelectorProblem[] {
  if (!isMap(requirement)) return [];
  const { operator, key } = requirement;
  const values: unknown[] = listOf(requirement.values);
  const problems: SelectorProblem[] = [];
  if (!operators.includes(operator)) {
    problems.push({ field: `${at}.operator`, problem: `operator ${show(operator)} is not one of ${operators.map((o) => show(o)).join(', ')}: use one of those` });
  } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    problems.push({ field: `${at}.values`, problem: `operator ${operator} needs values, and has none: list at least one` });
  } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    problems.push({ field: `${at}.values`, problem: `operator ${operator} takes no values: leave values out` });
  } else if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) {
    problems.push({ field: `${at}.values`, problem: `operator ${operator} takes exactly one value, and has ${values.length}: give one whole number` });
  }
  const bad = keyProblem(key);
  if (bad) problems.push({ field: `${at}.key`, problem: `key ${show(key ?? '')} ${bad}` });
  if (labelValues) {
    values.forEach((value, position) => {
      const badValue = typeof value === 'string' ? labelValueProblem(value) : undefined;
      if (badValue) problems.push({ field: `${at}.values[${position}]`, problem: `value ${show(value)} ${badValue}` });
    });
  }
  return problems;
}

/** Problems of a node selector term (matchExpressions on labels, matchFields on metadata.name). */
export function nodeSelectorTermProblems(term: unknown, at: string): SelectorProblem[] {
  if (!isMap(term)) return [];
  const problems: SelectorProblem[] = [];
  listOf(term.matchExpressions).forEach((requirement: any, position) => {
    problems.push(...requirementProblems(requirement, `${at}.matchExpressions[${position}]`, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'], false));
  });
  listOf(term.matchFields).forEach((requirement: any, position) => {
    const where = `${at}.matchFields[${position}]`;
    if (!isMap(requirement)) return;
    const values: unknown[] = listOf(requirement.values);
    if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') {
      problems.push({ field: `${where}.operator`, problem: `field selector operator ${show(requirement.operator)} is not "In" or "NotIn": use one of those` });
    } else if (values.length !== 1) {
      problems.push({ field: `${where}.values`, problem: `field selector operator ${requirement.operator} takes exactly one value, and has ${values.length}: give one node name` });
    }
    if (requirement.key !== 'metadata.name') {
      problems.push({ field: `${where}.key`, problem: `field selector key ${show(requirement.key ?? '')} is not "metadata.name" (the one node field that can be selected): use "metadata.name", or matchExpressions for labels` });
    } else {
      values.forEach((value, i) => {
        const bad = typeof value === 'string' ? dnsSubdomainProblem(value) : undefined;
        if (bad) problems.push({ field: `${where}.values[${i}]`, problem: `node name ${show(value)} ${bad}` });
      });
    }
  });
  return problems;
}
