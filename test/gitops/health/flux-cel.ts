// Evaluates a Flux healthCheckExprs entry the way kustomize-controller does
// (fluxcd/pkg runtime/cel/status_evaluator.go and expression.go): the object's top-level
// fields are the CEL variables, Kubernetes integers are CEL ints (Go's unstructured reads
// them as int64), a status.observedGeneration other than metadata.generation is InProgress
// before any expression runs, then inProgress, failed, current; none true is InProgress.
// An expression that fails to evaluate makes Flux report the object Unknown and keep
// waiting; here that is 'Unknown' with the error.
//
// cel-go, parsing only as Flux does, fails `has(status.x)` when the object has no `status` at
// all ("no such attribute(s)"); cel-es answers false there. Binding each absent top-level
// field to a CEL error gives cel-go's result, errors absorbed by || and && the same way.
import { celError, isCelError, run } from '@bufbuild/cel';
import type { CelInput } from '@bufbuild/cel';
import type { FluxHealthCheckExpr } from '../../../src/gitops/health/flux-health-checks';

export type FluxStatus = 'Current' | 'InProgress' | 'Failed' | 'Unknown';

export interface FluxHealth {
  readonly status: FluxStatus;
  readonly error?: string;
}

/** A JSON value as CEL input: objects as maps, whole numbers as int (bigint), null as null. */
export function celValue(value: unknown): CelInput {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(celValue);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'object') {
    return new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, celValue(item)]));
  }
  return value as CelInput;
}

const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

function bindings(obj: Record<string, unknown>): Record<string, CelInput> {
  const bound: Record<string, CelInput> = {};
  for (const name of TOP_LEVEL_FIELDS) bound[name] = celError(`no such attribute(s): ${name}`) as unknown as CelInput;
  for (const [name, value] of Object.entries(obj)) bound[name] = celValue(value);
  return bound;
}

/** Whether the expression evaluates to true; throws with CEL's error when it does not evaluate to a bool. */
export function evaluateCelBool(expression: string, obj: Record<string, unknown>): boolean {
  const result = run(expression, bindings(obj));
  if (isCelError(result)) throw new Error(`${expression}: ${result.message}`);
  if (typeof result !== 'boolean') throw new Error(`${expression}: returned ${String(result)}, not a bool`);
  return result;
}

function staleGeneration(obj: Record<string, unknown>): boolean {
  const observed = (obj.status as Record<string, unknown> | undefined)?.observedGeneration;
  const generation = (obj.metadata as Record<string, unknown> | undefined)?.generation;
  return Number.isInteger(observed) && Number.isInteger(generation) && observed !== generation;
}

/** Flux's reading of `obj` under the entry. */
export function evaluateFluxHealth(entry: FluxHealthCheckExpr, obj: Record<string, unknown>): FluxHealth {
  if (staleGeneration(obj)) return { status: 'InProgress' };
  const steps: Array<[string | undefined, FluxStatus]> = [[entry.inProgress, 'InProgress'], [entry.failed, 'Failed'], [entry.current, 'Current']];
  for (const [expression, status] of steps) {
    if (expression === undefined) continue;
    try {
      if (evaluateCelBool(expression, obj)) return { status };
    } catch (e) {
      return { status: 'Unknown', error: (e as Error).message };
    }
  }
  return { status: 'InProgress' };
}
