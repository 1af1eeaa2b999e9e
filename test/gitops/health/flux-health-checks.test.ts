import { parse } from '@bufbuild/cel';
import type { ArgoHealthStatus } from './argo-lua';
import { evaluateFluxHealth, FluxStatus } from './flux-cel';
import { HealthSample, PRINTABLE_STATUS_HEALTH, SAMPLES_BY_KIND, virtualMachine } from './samples';
import { FLUX_HEALTH_CHECK_EXPRS, FluxHealthCheckExpr } from '../../../src/gitops/health/flux-health-checks';

/** The Flux status that means what the Argo CD status means (Flux has no Suspended: it waits). */
const FLUX_COUNTERPART: Partial<Record<ArgoHealthStatus, FluxStatus>> = {
  Healthy: 'Current',
  Degraded: 'Failed',
  Progressing: 'InProgress',
  Suspended: 'InProgress',
};

function groupKind(entry: FluxHealthCheckExpr): string {
  return `${entry.apiVersion.split('/')[0]}/${entry.kind}`;
}

function expressionsOf(entry: FluxHealthCheckExpr): Array<[string, string]> {
  return (['inProgress', 'failed', 'current'] as const)
    .filter((field) => entry[field] !== undefined)
    .map((field) => [field, entry[field] as string]);
}

describe('FLUX_HEALTH_CHECK_EXPRS', () => {
  test('the runtime kinds, VirtualMachine and DataVolume, sorted by apiVersion then kind', () => {
    expect(FLUX_HEALTH_CHECK_EXPRS.map((entry) => `${entry.apiVersion} ${entry.kind}`)).toEqual([
      'cdi.kubevirt.io/v1beta1 CDI',
      'cdi.kubevirt.io/v1beta1 DataVolume',
      'hco.kubevirt.io/v1beta1 HyperConverged',
      'kubevirt.io/v1 KubeVirt',
      'kubevirt.io/v1 VirtualMachine',
    ]);
  });

  test('every entry has the fields of kustomize.CustomHealthCheck and no others', () => {
    for (const entry of FLUX_HEALTH_CHECK_EXPRS) {
      expect(Object.keys(entry).every((key) => ['apiVersion', 'kind', 'current', 'inProgress', 'failed'].includes(key))).toBe(true);
      expect(entry.current).toMatch(/\S/);
    }
  });

  test.each(FLUX_HEALTH_CHECK_EXPRS.flatMap((entry) => expressionsOf(entry).map(([field, expression]) => [`${entry.kind}.${field}`, expression])))(
    '%s parses as CEL',
    (_name, expression) => {
      expect(() => parse(expression)).not.toThrow();
    },
  );

  test('no optional-field syntax (.?), which cel-go accepts only with OptionalTypes', () => {
    for (const entry of FLUX_HEALTH_CHECK_EXPRS) {
      for (const [, expression] of expressionsOf(entry)) expect(expression).not.toContain('.?');
    }
  });
});

describe.each(FLUX_HEALTH_CHECK_EXPRS.map((entry) => [groupKind(entry), entry] as const))('Flux health of %s', (kind, entry) => {
  const samples: readonly HealthSample[] = SAMPLES_BY_KIND[kind];

  test.each(samples.map((sample) => [sample.name, sample]))('%s means what the Argo CD check says', (_name, sample) => {
    const expected = sample.flux ?? FLUX_COUNTERPART[sample.argo.status];
    const result = evaluateFluxHealth(entry, sample.obj);
    expect({ status: result.status, hasError: result.error !== undefined }).toEqual({ status: expected, hasError: expected === 'Unknown' });
  });

  // Every field is guarded by has(): a status without the fields yet must not be an evaluation error.
  test.each([
    ['an empty status', { status: {} }],
    ['empty conditions', { status: { conditions: [] } }],
    ['an empty phase', { status: { phase: '', conditions: [{ type: 'Ready', status: 'False' }] } }],
  ])('%s is InProgress, not an error', (_name, fields) => {
    const obj = { apiVersion: entry.apiVersion, kind: entry.kind, metadata: { name: 'x', generation: 1 }, spec: {}, ...fields };
    expect(evaluateFluxHealth(entry, obj)).toEqual({ status: 'InProgress' });
  });
});

describe('Flux: VirtualMachine printableStatus values', () => {
  const entry = FLUX_HEALTH_CHECK_EXPRS.find((candidate) => candidate.kind === 'VirtualMachine')!;
  test.each(PRINTABLE_STATUS_HEALTH)('%s -> counterpart of %s', (printableStatus, argoStatus) => {
    const obj = virtualMachine({ runStrategy: 'Always' }, { printableStatus, conditions: [{ type: 'Ready', status: 'False', reason: 'VMINotExists' }] });
    expect(evaluateFluxHealth(entry, obj).status).toBe(FLUX_COUNTERPART[argoStatus as ArgoHealthStatus]);
  });
});

describe('the Flux evaluator of the tests', () => {
  const entry: FluxHealthCheckExpr = { apiVersion: 'example.com/v1', kind: 'Thing', current: "status.phase == 'Ready'", failed: "status.phase == 'Broken'" };

  test('a stale observedGeneration is InProgress before any expression', () => {
    expect(evaluateFluxHealth(entry, { metadata: { generation: 2 }, status: { observedGeneration: 1, phase: 'Ready' } })).toEqual({ status: 'InProgress' });
  });

  test('inProgress, failed, current in that order; none true is InProgress', () => {
    expect(evaluateFluxHealth(entry, { metadata: {}, status: { phase: 'Broken' } }).status).toBe('Failed');
    expect(evaluateFluxHealth(entry, { metadata: {}, status: { phase: 'Ready' } }).status).toBe('Current');
    expect(evaluateFluxHealth(entry, { metadata: {}, status: { phase: 'Other' } }).status).toBe('InProgress');
  });

  test('a missing field is an evaluation error, which Flux reports as Unknown', () => {
    const result = evaluateFluxHealth(entry, { metadata: {}, status: {} });
    expect(result.status).toBe('Unknown');
    expect(result.error).toContain("status.phase == 'Broken'");
  });

  test('as in cel-go, has() of a field of an absent top-level field is an error, unless || or && decide without it', () => {
    const guarded: FluxHealthCheckExpr = { apiVersion: 'example.com/v1', kind: 'Thing', current: 'has(status.phase)' };
    expect(evaluateFluxHealth(guarded, { metadata: {} })).toEqual({ status: 'Unknown', error: 'has(status.phase): no such attribute(s): status' });
    expect(evaluateFluxHealth({ ...guarded, current: 'has(metadata.name) || has(status.phase)' }, { metadata: { name: 'x' } }).status).toBe('Current');
    expect(evaluateFluxHealth({ ...guarded, current: 'has(status.phase) && has(metadata.name)' }, { metadata: {} }).status).toBe('InProgress');
  });

  test('Kubernetes integers are CEL ints', () => {
    const generations: FluxHealthCheckExpr = { apiVersion: 'example.com/v1', kind: 'Thing', current: 'status.replicas == 3 && type(status.replicas) == int' };
    expect(evaluateFluxHealth(generations, { status: { replicas: 3 } }).status).toBe('Current');
  });
});
