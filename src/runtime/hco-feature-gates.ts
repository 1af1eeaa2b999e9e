import { show } from '../common/errors';
import { V1BETA1_FEATURE_GATES, V1_FEATURE_GATES } from '../model/hco-feature-gates';

export { V1BETA1_FEATURE_GATES, V1_FEATURE_GATES };

/** One entry of the v1 list, as the operator prints it. */
export interface V1FeatureGate {
  readonly name: string;
  /** Only "Disabled" is ever written; a gate without a state is enabled. */
  readonly state?: 'Disabled';
}

/**
 * Checks feature gates given as `{ name: on }` and renders them for the API version: the
 * v1beta1 map as given, or the v1 list in the operator's canonical form (undefined when every
 * gate has its default). Throws `errorFor(problem)` for a bad name or value.
 */
export function renderHcoFeatureGates(
  gates: Record<string, boolean>,
  v1: boolean,
  errorFor: (problem: string) => Error,
): Record<string, boolean> | V1FeatureGate[] | undefined {
  const entries = Object.entries(gates);
  for (const [name, enabled] of entries) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) {
      throw errorFor(`feature gate ${show(name)} is not a feature gate name: the operator's gates are lowerCamelCase, e.g. "downwardMetrics"`);
    }
    if (typeof enabled !== 'boolean') throw errorFor(`feature gate ${show(name)}: ${show(enabled)} must be true (on) or false (off)`);
    const problem = v1 ? v1GateProblem(name) : v1beta1GateProblem(name);
    if (problem) throw errorFor(problem);
  }
  if (!v1) return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  const differing = V1_FEATURE_GATES.filter((gate) => gates[gate.name] !== undefined && gates[gate.name] !== gate.enabledByDefault);
  if (differing.length === 0) return undefined;
  return differing.map((gate): V1FeatureGate => (gates[gate.name] ? { name: gate.name } : { name: gate.name, state: 'Disabled' }));
}

function v1beta1GateProblem(name: string): string | undefined {
  if (V1BETA1_FEATURE_GATES.includes(name)) return undefined;
  return `feature gate ${show(name)} is not one of hco.kubevirt.io/v1beta1's gates (${V1BETA1_FEATURE_GATES.join(', ')}): check the name`;
}

function v1GateProblem(name: string): string | undefined {
  if (V1_FEATURE_GATES.some((gate) => gate.name === name)) return undefined;
  const known = V1_FEATURE_GATES.map((gate) => gate.name).join(', ');
  if (V1BETA1_FEATURE_GATES.includes(name)) {
    return `feature gate ${show(name)} is deprecated: the operator ignores it and does not keep it in hco.kubevirt.io/v1 (GitOps would see it vanish); leave it out. Gates of v1: ${known}`;
  }
  return `feature gate ${show(name)} is not one of hco.kubevirt.io/v1's gates (${known}): check the name (the operator drops names it does not know)`;
}
