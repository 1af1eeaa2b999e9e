// cdk8s renders every ApiObject through `resolve` (cdk8s/lib/resolve.js): for each value of the
// object it looks up the App, allocates a resolution context and a copy of the key path, and asks
// each resolver in turn. With only the built-in resolvers (Lazy, implicit tokens, number-or-string
// unions) the same result needs none of that; rendering a fleet's 40,000 objects spends most of
// its time there. While our synthesis renders, cdk8s' `resolve` is replaced by one that gives the
// same values with the built-in resolvers, and calls the original for apps with resolvers of their own.
import { ApiObject, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

interface ResolveModule {
  resolve(key: string[], value: unknown, apiObject: ApiObject): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdk8sResolve: ResolveModule = require('cdk8s/lib/resolve');
const original = cdk8sResolve.resolve;

/** Whether the app resolves with cdk8s' built-in resolvers only, in their order. */
function builtInResolversOnly(apiObject: ApiObject): boolean {
  const resolvers = App.of(apiObject).resolvers;
  return resolvers.length === 3 && resolvers[0] instanceof LazyResolver && resolvers[1] instanceof ImplicitTokenResolver
    && resolvers[2] instanceof NumberStringUnionResolver;
}

/**
 * Strings, numbers and booleans resolve to themselves: they have no `resolve` and no `value`
 * (cdk8s asks each leaf both), so the questions are skipped for the leaves, most of a manifest.
 */
function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

/** What cdk8s' `resolve` returns for `value` with the built-in resolvers (same checks, same order). */
function resolveBuiltIn(value: any): any {
  if (value == null || isPrimitive(value)) return value;
  if (value instanceof Lazy) return resolveBuiltIn(value.produce());
  if (typeof value.resolve === 'function') return resolveBuiltIn(value.resolve());
  if (value.constructor !== Object) {
    const inner = typeof value.value;
    if (inner === 'number' || inner === 'string') return resolveBuiltIn({ value: value.value });
  }
  if (Array.isArray(value)) return value.map((item) => resolveBuiltIn(item));
  // Loose equality, as cdk8s compares.
  // eslint-disable-next-line eqeqeq
  if (value.constructor == Object) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) result[key] = resolveBuiltIn(value[key]);
    return result;
  }
  return value;
}

function fastResolve(key: string[], value: unknown, apiObject: ApiObject): unknown {
  return builtInResolversOnly(apiObject) ? resolveBuiltIn(value) : original(key, value, apiObject);
}

/** Thrown when a value is one cdk8s' sanitizer refuses: cdk8s' own toJson then reports it. */
const NOT_PLAIN = Symbol('not a plain value');

/**
 * A map's keys in the order `Object.keys(value).sort()` gives, sorted in place: the maps of a
 * manifest have a handful of keys, often in order already, and Array.prototype.sort allocates
 * work space on every call (a fleet sorts millions of key lists).
 */
function sortedKeys(value: object): string[] {
  return sortInPlace(Object.keys(value));
}

/** Sorts strings as `Array.prototype.sort()` does (by UTF-16 code units), in place, by insertion. */
function sortInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    if (keys[j] <= key) continue;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** What cdk8s' sanitizer does besides resolving: sort map keys, and (for metadata) drop empty lists and maps. */
interface SanitizeOptions {
  readonly sortKeys: boolean;
  readonly filterEmpty: boolean;
}

const BODY: SanitizeOptions = { sortKeys: true, filterEmpty: false };
const BODY_UNSORTED: SanitizeOptions = { sortKeys: false, filterEmpty: false };
const METADATA: SanitizeOptions = { sortKeys: true, filterEmpty: true };

/**
 * `sanitizeValue(resolve(value), options)` in one pass (cdk8s/lib/_util.js): resolved as above,
 * then null and undefined left out of maps, the keys of maps sorted, and with `filterEmpty`
 * empty lists and maps left out.
 */
function resolveAndSanitize(value: any, options: SanitizeOptions): any {
  if (value == null) return undefined;
  if (isPrimitive(value)) return value;
  if (value instanceof Lazy) return resolveAndSanitize(value.produce(), options);
  if (typeof value.resolve === 'function') return resolveAndSanitize(value.resolve(), options);
  if (value.constructor !== Object) {
    const inner = typeof value.value;
    if (inner === 'number' || inner === 'string') return resolveAndSanitize({ value: value.value }, options);
  }
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (options.filterEmpty && value.length === 0) return undefined;
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = resolveAndSanitize(value[i], options);
    return items;
  }
  if (value.constructor !== Object) throw NOT_PLAIN;
  const keys = options.sortKeys ? sortedKeys(value) : Object.keys(value);
  const result: Record<string, unknown> = {};
  let empty = true;
  for (let i = 0; i < keys.length; i++) {
    const item = resolveAndSanitize(value[keys[i]], options);
    if (item != null) {
      result[keys[i]] = item;
      empty = false;
    }
  }
  return options.filterEmpty && empty ? undefined : result;
}

/** ApiObject's toJson as it was when the fast one was put in place (what it falls back to, and what comes back). */
let originalToJson = ApiObject.prototype.toJson;

/** The parts of an ApiObject cdk8s' toJson reads (private in its typings). */
interface ApiObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: JsonPatch[];
}

/** The parts of ApiObjectMetadataDefinition its toJson reads (private in its typings). */
interface MetadataInternals {
  readonly _additionalAttributes: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations: Record<string, string>;
  readonly finalizers: string[];
  readonly ownerReferences: unknown[];
  readonly labels: Record<string, string>;
}

/** The metadata parts cdk8s writes over the additional attributes of the same name. */
const METADATA_FIELDS = ['name', 'namespace', 'annotations', 'finalizers', 'ownerReferences', 'labels'] as const;

/**
 * cdk8s' `ApiObjectMetadataDefinition.toJson` (cdk8s/lib/metadata.js): the additional attributes
 * with the definition's own fields over them, resolved, sorted, empty parts left out. Read key by
 * key: the attributes object had a key deleted (cdk8s removes `apiObject`), so V8 holds it as a
 * dictionary, and spreading one per object costs more than the rest of its metadata.
 */
function metadataJson(metadata: MetadataInternals): unknown {
  const attributes = metadata._additionalAttributes;
  const keys: string[] = [...METADATA_FIELDS];
  for (const key in attributes) {
    if (Object.prototype.hasOwnProperty.call(attributes, key) && !(METADATA_FIELDS as readonly string[]).includes(key)) keys.push(key);
  }
  sortInPlace(keys);
  const result: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const own = (METADATA_FIELDS as readonly string[]).includes(key);
    const item = resolveAndSanitize(own ? metadata[key as typeof METADATA_FIELDS[number]] : attributes[key], METADATA);
    if (item != null) {
      result[key] = item;
      empty = false;
    }
  }
  return empty ? undefined : result;
}

/**
 * cdk8s' `ApiObject.toJson` (cdk8s/lib/api-object.js) with resolve and sanitize as one pass: the
 * object is copied once, not twice. The L1 classes of imports/ call it as `super.toJson()`.
 */
function fastToJson(this: ApiObject): any {
  if (!builtInResolversOnly(this)) return originalToJson.call(this);
  try {
    const { props, patches } = this as unknown as ApiObjectInternals;
    const options = process.env.CDK8S_DISABLE_SORT ? BODY_UNSORTED : BODY;
    const metadata = metadataJson(this.metadata as unknown as MetadataInternals);
    if (patches.length > 0) return withTopKeysFirst(JsonPatch.apply(resolveAndSanitize({ ...props, metadata }, options), ...patches));
    // Without patches the body is sanitized apart from the metadata, which is sanitized (and sorted) already.
    const { metadata: _ignored, ...rest } = props;
    const body = resolveAndSanitize(rest, options) as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    if (body.apiVersion != null) result.apiVersion = body.apiVersion;
    if (body.kind != null) result.kind = body.kind;
    if (metadata != null) result.metadata = metadata;
    for (const key in body) {
      if (key !== 'apiVersion' && key !== 'kind') result[key] = body[key];
    }
    return result;
  } catch (error) {
    if (error === NOT_PLAIN) return originalToJson.call(this);
    throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${error}`);
  }
}

/** The object with "apiVersion", "kind" and "metadata" first, as cdk8s orders them after patching. */
function withTopKeysFirst(patched: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
    if (key in patched) result[key] = patched[key];
  }
  return result;
}

/**
 * Runs `render` with the fast `resolve` and `ApiObject.toJson` in place of cdk8s' (restored
 * afterwards, whatever happens).
 */
export function withFastResolve<T>(render: () => T): T {
  if (cdk8sResolve.resolve !== original) return render(); // already in place (a nested synthesis)
  cdk8sResolve.resolve = fastResolve;
  originalToJson = ApiObject.prototype.toJson;
  ApiObject.prototype.toJson = fastToJson;
  try {
    return render();
  } finally {
    cdk8sResolve.resolve = original;
    ApiObject.prototype.toJson = originalToJson;
  }
}
