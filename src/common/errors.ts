import { IConstruct } from 'constructs';

/**
 * An error about one construct, formatted like cdk8s' own validation errors
 * (`[path] message`) so thrown errors and synth-time errors read the same.
 */
export function constructError(scope: IConstruct, message: string): Error {
  return new Error(`[${scope.node.path}] ${message}`);
}

/**
 * Quotes a user value for an error message: JSON keeps strings and numbers unambiguous;
 * what JSON cannot show (NaN, Infinity, functions, symbols, bigints) is shown as JavaScript writes it.
 */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // circular structures
  }
}

/** How a message names a wrong value: a construct by its class and path, anything else as `show` does. */
export function describeValue(value: unknown): string {
  const path = (value as { node?: { path?: unknown } } | null)?.node?.path;
  return typeof path === 'string' ? `(the ${(value as object).constructor.name} at ${show(path)})` : show(value);
}

/**
 * `props <value> must be an object of <TypeName>, e.g. <example>` when `props` is not a plain
 * object (plain JavaScript can pass null, a string or an array), else undefined.
 */
export function propsObjectProblem(props: unknown, typeName: string, example: string): string | undefined {
  if (typeof props === 'object' && props !== null && !Array.isArray(props)) return undefined;
  return `props ${show(props)} must be an object of ${typeName}, e.g. ${example}`;
}

/**
 * Throws `[path] props ... must be an object of <TypeName>, e.g. <example>` unless `props` is a
 * plain object. Constructors call it first, so plain JavaScript gets a message, not a TypeError.
 */
export function assertPropsObject(scope: IConstruct, props: unknown, typeName: string, example: string): void {
  const problem = propsObjectProblem(props, typeName, example);
  if (problem) throw constructError(scope, problem);
}

/**
 * Returns the props of an app, or throws `<App>: props ... must be an object of <TypeName>, ...`:
 * an app has no path to name, and it must check before calling its base class.
 */
export function checkedAppProps<T>(props: T, app: string, typeName: string): T {
  const problem = propsObjectProblem(props, typeName, '{ outdir: "dist" }');
  if (problem) throw new Error(`${app}: ${problem}`);
  return props;
}

/** `is not one of "A", "B"` when `value` is not a value of the enum, else undefined (for runtime input from JS or Pulumi). */
export function notOneOf(value: unknown, enumObject: Record<string, string>): string | undefined {
  let values = enumValues.get(enumObject);
  if (values === undefined) enumValues.set(enumObject, (values = new Set(Object.values(enumObject))));
  if (values.has(value as string)) return undefined;
  return `is not one of ${Object.values(enumObject).map((v) => show(v)).join(', ')}`;
}

/** The values of each enum `notOneOf` was asked about (constructs ask for every disk, interface and volume). */
const enumValues = new WeakMap<object, Set<unknown>>();

/**
 * A value made by a static factory (`VolumeSource.containerDisk(...)`, `Ipam.static(...)`).
 * A factory has no construct to name, so it records what is wrong with its input here; the
 * construct the value is given to reports it with its own path (`assertFactoryValue`).
 */
export abstract class FactoryValue {
  /** Problems found in the factory's input, each starting with the factory's name. @internal */
  public readonly _problems: string[] = [];

  /** Records each problem of the factory's input that is there (undefined ones are skipped); returns this. @internal */
  protected _problem(factory: string, ...problems: Array<string | undefined>): this {
    for (const problem of problems) if (problem) this._problems.push(`${factory}: ${problem}`);
    return this;
  }
}

/**
 * Throws `[path] <context>: <problem>` when `value` is a factory value whose input was bad.
 * Constructs call it for every factory value they are given, before using it.
 */
export function assertFactoryValue(scope: IConstruct, context: string, value: unknown): void {
  const problem = factoryProblem(value);
  if (problem) throw constructError(scope, `${context}: ${problem}`);
}

/** The problems a factory value recorded, joined by `; `, or undefined (also for any other value). */
export function factoryProblem(value: unknown): string | undefined {
  return value instanceof FactoryValue && value._problems.length > 0 ? value._problems.join('; ') : undefined;
}
