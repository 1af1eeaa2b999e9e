import * as v8 from 'v8';
import { CLUSTER_GARBAGE_BYTES, ClusterGarbage } from '../../src/fleet/cluster-garbage';

const usedHeap = () => v8.getHeapStatistics().used_heap_size;

/** Leaves about `bytes` of garbage in the old generation: objects kept until it is full, then dropped. */
function leaveGarbage(bytes: number): void {
  let kept: number[][] = [];
  for (let i = 0; i < bytes / 8192; i++) kept.push(new Array(1024).fill(i));
  kept = [];
  void kept;
}

describe('ClusterGarbage', () => {
  test('collects once a cluster has left more garbage than the limit, and the heap shrinks back', () => {
    const garbage = new ClusterGarbage();
    leaveGarbage(CLUSTER_GARBAGE_BYTES * 1.5);
    const before = usedHeap();
    garbage.afterCluster();
    expect(usedHeap()).toBeLessThan(before - CLUSTER_GARBAGE_BYTES);
  });

  test('does not collect for less garbage than the limit', () => {
    const garbage = new ClusterGarbage();
    let kept: number[][] = [];
    for (let i = 0; i < 100; i++) kept.push(new Array(1024).fill(i));
    const before = usedHeap();
    garbage.afterCluster();
    // Nothing was collected: what was allocated since is still counted (a collection would have dropped `kept` too, once cleared).
    kept = [];
    expect(usedHeap()).toBeGreaterThanOrEqual(before);
  });

  test('leaves the program\'s global object as it was (no global gc)', () => {
    new ClusterGarbage();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
