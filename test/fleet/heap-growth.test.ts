import { FLEET_HEAP_GROWING_PERCENT, HeapFlags, HeapGrowthLimit } from '../../src/fleet/heap-growth';

/** Flags that record what is set, with the node options a process started with. */
function recordingFlags(startOptions: string[] = []): HeapFlags & { readonly calls: string[] } {
  const calls: string[] = [];
  return { startOptions, set: (flags) => calls.push(flags), calls };
}

const LIMIT = `--heap-growing-percent=${FLEET_HEAP_GROWING_PERCENT}`;
const V8_DEFAULT = '--heap-growing-percent=0';

describe('HeapGrowthLimit', () => {
  test('sets nothing for the first cluster: a fleet of one cluster renders as any app', () => {
    const flags = recordingFlags();
    const heap = new HeapGrowthLimit(flags);
    heap.beforeCluster(0);
    heap.release();
    expect(flags.calls).toEqual([]);
  });

  test('sets the growing percent before the second cluster, once, and gives V8 its default back on release', () => {
    const flags = recordingFlags();
    const heap = new HeapGrowthLimit(flags);
    heap.beforeCluster(0);
    heap.beforeCluster(1);
    expect(flags.calls).toEqual([LIMIT]);
    heap.beforeCluster(2);
    heap.release();
    heap.release();
    expect(flags.calls).toEqual([LIMIT, V8_DEFAULT]);
  });

  test.each([
    [['--heap-growing-percent=10']],
    [['--max-old-space-size=4096', '--heap_growing_percent=75']],
  ])('leaves a growing percent the program was started with (%j) as it is', (startOptions) => {
    const flags = recordingFlags(startOptions);
    const heap = new HeapGrowthLimit(flags);
    heap.beforeCluster(1);
    heap.release();
    expect(flags.calls).toEqual([]);
  });

  test('a fleet rendered inside another sets nothing of its own: the outer one restores once', () => {
    const flags = recordingFlags();
    const outer = new HeapGrowthLimit(flags);
    outer.beforeCluster(1);
    const inner = new HeapGrowthLimit(flags);
    inner.beforeCluster(1);
    inner.release();
    expect(flags.calls).toEqual([LIMIT]);
    outer.release();
    expect(flags.calls).toEqual([LIMIT, V8_DEFAULT]);
  });

  test('works with the real V8 flags and leaves the global object as it was', () => {
    const heap = new HeapGrowthLimit();
    heap.beforeCluster(1);
    expect(Array.from({ length: 1000 }, (_, i) => i).length).toBe(1000);
    heap.release();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
