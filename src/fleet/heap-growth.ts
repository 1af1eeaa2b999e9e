import * as v8 from 'v8';

/**
 * How far V8 lets the old generation grow past the live data before it collects, in percent,
 * while a Fleet renders. Left to its own heuristics, V8 grows the heap to up to about four times
 * the live data of a program that never idles, so a fleet's peak memory followed the number of
 * clusters rendered since the last collection, not one cluster's size. At 40%, V8's own
 * (incremental, concurrent) collections keep 50 clusters of 200 VMs as small as forced full
 * collections between clusters did, at a fraction of their cost (bench/: forced collections
 * slowed every later allocation, not only by their pauses).
 */
export const FLEET_HEAP_GROWING_PERCENT = 40;

const FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/** What `withHeapGrowthLimit` reads and sets: replaceable in tests. @internal */
export interface HeapFlags {
  /** The node options the process started with (a flag given there is the user's choice). */
  readonly startOptions: readonly string[];
  /** Sets V8 flags (`v8.setFlagsFromString`). */
  readonly set: (flags: string) => void;
}

const PROCESS_FLAGS: HeapFlags = {
  get startOptions() {
    return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  },
  set: (flags) => v8.setFlagsFromString(flags),
};

/** Fleets rendering now (a Fleet may be synthesized inside another's build): the outermost sets and restores. */
let depth = 0;

/**
 * Runs `work` with V8 collecting once the old generation has grown `FLEET_HEAP_GROWING_PERCENT`
 * past the live data, then gives V8 back its own heuristics (V8's default, 0). A growing percent
 * the program was started with is left as it is.
 */
export function withHeapGrowthLimit<T>(work: () => T, flags: HeapFlags = PROCESS_FLAGS): T {
  const owned = depth === 0 && !flags.startOptions.some((option) => FLAG.test(option));
  if (owned) flags.set(`--heap-growing-percent=${FLEET_HEAP_GROWING_PERCENT}`);
  depth++;
  try {
    return work();
  } finally {
    depth--;
    if (owned) flags.set('--heap-growing-percent=0');
  }
}
