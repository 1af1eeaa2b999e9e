import { Duration } from 'cdk8s';
import { seconds } from './live-migration-settings';
import { notOneOf, show } from '../common/errors';
import { compact } from '../common/objects';

/** How running VMs are moved onto a new KubeVirt version. */
export enum WorkloadUpdateMethod {
  LIVE_MIGRATE = 'LiveMigrate',
  EVICT = 'Evict',
}

/** What happens to a VM when its node is drained. */
export enum EvictionStrategy {
  NONE = 'None',
  LIVE_MIGRATE = 'LiveMigrate',
  LIVE_MIGRATE_IF_POSSIBLE = 'LiveMigrateIfPossible',
  EXTERNAL = 'External',
}

/** Rolling running VMs onto a new KubeVirt version. */
export interface WorkloadUpdateStrategy {
  /** @default [WorkloadUpdateMethod.LIVE_MIGRATE] */
  readonly methods?: WorkloadUpdateMethod[];
  /** @default 10 */
  readonly batchEvictionSize?: number;
  /**
   * Pause between batches (a Duration, or a number of seconds).
   * @default 1 minute
   */
  readonly batchEvictionInterval?: Duration | number;
}

/** Checks and renders a workload update strategy in the API's field names, or throws `errorFor(problem)`. */
export function renderWorkloadUpdate(strategy: WorkloadUpdateStrategy, errorFor: (problem: string) => Error): Record<string, unknown> | undefined {
  const methods = strategy.methods;
  for (const method of methods ?? []) {
    const problem = notOneOf(method, WorkloadUpdateMethod);
    if (problem) throw errorFor(`workloadUpdateStrategy.methods: ${show(method)} ${problem}`);
  }
  const size = strategy.batchEvictionSize;
  if (size !== undefined && !(Number.isInteger(size) && size >= 1)) {
    throw errorFor(`workloadUpdateStrategy.batchEvictionSize ${show(size)} must be a whole number of at least 1`);
  }
  let interval: string | undefined;
  if (strategy.batchEvictionInterval !== undefined) {
    const value = seconds(strategy.batchEvictionInterval);
    if (!(Number.isInteger(value) && value >= 1)) {
      throw errorFor(`workloadUpdateStrategy.batchEvictionInterval of ${value} seconds must be a whole number of seconds, at least 1`);
    }
    interval = goDuration(value);
  }
  return compact({ workloadUpdateMethods: methods ? [...methods] : undefined, batchEvictionSize: size, batchEvictionInterval: interval });
}

/**
 * Whole seconds in Go's duration format (`90` -> `1m30s`, `3600` -> `1h0m0s`): how a
 * metav1.Duration prints, so the operators store what we wrote when they write the CR back.
 */
export function goDuration(wholeSeconds: number): string {
  const hours = Math.floor(wholeSeconds / 3600);
  const minutes = Math.floor((wholeSeconds % 3600) / 60);
  const rest = wholeSeconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${rest}s`;
  return minutes > 0 ? `${minutes}m${rest}s` : `${rest}s`;
}
