import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject, apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const STRATEGIES = ['unmanaged', 'opportunistic', 'proactive'];
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Why a selector expression cannot be parsed, or undefined. */
function expressionProblem(expression: KubeObject): string | undefined {
  const { operator } = expression;
  const values: unknown[] = listOf(expression.values);
  if (!OPERATORS.includes(operator)) return `operator ${show(operator)} is not one of ${OPERATORS.map((o) => show(o)).join(', ')}: use one of those`;
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) return `operator ${operator} needs values: list at least one`;
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) return `operator ${operator} takes no values: leave values out`;
  return undefined;
}

/** Whether `labels` satisfy one (parseable) selector expression. */
function expressionMatches(expression: KubeObject, labels: Record<string, unknown>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
  const values: unknown[] = listOf(expression.values);
  switch (expression.operator) {
    case 'In': return has && values.includes(labels[expression.key]);
    case 'NotIn': return !has || !values.includes(labels[expression.key]);
    case 'Exists': return has;
    default: return !has;
  }
}

function checkSelector(context: RuleContext, index: number, holder: string, spec: KubeObject): void {
  const selector = spec.selector;
  if (typeof selector !== 'object' || selector === null) return; // the schema requires it
  const expressions: KubeObject[] = (listOf(selector.matchExpressions)).filter((e: unknown) => typeof e === 'object' && e !== null);
  let parseable = true;
  expressions.forEach((expression, position) => {
    const problem = expressionProblem(expression);
    if (!problem) return;
    parseable = false;
    context.error(index, `spec.selector.matchExpressions[${position}].operator`, `the selector of ${holder} cannot be parsed, which KubeVirt refuses: expression on key ${show(expression.key)}: ${problem}`);
  });
  if (!parseable) return;
  const labels: Record<string, unknown> = spec.virtualMachineTemplate?.metadata?.labels ?? {};
  const matchLabels: Record<string, unknown> = selector.matchLabels ?? {};
  const missing = Object.entries(matchLabels).filter(([key, value]) => labels[key] !== value).map(([key, value]) => `${key}=${value}`);
  const unmatched = expressions.filter((e) => !expressionMatches(e, labels)).map((e) => `${e.key} ${e.operator}${Array.isArray(e.values) ? ` (${e.values.join(', ')})` : ''}`);
  if (missing.length + unmatched.length > 0) {
    context.error(index, 'spec.selector', `the selector of ${holder} does not match the labels of its virtualMachineTemplate (unmet: ${[...missing, ...unmatched].join(', ')}), and KubeVirt refuses a pool that would not own its own VMs: add those labels to spec.virtualMachineTemplate.metadata.labels, or narrow the selector`);
  }
}

/** Why `maxUnavailable` is refused, or undefined. */
function maxUnavailableProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return value > 0 ? undefined : `is ${value}, and KubeVirt needs at least 1: set 1 or more, or a percentage such as "25%"`;
  if (typeof value !== 'string') return undefined; // the schema reports it
  if (!value.endsWith('%')) return `is ${show(value)}, a string that is not a percentage: write a number without quotes, or a percentage such as "25%"`;
  const percent = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(percent)) return `is ${show(value)}, whose percentage is not a whole number: write e.g. "25%"`;
  const number = Number(percent);
  return number >= 1 && number <= 100 ? undefined : `is ${show(value)}, and KubeVirt needs a percentage from 1% to 100%: set one in that range`;
}

function checkStrategies(context: RuleContext, index: number, holder: string, spec: KubeObject): void {
  for (const field of ['updateStrategy', 'scaleInStrategy']) {
    const strategy = spec[field];
    if (typeof strategy !== 'object' || strategy === null) continue;
    const chosen = STRATEGIES.filter((s) => isSet(strategy[s]));
    if (chosen.length > 1) {
      context.error(index, `spec.${field}`, `${field} of ${holder} sets ${chosen.map((s) => show(s)).join(' and ')}, and KubeVirt allows one strategy at a time: keep one`);
    }
  }
}

/** A VirtualMachinePool's selector matches its template, maxUnavailable is positive, and each strategy picks one kind. */
export const virtualMachinePools: Rule = {
  id: 'virtual-machine-pools',
  order: 1350,
  summary: 'a VirtualMachinePool\'s selector parses and matches its template\'s labels, `maxUnavailable` is at least 1 or a percentage from 1% to 100%, and `updateStrategy` and `scaleInStrategy` each pick one of unmanaged, opportunistic, proactive, as KubeVirt\'s pool admission requires',
  // Upstream function: ValidateVMPoolSpec (create; its VM template is checked like a VM).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmpool-admitter.go#L107-L236',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachinePool');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (object.kind !== 'VirtualMachinePool' || apiGroupOf(object.apiVersion) !== 'pool.kubevirt.io') continue;
      const spec: KubeObject = typeof object.spec === 'object' && object.spec !== null ? object.spec : {};
      const holder = `VirtualMachinePool ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      checkSelector(context, index, holder, spec);
      const problem = maxUnavailableProblem(spec.maxUnavailable);
      if (problem) context.error(index, 'spec.maxUnavailable', `maxUnavailable of ${holder} ${problem}`);
      checkStrategies(context, index, holder, spec);
    }
  },
};
