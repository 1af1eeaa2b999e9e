/** Drops undefined members, and returns undefined for an object left empty (so optional sections vanish). */
export function compact<T extends Record<string, unknown>>(obj: T): T | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/** `value` when it is a list, else an empty one: hand-written YAML may hold anything where a list belongs (the schema reports that). */
export function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
