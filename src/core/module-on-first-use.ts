/**
 * A module loaded when first asked for, not when the library is: for the generated L1 classes of
 * API groups most programs never use (HyperConverged, OLM, VM pools, Forklift, instancetypes),
 * whose code would otherwise sit in every synth's memory (2 MiB of heap together). Type-only
 * imports keep their types; the value comes from the returned function.
 */
export function moduleOnFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
