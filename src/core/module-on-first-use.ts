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

/* eslint-disable @typescript-eslint/no-require-imports */
/** The Forklift (Migration Toolkit for Virtualization) L1 classes. */
export const forkliftL1 = moduleOnFirstUse(() => require('../../imports/forklift.konveyor.io') as typeof import('../../imports/forklift.konveyor.io'));
/** The HyperConverged L1 classes. */
export const hcoL1 = moduleOnFirstUse(() => require('../../imports/hco.kubevirt.io') as typeof import('../../imports/hco.kubevirt.io'));
/** The instancetype and preference L1 classes. */
export const instancetypeL1 = moduleOnFirstUse(() => require('../../imports/instancetype.kubevirt.io') as typeof import('../../imports/instancetype.kubevirt.io'));
/** The OLM (operators.coreos.com) L1 classes. */
export const olmL1 = moduleOnFirstUse(() => require('../../imports/operators.coreos.com') as typeof import('../../imports/operators.coreos.com'));
/** The VirtualMachinePool L1 classes. */
export const poolL1 = moduleOnFirstUse(() => require('../../imports/pool.kubevirt.io') as typeof import('../../imports/pool.kubevirt.io'));
/* eslint-enable @typescript-eslint/no-require-imports */
