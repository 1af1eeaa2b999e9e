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

/** What `HeapGrowthLimit` reads and sets: replaceable in tests. @internal */
export interface HeapFlags {
  /** The node options the process started with (a flag given there is the user's choice). */
  readonly startOptions: readonly string[];
  /** Sets V8 flags (`v8.setFlagsFromString`). */
  readonly set: (flags: string) => void;
}

/** The process's own flags (tests watch `set`). @internal */
export const PROCESS_HEAP_FLAGS: HeapFlags = {
  get startOptions() {
    return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  },
  set: (flags) => v8.setFlagsFromString(flags),
};

/** Fleets rendering now that have set the flag (a Fleet may be synthesized inside another's build). */
let owners = 0;

/**
 * Keeps a fleet's garbage near one cluster's: from the second cluster on, V8 collects
 * once the old generation has grown `FLEET_HEAP_GROWING_PERCENT` past the live data; `release`
 * gives V8 back its own heuristics (its default, 0). A fleet of one cluster renders as V8 would
 * render any app (within one cluster the limit costs time: 13% of a 10,000-VM cluster's),
 * and a growing percent the program was started with is left as it is.
 */
export class HeapGrowthLimit {
  private set = false;

  public constructor(private readonly flags: HeapFlags = PROCESS_HEAP_FLAGS) {}

  /** Called before each cluster is rendered: from the second on, the clusters written before left garbage. */
  public beforeCluster(index: number): void {
    if (index === 0 || this.set || owners > 0 || this.flags.startOptions.some((option) => FLAG.test(option))) return;
    this.flags.set(`--heap-growing-percent=${FLEET_HEAP_GROWING_PERCENT}`);
    this.set = true;
    owners++;
  }

  /** Gives V8 its default back, if this limit set the flag (call it however the rendering ended). */
  public release(): void {
    if (!this.set) return;
    this.flags.set('--heap-growing-percent=0');
    this.set = false;
    owners--;
  }
}
