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
    // Go's duration format, as the API's metav1.Duration takes it.
    interval = `${value}s`;
  }
  return compact({ workloadUpdateMethods: methods ? [...methods] : undefined, batchEvictionSize: size, batchEvictionInterval: interval });
}
