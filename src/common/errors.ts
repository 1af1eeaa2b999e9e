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

/** `is not one of "A", "B"` when `value` is not a value of the enum, else undefined (for runtime input from JS or Pulumi). */
export function notOneOf(value: unknown, enumObject: Record<string, string>): string | undefined {
  const allowed = Object.values(enumObject);
  return allowed.includes(value as string) ? undefined : `is not one of ${allowed.map((v) => show(v)).join(', ')}`;
}

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
