import * as v8 from 'v8';
import * as vm from 'vm';

/**
 * How far the heap may grow past what the last collection left before the next cluster's garbage
 * is collected. A rendered cluster leaves its construct tree, rendered objects and validation
 * structures behind; V8 lets such garbage pile up to about four times the live heap before it
 * collects on its own, so a fleet's peak memory followed the library's resident size, not one
 * cluster's. 64 MiB holds a few hundred VMs' worth of garbage: at 200 VMs a cluster, a collection
 * (about 30 ms) every few clusters.
 */
export const CLUSTER_GARBAGE_BYTES = 64 * 2 ** 20;

/**
 * Collects the garbage the clusters rendered so far left behind, once it passes
 * `CLUSTER_GARBAGE_BYTES`: a Fleet calls `afterCluster` each time it has written a cluster and
 * dropped it, so its memory stays near one cluster's, however many clusters the fleet has.
 */
export class ClusterGarbage {
  private readonly collect = v8Collector();
  private afterLastCollection = usedHeapBytes();

  /** Called after a cluster is written and nothing refers to its constructs any more. */
  public afterCluster(): void {
    if (this.collect === undefined || usedHeapBytes() - this.afterLastCollection < CLUSTER_GARBAGE_BYTES) return;
    this.collect();
    this.afterLastCollection = usedHeapBytes();
  }
}

function usedHeapBytes(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/** The collector, fetched once per process (a context costs a millisecond or two to make). */
let fetched: { readonly collect?: () => void } | undefined;
function v8Collector(): (() => void) | undefined {
  fetched ??= { collect: collector() };
  return fetched.collect;
}

/**
 * V8's full collection, as `node --expose-gc` gives it: the flag is set only while a context is
 * created to fetch the function (as Jest's leak detector does), so the program's own global
 * object stays as it was. Undefined where V8 refuses the flag.
 */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
