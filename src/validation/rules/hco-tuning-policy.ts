import { show } from '../../common/errors';
import { hcoHolder, hyperConvergedViews } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';
import { IssueSeverity } from '../validation-report';

const TUNING_ANNOTATION = 'hco.kubevirt.io/tuningPolicy';

/** What is wrong with the rate limits of the tuning annotation, or undefined. */
function ratesProblem(text: unknown): string | undefined {
  const example = 'e.g. \'{"qps": 100, "burst": 200}\'';
  if (typeof text !== 'string') return `tuningPolicy "annotation" needs the ${TUNING_ANNOTATION} annotation with the rates, ${example}; add it, or leave tuningPolicy out`;
  let rates: any;
  try {
    rates = JSON.parse(text);
  } catch {
    return `the ${TUNING_ANNOTATION} annotation ${show(text)} is not JSON: write ${example}`;
  }
  for (const field of ['qps', 'burst']) {
    const value = rates?.[field];
    if (!(typeof value === 'number' && value > 0)) return `the ${TUNING_ANNOTATION} annotation has ${field} ${show(value)}, not a number above 0: write ${example}`;
  }
  return undefined;
}

/** The tuning policy of a HyperConverged: "annotation" comes with its rates, and highBurst without them. */
export const hcoTuningPolicy: Rule = {
  id: 'hco-tuning-policy',
  order: 1150,
  summary: 'HyperConverged `tuningPolicy`: `annotation` needs the `hco.kubevirt.io/tuningPolicy` annotation with qps and burst above 0; `highBurst` (deprecated, a warning) refuses that annotation',
  // Upstream: hcoTuning2Kv (called by NewKubeVirt on create); the highBurst warning is validateTuningPolicy.
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/controllers/handlers/kubevirt.go#L359-L412',
  source: RuleSource.HCO,
  check(context) {
    for (const { index, object, spec, v1 } of hyperConvergedViews(context)) {
      const policy = v1 ? spec.virtualization?.tuningPolicy : spec.tuningPolicy;
      const path = v1 ? 'spec.virtualization.tuningPolicy' : 'spec.tuningPolicy';
      const holder = hcoHolder(object);
      const annotation = object.metadata?.annotations?.[TUNING_ANNOTATION];
      if (policy === 'annotation') {
        const problem = ratesProblem(annotation);
        if (problem) context.error(index, annotation === undefined ? path : `metadata.annotations["${TUNING_ANNOTATION}"]`, `${holder}: ${problem}; the operator refuses the HyperConverged otherwise`);
      } else if (policy === 'highBurst') {
        // The webhook returns at highBurst's warning before building the KubeVirt CR, so it admits
        // the pair; the reconcile then fails on it (v1 converts to the stored v1beta1 unchanged).
        if (annotation !== undefined) {
          context.error(index, `metadata.annotations["${TUNING_ANNOTATION}"]`, `${holder}: tuningPolicy "highBurst" sets its own rates, and the ${TUNING_ANNOTATION} annotation is present too: the operator admits the pair with a warning but cannot build the KubeVirt CR from it, so nothing is reconciled; remove the annotation, or use tuningPolicy "annotation"`);
        }
        context.report(IssueSeverity.WARNING, index, path, `${holder}: tuningPolicy "highBurst" is deprecated since operator 1.16 and will be removed: leave tuningPolicy out, or use "annotation" with the ${TUNING_ANNOTATION} annotation`);
      }
    }
  },
};
