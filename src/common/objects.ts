/** Drops undefined members, and returns undefined for an object left empty (so optional sections vanish). */
export function compact<T extends Record<string, unknown>>(obj: T): T | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/** `value` when it is a list, else an empty one: hand-written YAML may hold anything where a list belongs (the schema reports that). */
export function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** Adds `value` to the list under `key` (one push, not a copy: maps of thousands of entries fill this way). */
export function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first `shown` items and how many more: a message about a fleet's namespace names thousands. */
export function listedWithCount(items: readonly string[], shown = 3): string {
  const first = items.slice(0, shown).join(', ');
  return items.length > shown ? `${first} and ${items.length - shown} more` : first;
}
