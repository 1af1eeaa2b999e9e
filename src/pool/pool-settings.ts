import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PoolScaleInStrategy, PoolUpdateStrategy } from './pool-strategies';
import { PoolAutohealing, PoolAutoscaling, PoolNameGeneration, VirtualMachinePoolProps } from './virtual-machine-pool-props';
import { assertFactoryValue, constructError, show } from '../common/errors';
import { labelKeyProblem, labelValueProblem } from '../validation/label-syntax';

/** The pool's own props after checks and defaults (the VM props are the facets'). */
export interface PoolSettings {
  readonly replicas?: number;
  /** Undefined: the default `{ "kubevirt.io/vmpool": <pool name> }`, known once the pool has a name. */
  readonly selectorLabels?: Record<string, string>;
  readonly maxUnavailable?: number | string;
  readonly paused: boolean;
  readonly nameGeneration?: PoolNameGeneration;
  readonly scaleInStrategy?: PoolScaleInStrategy;
  readonly updateStrategy?: PoolUpdateStrategy;
  readonly autohealing?: PoolAutohealing;
  readonly autoscaling?: Required<PoolAutoscaling>;
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown, least: number): value is number => Number.isInteger(value) && (value as number) >= least;

/** Checks the pool's own props (plain JS included); every problem names the prop, the value and the fix. */
export function checkPoolSettings(pool: IConstruct, props: VirtualMachinePoolProps): PoolSettings {
  const fail = (problem: string): never => {
    throw constructError(pool, problem);
  };
  const { replicas, paused, scaleInStrategy, updateStrategy } = props;
  if (replicas !== undefined && !isCount(replicas, 0)) fail(`replicas ${show(replicas)} must be a whole number, 0 or more`);
  if (paused !== undefined && typeof paused !== 'boolean') fail(`paused ${show(paused)} must be true or false`);
  if (scaleInStrategy !== undefined && !(scaleInStrategy instanceof PoolScaleInStrategy)) {
    fail(`scaleInStrategy ${show(scaleInStrategy)} must be PoolScaleInStrategy.proactive(), .opportunistic() or .unmanaged()`);
  }
  assertFactoryValue(pool, 'scaleInStrategy', scaleInStrategy);
  if (updateStrategy !== undefined && !(updateStrategy instanceof PoolUpdateStrategy)) {
    fail(`updateStrategy ${show(updateStrategy)} must be PoolUpdateStrategy.proactive(), .opportunistic() or .unmanaged()`);
  }
  assertFactoryValue(pool, 'updateStrategy', updateStrategy);
  return {
    replicas,
    selectorLabels: checkSelectorLabels(fail, props.selectorLabels),
    maxUnavailable: checkMaxUnavailable(fail, props.maxUnavailable),
    paused: paused ?? false,
    nameGeneration: checkNameGeneration(fail, props.nameGeneration),
    scaleInStrategy,
    updateStrategy,
    autohealing: checkAutohealing(fail, props.autohealing),
    autoscaling: checkAutoscaling(fail, props.autoscaling, replicas),
  };
}

type Fail = (problem: string) => never;

function checkSelectorLabels(fail: Fail, labels: Record<string, string> | undefined): Record<string, string> | undefined {
  if (labels === undefined) return undefined;
  if (!isObject(labels) || Object.keys(labels).length === 0) {
    fail(`selectorLabels ${show(labels)} must be a non-empty map of labels, e.g. { app: "web" }, or left out for { "kubevirt.io/vmpool": <pool name> }`);
  }
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) fail(`selectorLabels key ${show(key)} ${keyProblem}`);
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : 'must be a string';
    if (valueProblem) fail(`selectorLabels[${show(key)}] ${show(value)} ${valueProblem}`);
  }
  return { ...labels };
}

/** KubeVirt's pool admission refuses 0, and percentages outside 1%-100% (vmpool-admitter.go). */
function checkMaxUnavailable(fail: Fail, value: number | string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!isCount(value, 1)) fail(`maxUnavailable ${show(value)} must be a whole number of at least 1, or a percentage such as "25%"`);
    return value;
  }
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (!percent || Number(percent[1]) < 1 || Number(percent[1]) > 100) {
    fail(`maxUnavailable ${show(value)} must be a whole number of at least 1, or a percentage from "1%" to "100%"`);
  }
  return value;
}

function checkNameGeneration(fail: Fail, value: PoolNameGeneration | undefined): PoolNameGeneration | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(`nameGeneration ${show(value)} must be an object such as { appendIndexToSecretRefs: true }, or left out`);
  for (const key of ['appendIndexToConfigMapRefs', 'appendIndexToSecretRefs'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') fail(`nameGeneration.${key} ${show(value[key])} must be true or false`);
  }
  return { ...value };
}

function checkAutohealing(fail: Fail, value: PoolAutohealing | undefined): PoolAutohealing | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(`autohealing ${show(value)} must be an object such as { startUpFailureThreshold: 3 } ({} for KubeVirt's thresholds), or left out`);
  const { startUpFailureThreshold: threshold, minFailingToStartDuration: duration } = value;
  if (threshold !== undefined && !isCount(threshold, 1)) fail(`autohealing.startUpFailureThreshold ${show(threshold)} must be a whole number of at least 1`);
  if (duration !== undefined) {
    if (!(duration instanceof Duration)) fail(`autohealing.minFailingToStartDuration ${show(duration)} must be a cdk8s Duration, e.g. Duration.minutes(5)`);
    const millis = duration.toMilliseconds();
    if (millis % 1000 !== 0 || millis < 1000) fail(`autohealing.minFailingToStartDuration of ${millis / 1000} seconds must be a whole number of seconds, at least 1`);
  }
  return value;
}

function checkAutoscaling(fail: Fail, value: PoolAutoscaling | undefined, replicas: number | undefined): Required<PoolAutoscaling> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(`autoscaling ${show(value)} must be an object such as { maxReplicas: 5 }, or left out`);
  const { minReplicas = 1, maxReplicas, targetCpuUtilization = 80 } = value;
  if (!isCount(maxReplicas, 1)) fail(`autoscaling.maxReplicas ${show(maxReplicas)} must be a whole number of at least 1`);
  // An autoscaler with minReplicas 0 needs the HPAScaleToZero feature gate, off by default.
  if (!isCount(minReplicas, 1)) fail(`autoscaling.minReplicas ${show(minReplicas)} must be a whole number of at least 1`);
  if (minReplicas > maxReplicas) fail(`autoscaling.minReplicas ${minReplicas} is more than maxReplicas ${maxReplicas}: lower minReplicas or raise maxReplicas`);
  if (!isCount(targetCpuUtilization, 1)) fail(`autoscaling.targetCpuUtilization ${show(targetCpuUtilization)} must be a whole percentage of at least 1, e.g. 80`);
  if (replicas !== undefined && (replicas < minReplicas || replicas > maxReplicas)) {
    fail(`replicas ${replicas} is outside autoscaling's ${minReplicas}-${maxReplicas}, and the autoscaler would change it at once: leave replicas out (the autoscaler sets it), or widen the range`);
  }
  return { minReplicas, maxReplicas, targetCpuUtilization };
}

/** `spec.autohealing` as KubeVirt reads it (metav1.Duration is Go's duration text). */
export function renderAutohealing(value: PoolAutohealing | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const seconds = value.minFailingToStartDuration?.toSeconds();
  return { startUpFailureThreshold: value.startUpFailureThreshold, minFailingToStartDuration: seconds === undefined ? undefined : `${seconds}s` };
}
