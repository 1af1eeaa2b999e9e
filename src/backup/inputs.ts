import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { constructError, describeValue, notOneOf, show } from '../common/errors';
import { VirtualMachine } from '../compute/virtual-machine';
import { goDuration } from '../runtime/workload-update';

/**
 * Checks of the props the backup constructs share, for input from TypeScript, plain
 * JavaScript and Pulumi alike: each throws `[path] field <value> <why>: <fix>`.
 */

/** One JSON Patch (RFC 6902) operation on the VM KubeVirt creates. */
export interface JsonPatch {
  /** `add`, `remove` or `replace`. */
  readonly op: 'add' | 'remove' | 'replace';
  /** JSON Pointer of the field, e.g. `/spec/template/metadata/labels/tier`. */
  readonly path: string;
  /**
   * The new value (for `add` and `replace`).
   * @default - none (required for add and replace)
   */
  readonly value?: unknown;
}

const PATCH_OPS = ['add', 'remove', 'replace'];

/** `vm` when it is a VirtualMachine construct, else throws naming the field. */
export function requireVm(scope: IConstruct, field: string, vm: unknown, why: string): VirtualMachine {
  if (vm instanceof VirtualMachine) return vm;
  throw constructError(scope, `${field} ${describeValue(vm)} must be a VirtualMachine construct of this app (${why})`);
}

/** The value of an enum prop, or undefined; throws when it is not one of the enum's values. */
export function enumValue<T extends string>(
  scope: IConstruct, field: string, value: T | undefined, enumObject: Record<string, string>,
): T | undefined {
  if (value === undefined) return undefined;
  const problem = notOneOf(value, enumObject);
  if (problem) throw constructError(scope, `${field} ${show(value)} ${problem}`);
  return value;
}

/** A metav1.Duration in Go's format, or undefined; throws for anything but a whole, non-negative cdk8s Duration. */
export function durationValue(scope: IConstruct, field: string, value: Duration | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Duration)) {
    throw constructError(scope, `${field} ${show(value)} must be a Duration, e.g. Duration.minutes(10)`);
  }
  const seconds = value.toMilliseconds() / 1000;
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw constructError(scope, `${field} of ${seconds} seconds must be a whole number of seconds, 0 or more`);
  }
  return goDuration(seconds);
}

/** A copy of a list of strings, or undefined; throws for anything else. */
export function stringList(scope: IConstruct, field: string, value: readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw constructError(scope, `${field} ${show(value)} must be a list of strings`);
  value.forEach((item, index) => {
    if (typeof item !== 'string') throw constructError(scope, `${field}[${index}] ${show(item)} must be a string`);
  });
  return [...value];
}

/** A copy of a string map (labels, annotations, MACs), or undefined; throws for anything else. */
export function stringMap(scope: IConstruct, field: string, value: Record<string, string> | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw constructError(scope, `${field} ${show(value)} must be an object of string values, e.g. { key: "value" }`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw constructError(scope, `${field}[${show(key)}] ${show(item)} must be a string, e.g. ${show(String(item))}`);
  }
  return { ...value };
}

/** The metadata prop when it is an object (or left out); throws for anything else. */
export function metadataValue<T extends object>(scope: IConstruct, value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw constructError(scope, `metadata ${show(value)} must be an object, e.g. { name: "nightly" }`);
  }
  return value;
}

/** A string prop that may be left out; throws for a value of another type or an empty string. */
export function optionalString(scope: IConstruct, field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw constructError(scope, `${field} ${show(value)} must be a non-empty string`);
  return value;
}

/** The patches as the JSON strings KubeVirt takes, or undefined; throws for a malformed operation. */
export function renderPatches(scope: IConstruct, field: string, patches: readonly JsonPatch[] | undefined): string[] | undefined {
  if (patches === undefined) return undefined;
  if (!Array.isArray(patches)) throw constructError(scope, `${field} ${show(patches)} must be a list of { op, path, value } operations`);
  return patches.map((patch, index) => {
    const at = `${field}[${index}]`;
    if (patch === null || typeof patch !== 'object') throw constructError(scope, `${at} ${show(patch)} must be an { op, path, value } operation`);
    const opProblem = PATCH_OPS.includes(patch.op) ? undefined : `is not one of ${PATCH_OPS.map((op) => show(op)).join(', ')}`;
    if (opProblem) throw constructError(scope, `${at}.op ${show(patch.op)} ${opProblem}`);
    if (typeof patch.path !== 'string' || !patch.path.startsWith('/')) {
      throw constructError(scope, `${at}.path ${show(patch.path)} must be a JSON Pointer starting with "/", e.g. "/spec/template/metadata/labels/tier"`);
    }
    const hasValue = patch.op !== 'remove';
    if (hasValue && (patch.value === undefined || JSON.stringify(patch.value) === undefined)) {
      throw constructError(scope, `${at}.value ${show(patch.value)} must be a JSON value: ${show(patch.op)} sets the field at ${show(patch.path)} to it`);
    }
    return JSON.stringify(hasValue ? { op: patch.op, path: patch.path, value: patch.value } : { op: patch.op, path: patch.path });
  });
}
