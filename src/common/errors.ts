import { IConstruct } from 'constructs';

/**
 * An error about one construct, formatted like cdk8s' own validation errors
 * (`[path] message`) so thrown errors and synth-time errors read the same.
 */
export function constructError(scope: IConstruct, message: string): Error {
  return new Error(`[${scope.node.path}] ${message}`);
}

/** Quotes a user value for an error message (JSON keeps strings and numbers unambiguous). */
export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** `is not one of "A", "B"` when `value` is not a value of the enum, else undefined (for runtime input from JS or Pulumi). */
export function notOneOf(value: unknown, enumObject: Record<string, string>): string | undefined {
  const allowed = Object.values(enumObject);
  return allowed.includes(value as string) ? undefined : `is not one of ${allowed.map((v) => show(v)).join(', ')}`;
}
