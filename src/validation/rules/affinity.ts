import { show } from '../../common/errors';
import { dnsLabelProblem } from '../../common/names';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { SelectorProblem, keyProblem, labelSelectorProblems, nodeSelectorTermProblems } from './scheduling/selectors';

const isMap = (value: unknown): value is KubeObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function weightProblems(weight: unknown, at: string): SelectorProblem[] {
  if (typeof weight !== 'number' || (weight >= 1 && weight <= 100)) return []; // a missing weight is the schema's
  return [{ field: `${at}.weight`, problem: `weight ${weight} is outside 1 to 100: give a weight from 1 (least) to 100 (most)` }];
}

function podAffinityTermProblems(term: unknown, at: string): SelectorProblem[] {
  if (!isMap(term)) return [];
  const problems = [...labelSelectorProblems(term.labelSelector, `${at}.labelSelector`), ...labelSelectorProblems(term.namespaceSelector, `${at}.namespaceSelector`)];
  listOf(term.namespaces).forEach((name: unknown, position) => {
    const bad = typeof name === 'string' ? dnsLabelProblem(name) : undefined;
    if (bad) problems.push({ field: `${at}.namespaces[${position}]`, problem: `namespace ${show(name)} ${bad}` });
  });
  const bad = keyProblem(term.topologyKey);
  if (bad) problems.push({ field: `${at}.topologyKey`, problem: `topologyKey ${show(term.topologyKey ?? '')} ${bad}` });
  return problems;
}

/** Pod affinity or anti-affinity: required terms, and weighted preferred terms. */
function podAffinityProblems(affinity: unknown, at: string): SelectorProblem[] {
  if (!isMap(affinity)) return [];
  const required = `${at}.requiredDuringSchedulingIgnoredDuringExecution`;
  const preferred = `${at}.preferredDuringSchedulingIgnoredDuringExecution`;
  return [
    ...listOf(affinity.requiredDuringSchedulingIgnoredDuringExecution).flatMap((term: unknown, i) => podAffinityTermProblems(term, `${required}[${i}]`)),
    ...listOf(affinity.preferredDuringSchedulingIgnoredDuringExecution).flatMap((weighted: any, i) => [
      ...weightProblems(weighted?.weight, `${preferred}[${i}]`),
      ...podAffinityTermProblems(weighted?.podAffinityTerm, `${preferred}[${i}].podAffinityTerm`),
    ]),
  ];
}

function nodeAffinityProblems(affinity: unknown, at: string): SelectorProblem[] {
  if (!isMap(affinity)) return [];
  const problems: SelectorProblem[] = [];
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isMap(required)) {
    const terms: unknown[] = listOf(required.nodeSelectorTerms);
    const termsAt = `${at}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (terms.length === 0) problems.push({ field: termsAt, problem: 'the required node affinity has no nodeSelectorTerms, so it would match no node: add a term, or leave the required affinity out' });
    terms.forEach((term, i) => problems.push(...nodeSelectorTermProblems(term, `${termsAt}[${i}]`)));
  }
  const preferredAt = `${at}.preferredDuringSchedulingIgnoredDuringExecution`;
  listOf(affinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((term: any, i) => {
    problems.push(...weightProblems(term?.weight, `${preferredAt}[${i}]`), ...nodeSelectorTermProblems(term?.preference, `${preferredAt}[${i}].preference`));
  });
  return problems;
}

/** A VM's affinity is what the API server would accept in a pod: KubeVirt checks it as a pod's. */
export const affinity: Rule = {
  id: 'affinity',
  order: 9030,
  summary: 'a VM\'s node affinity (known operators with the values they take, label keys, matchFields on metadata.name only, weights 1-100, at least one required term) and pod (anti-)affinity (valid label selectors, namespaces, a topologyKey) are what the API server accepts in a pod, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateSpecAffinity (vmi-create-admitter.go#L1965-L1985) and validateAffinity with what it calls.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/validate-k8s-utils.go#L56-L264',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const value = vm.spec.affinity;
      if (!isMap(value)) continue;
      const at = `${vm.specPath}.affinity`;
      const problems = [
        ...nodeAffinityProblems(value.nodeAffinity, `${at}.nodeAffinity`),
        ...podAffinityProblems(value.podAffinity, `${at}.podAffinity`),
        ...podAffinityProblems(value.podAntiAffinity, `${at}.podAntiAffinity`),
      ];
      for (const { field, problem } of problems) {
        context.error(index, field, `KubeVirt refuses the affinity of ${holder} (it checks it as the API server checks a pod's): ${problem}`);
      }
    }
  },
};
