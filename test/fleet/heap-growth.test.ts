import { FLEET_HEAP_GROWING_PERCENT, HeapFlags, withHeapGrowthLimit } from '../../src/fleet/heap-growth';

/** Flags that record what is set, with the node options a process started with. */
function recordingFlags(startOptions: string[] = []): HeapFlags & { readonly calls: string[] } {
  const calls: string[] = [];
  return { startOptions, set: (flags) => calls.push(flags), calls };
}

describe('withHeapGrowthLimit', () => {
  test('sets the growing percent for the work and gives V8 its default back after it', () => {
    const flags = recordingFlags();
    const seen = withHeapGrowthLimit(() => [...flags.calls], flags);
    expect(seen).toEqual([`--heap-growing-percent=${FLEET_HEAP_GROWING_PERCENT}`]);
    expect(flags.calls).toEqual([`--heap-growing-percent=${FLEET_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0']);
  });

  test('gives the default back when the work throws, and the error goes through', () => {
    const flags = recordingFlags();
    expect(() => withHeapGrowthLimit(() => {
      throw new Error('cluster "lab": bad VM');
    }, flags)).toThrow('cluster "lab": bad VM');
    expect(flags.calls.at(-1)).toBe('--heap-growing-percent=0');
  });

  test.each([
    [['--heap-growing-percent=10']],
    [['--max-old-space-size=4096', '--heap_growing_percent=75']],
  ])('leaves a growing percent the program was started with (%j) as it is', (startOptions) => {
    const flags = recordingFlags(startOptions);
    expect(withHeapGrowthLimit(() => 'rendered', flags)).toBe('rendered');
    expect(flags.calls).toEqual([]);
  });

  test('a fleet rendered inside another sets nothing of its own: the outer one restores once', () => {
    const flags = recordingFlags();
    withHeapGrowthLimit(() => withHeapGrowthLimit(() => undefined, flags), flags);
    expect(flags.calls).toEqual([`--heap-growing-percent=${FLEET_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0']);
  });

  test('runs with the real V8 flags and leaves the global object as it was', () => {
    expect(withHeapGrowthLimit(() => Array.from({ length: 1000 }, (_, i) => i).length)).toBe(1000);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
