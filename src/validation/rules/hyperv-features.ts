import { show } from '../../common/errors';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

type State = 'on' | 'off' | 'unset';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

// Hyper-V features that need another, in the order KubeVirt resolves them (kubevirt v1.9.0
// pkg/virt-api/webhooks/hyperv.go, getHypervFeatureDependencies: leaves first).
const DEPENDENCIES: ReadonlyArray<readonly [feature: string, requires: string]> = [
  ['evmcs', 'vapic'], ['ipi', 'vpindex'], ['tlbflush', 'vpindex'], ['synictimer', 'synic'], ['synic', 'vpindex'],
];

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** A feature given is on unless `enabled: false` (KubeVirt defaults `enabled` to true). */
function stateOf(feature: unknown): State {
  if (!isSet(feature)) return 'unset';
  return (feature as KubeObject).enabled === false ? 'off' : 'on';
}

/**
 * The states after KubeVirt's defaulting (pkg/defaults/defaults.go, setDefaultHypervFeatureDependencies):
 * it turns on each requirement left unset, and stops at the first one that is turned off.
 */
function defaulted(hyperv: KubeObject): { states: Map<string, State>; failed: boolean } {
  const states = new Map<string, State>();
  for (const [feature, requires] of DEPENDENCIES) {
    states.set(feature, stateOf(hyperv[feature]));
    states.set(requires, stateOf(hyperv[requires]));
  }
  for (const [feature, requires] of DEPENDENCIES) {
    if (states.get(feature) !== 'on') continue;
    if (states.get(requires) === 'off') return { states, failed: true };
    states.set(requires, 'on');
  }
  return { states, failed: false };
}

function dependencyProblems(hyperv: KubeObject): { problems: Problem[]; failed: boolean } {
  const { states, failed } = defaulted(hyperv);
  const problems: Problem[] = [];
  for (const [feature, requires] of DEPENDENCIES) {
    if (states.get(feature) !== 'on' || states.get(requires) === 'on') continue;
    const why = states.get(requires) === 'off'
      ? `${requires} is turned off (enabled: false)`
      : `KubeVirt stops turning on requirements at the first one that is turned off, and leaves ${requires} unset`;
    problems.push({
      field: `features.hyperv.${feature}`,
      problem: `Hyper-V feature ${feature} on, which needs ${requires}, and ${why}; KubeVirt refuses it (QEMU would reject the guest): remove enabled: false from ${requires}, or turn ${feature} off`,
    });
  }
  return { problems, failed };
}

/** With the dependencies failed, KubeVirt also skips adding the vmx CPU feature evmcs needs, and checks it. */
function evmcsProblems(domain: KubeObject): Problem[] {
  const features: KubeObject[] = Array.isArray(domain.cpu?.features) ? domain.cpu.features : [];
  if (features.length === 0) {
    return [{ field: 'cpu.features', problem: 'Hyper-V evmcs on and no vmx CPU feature, which KubeVirt refuses here (it adds vmx itself only when the Hyper-V dependencies resolve): add cpu.features [{ name: "vmx", policy: "require" }], or fix the dependency above' }];
  }
  return features.flatMap((f, position) => (f?.name === 'vmx' && isSet(f.policy) && f.policy !== 'require'
    ? [{ field: `cpu.features[${position}].policy`, problem: `Hyper-V evmcs on and CPU feature vmx with policy ${show(f.policy)}, which KubeVirt refuses (evmcs needs vmx required): set policy "require"` }]
    : []));
}

function hypervProblems(domain: KubeObject): Problem[] {
  const features = domain.features;
  if (typeof features !== 'object' || features === null || typeof features.hyperv !== 'object' || features.hyperv === null) return [];
  const problems: Problem[] = [];
  if (isSet(features.hypervPassthrough)) {
    problems.push({ field: 'features.hyperv', problem: 'both hyperv and hypervPassthrough features, which KubeVirt refuses (passthrough gives the guest every Hyper-V feature the host has): keep hypervPassthrough alone, or list the features under hyperv' });
  }
  const { problems: dependencies, failed } = dependencyProblems(features.hyperv);
  problems.push(...dependencies);
  if (failed && stateOf(features.hyperv.evmcs) === 'on') problems.push(...evmcsProblems(domain));
  return problems;
}

/** Hyper-V features come with what they need, and not together with Hyper-V passthrough. */
export const hypervFeatures: Rule = {
  id: 'hyperv-features',
  order: 9000,
  summary: 'Hyper-V features keep what they need turned on (synic and ipi and tlbflush need vpindex, synictimer needs synic, evmcs needs vapic and the vmx CPU feature; KubeVirt turns on what is left unset) and are not combined with hypervPassthrough, as KubeVirt\'s VMI admission requires',
  // Upstream functions: ValidateVirtualMachineInstanceHyperv (called by the VMI create admitter's Admit), after SetHypervFeatureDependencies.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/hyperv.go#L114-L230',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const domain = vm.spec.domain;
      if (typeof domain !== 'object' || domain === null) continue;
      for (const { field, problem } of hypervProblems(domain)) {
        context.error(index, `${vm.specPath}.domain.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
