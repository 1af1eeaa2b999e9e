import * as crypto from 'crypto';

/**
 * Splitting a phase into parts small enough for one Argo CD Application each. An Application
 * keeps a status entry per resource in one etcd object: about 3,000 resources reach the ~1.5 MB
 * object limit (argoproj/argo-cd#14486).
 */

/**
 * The default number of objects per Application: a third of where Argo CD's Application status
 * hits etcd's object size limit, leaving room for sync messages and history.
 */
export const DEFAULT_MAX_RESOURCES_PER_APPLICATION = 1000;

/** An object to place, by the group it must stay with (a VM with its Secret and Service). */
export interface PartMember {
  readonly group: string;
}

/** Node's one-shot hash (Node 20.12 and later): measured at a quarter of the cost of a Hash object per group name. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;

/** A stable spread of group names over parts (the first 32 bits of their SHA-1). */
function hashOf(text: string): number {
  if (oneShotHash !== undefined) return parseInt(oneShotHash('sha1', text).slice(0, 8), 16);
  return crypto.createHash('sha1').update(text).digest().readUInt32BE(0);
}

/**
 * The part (0-based) of each object, and how many parts there are: one part when the objects fit
 * in `max`; else the fewest parts that keep every part within `max`, each group placed by a hash
 * of its name. Hashing, rather than cutting the list in order, keeps a group in its part when
 * others are added or removed: an object that moves to another Application is pruned by the one
 * it leaves. Objects move only when the number of parts changes.
 */
export function assignParts(members: readonly PartMember[], max: number): { parts: number; partOf: number[] } {
  if (members.length <= max) return { parts: 1, partOf: members.map(() => 0) };
  const sizes = new Map<string, number>();
  for (const { group } of members) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  const oversized = [...sizes].find(([, size]) => size > max);
  if (oversized) {
    throw new Error(`GitOpsApp: ${oversized[1]} objects of ${JSON.stringify(oversized[0])} must stay in one Argo CD Application, more than maxResourcesPerApplication (${max}): raise the limit`);
  }
  const hashes = new Map([...sizes.keys()].map((group) => [group, hashOf(group)]));
  for (let parts = Math.ceil(members.length / max); ; parts++) {
    const filled = new Array<number>(parts).fill(0);
    for (const [group, size] of sizes) filled[hashes.get(group)! % parts] += size;
    if (filled.every((size) => size <= max)) return { parts, partOf: members.map(({ group }) => hashes.get(group)! % parts) };
  }
}
