import { show } from '../../common/errors';
import { V1_FEATURE_GATES } from '../../model/hco-feature-gates';
import { hcoHolder, isHyperConverged } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

// Gates that moved to a field of their own, and gates the operator ignores (phase "deprecated" in v1.18.1).
const MOVED = ['enableApplicationAwareQuota', 'enableCommonBootImageImport', 'deployVmConsoleProxy'];
const IGNORED_V1BETA1 = ['withHostPassthroughCPU', 'deployTektonTaskResources', 'nonRoot', 'enableManagedTenantQuota'];
const DEPRECATED_V1 = [...MOVED, ...IGNORED_V1BETA1, 'autoResourceLimits', 'deployKubevirtIpamController', 'primaryUserDefinedNetworkBinding'];

function gateWarning(name: string, known: boolean): string {
  if (!known) return `feature gate ${show(name)} is not one of the operator's gates (${V1_FEATURE_GATES.map((gate) => gate.name).join(', ')}): it is ignored; check the name`;
  if (MOVED.includes(name)) return `feature gate ${show(name)} is deprecated and ignored: set spec.${name} instead`;
  return `feature gate ${show(name)} is deprecated and ignored: leave it out`;
}

function checkV1beta1(context: RuleContext, index: number, holder: string, gates: unknown): void {
  if (typeof gates !== 'object' || gates === null || Array.isArray(gates)) return;
  for (const [name, value] of Object.entries(gates)) {
    if (value === null || (!MOVED.includes(name) && !IGNORED_V1BETA1.includes(name))) continue;
    context.warn(index, `spec.featureGates.${name}`, `${holder}: ${gateWarning(name, true)}`);
  }
}

function checkV1(context: RuleContext, index: number, holder: string, gates: unknown): void {
  if (!Array.isArray(gates)) return;
  gates.forEach((gate: any, position) => {
    const name = gate?.name;
    if (typeof name !== 'string') return; // the schema reports it
    const known = V1_FEATURE_GATES.some((g) => g.name === name) || DEPRECATED_V1.includes(name);
    if (known && !DEPRECATED_V1.includes(name)) return;
    context.warn(index, `spec.featureGates[${position}].name`, `${holder}: ${gateWarning(name, known)}`);
  });
}

/** Feature gates of a HyperConverged that the operator accepts with a warning, and then ignores. */
export const hcoFeatureGates: Rule = {
  id: 'hco-feature-gates',
  order: 1190,
  summary: 'HyperConverged `featureGates` the operator ignores with a warning: deprecated or moved gates, and (v1) unknown names',
  // Upstream: validateFeatureGatesOnCreate of both versions (v1: validator.go#L433-L516; phases from pkg/featuregatedetails/feature-gates.json).
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/pkg/webhooks/validator/v1beta1_validator.go#L470-L551',
  source: RuleSource.HCO,
  check(context) {
    const listed = context.viewsOfKind('HyperConverged');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (!isHyperConverged(object)) continue;
      const gates = (object as any).spec?.featureGates;
      if (object.apiVersion === 'hco.kubevirt.io/v1') checkV1(context, index, hcoHolder(object), gates);
      else checkV1beta1(context, index, hcoHolder(object), gates);
    }
  },
};
