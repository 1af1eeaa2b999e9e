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

/** What cdk8s' `resolve` returns for `value` with the built-in resolvers (same checks, same order). */
function resolveBuiltIn(value: any): any {
  if (value == null) return value;
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
 * `sanitizeValue(resolve(value), { sortKeys })` in one pass (cdk8s/lib/_util.js): resolved as
 * above, then null and undefined left out of maps, the keys of maps sorted.
 */
function resolveAndSanitize(value: any, sortKeys: boolean): any {
  if (value == null) return undefined;
  if (value instanceof Lazy) return resolveAndSanitize(value.produce(), sortKeys);
  if (typeof value.resolve === 'function') return resolveAndSanitize(value.resolve(), sortKeys);
  if (value.constructor !== Object) {
    const inner = typeof value.value;
    if (inner === 'number' || inner === 'string') return resolveAndSanitize({ value: value.value }, sortKeys);
  }
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => resolveAndSanitize(item, sortKeys));
  if (value.constructor !== Object) throw NOT_PLAIN;
  const keys = Object.keys(value);
  if (sortKeys) keys.sort();
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const item = resolveAndSanitize(value[key], sortKeys);
    if (item != null) result[key] = item;
  }
  return result;
}

/** ApiObject's toJson as it was when the fast one was put in place (what it falls back to, and what comes back). */
let originalToJson = ApiObject.prototype.toJson;

/** The parts of an ApiObject cdk8s' toJson reads (private in its typings). */
interface ApiObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: JsonPatch[];
}

/**
 * cdk8s' `ApiObject.toJson` (cdk8s/lib/api-object.js) with resolve and sanitize as one pass: the
 * object is copied once, not twice. The L1 classes of imports/ call it as `super.toJson()`.
 */
function fastToJson(this: ApiObject): any {
  if (!builtInResolversOnly(this)) return originalToJson.call(this);
  try {
    const { props, patches } = this as unknown as ApiObjectInternals;
    const data = { ...props, metadata: this.metadata.toJson() };
    const json = resolveAndSanitize(data, !process.env.CDK8S_DISABLE_SORT);
    const patched = JsonPatch.apply(json, ...patches);
    const result: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
      if (key in patched) result[key] = patched[key];
    }
    return result;
  } catch (error) {
    if (error === NOT_PLAIN) return originalToJson.call(this);
    throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${error}`);
  }
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
