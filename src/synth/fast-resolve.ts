// cdk8s renders every ApiObject through `resolve` (cdk8s/lib/resolve.js): for each value of the
// object it looks up the App, allocates a resolution context and a copy of the key path, and asks
// each resolver in turn. With only the built-in resolvers (Lazy, implicit tokens, number-or-string
// unions) the same result needs none of that; rendering a fleet's 40,000 objects spends most of
// its time there. While our synthesis renders, cdk8s' `resolve` is replaced by one that gives the
// same values with the built-in resolvers, and calls the original for apps with resolvers of their own.
import { ApiObject, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

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

/** Runs `render` with the fast `resolve` in place of cdk8s' (restored afterwards, whatever happens). */
export function withFastResolve<T>(render: () => T): T {
  if (cdk8sResolve.resolve !== original) return render(); // already in place (a nested synthesis)
  cdk8sResolve.resolve = fastResolve;
  try {
    return render();
  } finally {
    cdk8sResolve.resolve = original;
  }
}
