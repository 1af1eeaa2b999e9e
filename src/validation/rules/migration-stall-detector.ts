import { show } from '../../common/errors';
import { apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

// Each stall detector factor with its bounds (kubevirt v1.9.0 migrationpolicy-admitter.go): ewmaAlpha
// in (0, 1], patienceWindowDecayFactor in [0, 1], the two others at least 1; three decimals at most.
const FACTORS: ReadonlyArray<{ name: string; min: number; max: number; exclusiveMin: boolean }> = [
  { name: 'ewmaAlpha', min: 0, max: 1, exclusiveMin: true },
  { name: 'precopyPossibleFactor', min: 1, max: Number.MAX_VALUE, exclusiveMin: false },
  { name: 'patienceWindowDecayFactor', min: 0, max: 1, exclusiveMin: false },
  { name: 'completionTimeoutFactor', min: 1, max: Number.MAX_VALUE, exclusiveMin: false },
];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Why a factor string is refused, or undefined (also for forms Go parses and this does not judge, such as hex floats). */
function factorProblem(value: string, factor: typeof FACTORS[number]): string | undefined {
  const text = value.trim();
  if (text === '') return 'is empty';
  if (!DECIMAL.test(text)) return undefined;
  const number = Number(text);
  if (!Number.isFinite(number)) return 'is not a finite number';
  if (Math.abs(number - Number(number.toFixed(3))) > 1e-9) return 'has more than 3 decimal places';
  if (factor.exclusiveMin ? number <= 0 : number < factor.min) return `is ${factor.exclusiveMin ? 'not above 0' : `below ${factor.min}`}`;
  if (number > factor.max) return `is above ${factor.max}`;
  return undefined;
}

/** A MigrationPolicy's stall detector factors are numbers in their ranges. */
export const migrationStallDetector: Rule = {
  id: 'migration-stall-detector',
  order: 9120,
  summary: 'a MigrationPolicy\'s `experimental.stallDetector` factors are numbers with at most 3 decimals: ewmaAlpha above 0 and at most 1, patienceWindowDecayFactor from 0 to 1, precopyPossibleFactor and completionTimeoutFactor at least 1, as KubeVirt\'s migration policy admission requires (any stall detector also needs the alpha MigrationStallDetection gate)',
  // Upstream: MigrationPolicyAdmitter.Admit (the stall detector part) and validateStallDetectorFactor, with virtconfig.ParseFactor.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/migrationpolicy-admitter.go#L96-L208',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('MigrationPolicy');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (apiGroupOf(object.apiVersion) !== 'migrations.kubevirt.io') continue;
      const detector = object.spec?.experimental?.stallDetector;
      if (typeof detector !== 'object' || detector === null) continue;
      const holder = `MigrationPolicy ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      for (const factor of FACTORS) {
        const value = detector[factor.name];
        const problem = typeof value === 'string' ? factorProblem(value, factor) : undefined;
        if (!problem) continue;
        const range = factor.max === 1 ? (factor.exclusiveMin ? 'above 0 and at most 1' : 'from 0 to 1') : `of ${factor.min} or more`;
        context.error(index, `spec.experimental.stallDetector.${factor.name}`, `stall detector ${factor.name} ${show(value)} of ${holder} ${problem}, which KubeVirt refuses: give a number ${range}, with at most 3 decimals (e.g. ${show(factor.max === 1 ? '0.5' : '2')})`);
      }
    }
  },
};
