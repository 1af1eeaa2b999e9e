/**
 * The validators scripts/precompile-validators.ts generates must judge every object exactly as the
 * run-time compiled ones do: the same error objects (keyword, params, instancePath, schemaPath,
 * message), hence the same validateManifests issues. Generated here into a folder under
 * node_modules/.cache, so that their `require('ajv/dist/runtime/...')` resolves.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ErrorObject } from 'ajv';
import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildFleet } from '../../bench/fleet';
import { CORE_KINDS, precompileValidators } from '../../scripts/precompile-validators';
import { HyperConvergedApiVersion, OpenShiftVirtualization } from '../../src';
import { PRECOMPILED_INDEX_FILE, PrecompiledIndex, PrecompiledValidators } from '../../src/validation/precompiled-validators';
import { HOISTED_PREFIX } from '../../src/validation/schema-dedupe';
import { SchemaStore } from '../../src/validation/schema-store';
import { formatManifestIssue, validateManifests } from '../../src/validation/validate-manifests';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const OUT = path.join(ROOT, 'node_modules', '.cache', 'kubevirt-constructs', `precompiled-test-${process.pid}`);
const KINDS: Array<[string, string]> = [
  ['kubevirt.io/v1', 'VirtualMachine'], ['cdi.kubevirt.io/v1beta1', 'DataVolume'], ['k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition'],
  ['hco.kubevirt.io/v1beta1', 'HyperConverged'], ['v1', 'Secret'], ['v1', 'Service'], ['v1', 'Namespace'], ['apps/v1', 'Deployment'],
  // Its CRD repeats the Application template 24 times: generated only with the repeats hoisted.
  ['argoproj.io/v1alpha1', 'ApplicationSet'],
  // Shares its module with Deployment (SHARED_MODULES).
  ['batch/v1', 'Job'],
];
const REPO = 'https://git.example.com/fleet.git';
const UNKNOWN_FIELD = 'unknown field (not in the schema: misspelled or misplaced?)';

/** An Application template as ArgoCdApplicationSet writes it (test/gitops/argo-cd/application-set.test.ts). */
function applicationTemplate(name: string): Record<string, any> {
  return {
    metadata: { name },
    spec: {
      project: 'default',
      source: { repoURL: REPO, targetRevision: 'HEAD', path: 'clusters/{{.name}}/argocd', kustomize: { replicas: [{ name: 'web', count: 2 }] } },
      destination: { server: 'https://kubernetes.default.svc' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 10, backoff: { duration: '15s', factor: 2, maxDuration: '300s' } } },
    },
  };
}

/** A list generator as the construct writes it, and matrix and merge generators whose members carry templates. */
function applicationSets(): Array<Record<string, any>> {
  const applicationSet = (name: string, generators: unknown[]) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name, namespace: 'argocd' },
    spec: { goTemplate: true, goTemplateOptions: ['missingkey=error'], generators, syncPolicy: { preserveResourcesOnDeletion: true }, template: applicationTemplate('{{.name}}-virtualization') },
  });
  return [
    applicationSet('fleet', [{ list: { elements: [{ name: 'prod', server: 'https://prod.example.com:6443' }] } }]),
    applicationSet('matrix', [{
      matrix: {
        generators: [
          { git: { repoURL: REPO, revision: 'main', directories: [{ path: 'clusters/*' }], template: applicationTemplate('{{.path.basename}}') } },
          { list: { elements: [{ name: 'prod' }], template: applicationTemplate('{{.name}}-list') } },
        ],
      },
    }, {
      merge: {
        mergeKeys: ['name'],
        generators: [{ clusters: { selector: { matchLabels: { env: 'prod' } }, template: applicationTemplate('{{.name}}-cluster') } }, { list: { elements: [{ name: 'x' }] } }],
      },
    }]),
  ];
}

/** Objects of the kinds above as the library and the upstream operators write them. */
function samples(): Array<Record<string, any>> {
  const fleet = buildFleet(1, new App({ outdir: path.join(OUT, 'dist') })).charts.flatMap((chart) => chart.toJson());
  const chart = Testing.chart();
  new OpenShiftVirtualization(chart, 'ocp-virt', {
    hyperConverged: { apiVersion: HyperConvergedApiVersion.V1BETA1, featureGates: { downwardMetrics: true }, cpuAllocationRatio: 10 },
  });
  const operator = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'kubevirt-operator.yaml'), 'utf8'))
    .map((doc) => doc.toJS()).filter((o) => o?.kind === 'Deployment' || o?.kind === 'Namespace');
  const wanted = new Set(KINDS.map(([, kind]) => kind));
  const deployment = operator.find((o) => o.kind === 'Deployment');
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'export', namespace: deployment.metadata.namespace },
    spec: { backoffLimit: 2, template: { ...deployment.spec.template, spec: { ...deployment.spec.template.spec, restartPolicy: 'Never' } } },
  };
  return [...fleet, ...Testing.synth(chart), ...operator, job, ...applicationSets()].filter((o) => wanted.has(o.kind));
}

/** Every node of an object with its path, the root first. */
function nodes(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value) ? value.map((v, i) => nodes(v, [...at, i])) : Object.entries(value).map(([k, v]) => nodes(v, [...at, k]));
  return [at, ...children.flat()];
}

function withValue(object: unknown, at: Array<string | number>, change: (old: any) => unknown): any {
  if (at.length === 0) return change(object);
  const copy = structuredClone(object) as any;
  const parent = at.slice(0, -1).reduce((node, key) => node[key], copy);
  parent[at[at.length - 1]] = change(parent[at[at.length - 1]]);
  return copy;
}

/** Broken copies: each node of the wrong type, each object with a field too many or without one it had. */
function brokenCopies(object: Record<string, any>): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const at of nodes(object).filter((p) => p.length > 0 && p[0] !== 'apiVersion' && p[0] !== 'kind')) {
    out.push(withValue(object, at, (old) => (typeof old === 'string' ? 7 : typeof old === 'object' && !Array.isArray(old) ? [] : 'x')));
    out.push(withValue(object, at, (old) => (old !== null && typeof old === 'object' && !Array.isArray(old) ? { ...old, zz: 1 } : true)));
    out.push(withValue(object, at.slice(0, -1), (parent) => {
      const copy = structuredClone(parent);
      delete copy[at[at.length - 1]];
      return copy;
    }));
  }
  return out;
}

/** What the format, pattern and enum checks see, which a change of type does not reach. */
function valueMistakes(object: Record<string, any>): Array<Record<string, any>> {
  const set = (at: string, value: unknown) => withValue(object, at.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), () => value);
  // A mistake is made where the field's parent exists.
  const has = (at: string) => at.split('.').slice(0, -1).reduce<any>((node, key) => node?.[key], object) !== undefined;
  const mistakes: Array<[string, unknown]> = [
    ['data.userdata', 'not base64!'], ['spec.ports.0.port', 2 ** 31], ['spec.ports.0.targetPort', true], ['spec.replicas', 1.5],
    ['spec.template.spec.domain.memory.guest', '4GB'], ['spec.runStrategy', 'Sometimes'], ['metadata.creationTimestamp', 'yesterday'],
    ['spec.dataVolumeTemplates.0.spec.contentType', 'qcow2'], ['spec.cpuAllocationRatio', 'ten'], ['spec.storage.volumeMode', 'Both'],
  ];
  return mistakes.filter(([at]) => has(at)).map(([at, value]) => set(at, value));
}

/** The matrix ApplicationSet with one mistake each, deep in generators' templates and in its own template. */
function deepMistakes(): Array<Record<string, any>> {
  const mistake = (change: (spec: Record<string, any>) => void) => {
    const object = applicationSets()[1];
    change(object.spec);
    return object;
  };
  return [
    mistake((spec) => { spec.generators[0].matrix.generators[0].git.template.spec.source.pathh = 'x'; }),
    mistake((spec) => { spec.generators[0].matrix.generators[1].list.template.spec.syncPolicy.retry.limit = 'ten'; }),
    mistake((spec) => { spec.generators[0].matrix.generators[1].list.template.spec.source.kustomize.replicas[0].count = true; }),
    mistake((spec) => { delete spec.generators[1].merge.generators[0].clusters.template.spec.project; }),
    mistake((spec) => { spec.template.spec.source.kustomize.replicas[0].zz = 1; }),
  ];
}

describe('precompiled validators', () => {
  let precompiled: SchemaStore;
  let runtime: SchemaStore;
  // Compiles the schemas as written: what the hoisted ones must agree with.
  let plain: SchemaStore;

  beforeAll(() => {
    const { written, tooLarge } = precompileValidators({ outDir: OUT, schemaDir: SCHEMAS, kinds: KINDS, formatsModule: path.join(ROOT, 'src', 'validation', 'schema-formats') });
    expect({ written: written.length, tooLarge }).toEqual({ written: KINDS.length, tooLarge: [] });
    precompiled = new SchemaStore(SCHEMAS, { precompiledDir: OUT });
    runtime = new SchemaStore(SCHEMAS);
    plain = new SchemaStore(SCHEMAS, { hoistRepeats: false });
  });
  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

  test('the store loads the generated code for the kinds generated, and compiles the others', () => {
    for (const [apiVersion, kind] of KINDS) {
      // A run-time compiled function carries its schema; Ajv's standalone code does not.
      expect({ kind, schema: (precompiled.validatorFor(apiVersion, kind) as any).schema }).toEqual({ kind, schema: undefined });
      expect({ kind, schema: typeof (runtime.validatorFor(apiVersion, kind) as any).schema }).toEqual({ kind, schema: 'object' });
    }
    expect(typeof (precompiled.validatorFor('v1', 'ConfigMap') as any).schema).toBe('object');
    expect(precompiled.validatorFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(precompiled.validatorFor('kubevirt.io/v2', 'VirtualMachine')).toBeUndefined();
  });

  test('the Pod-template kinds share one module, which holds the PodSpec code once', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const index: PrecompiledIndex = require(path.join(OUT, PRECOMPILED_INDEX_FILE));
    expect([index.kinds['apps/v1/deployment'], index.kinds['batch/v1/job']]).toEqual([
      { source: 'kubernetes', module: 'core_pod-templates.js', export: 'apps/v1/deployment' },
      { source: 'kubernetes', module: 'core_pod-templates.js', export: 'batch/v1/job' },
    ]);
    const alone = `${OUT}-alone`;
    try {
      const { written } = precompileValidators({ outDir: alone, schemaDir: SCHEMAS, kinds: [['batch/v1', 'Job']], formatsModule: path.join(ROOT, 'src', 'validation', 'schema-formats') });
      const shared = fs.statSync(path.join(OUT, 'core_pod-templates.js')).size;
      // Deployment adds its own fields only: well under a second copy of the PodSpec code.
      expect(shared).toBeLessThan(1.2 * written[0].bytes);
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });

  test('the index knows every kind the schemas know, with the same source', () => {
    const known = runtime.knownKinds();
    expect(known.length).toBeGreaterThan(150);
    const [apiVersion, kind] = CORE_KINDS[0];
    expect(precompiled.sourceOf(apiVersion, kind)).toBe(runtime.sourceOf(apiVersion, kind));
    for (const { key, apiVersion: v, kind: k, source } of known) {
      expect({ key, source: precompiled.sourceOf(v, k) }).toEqual({ key, source });
    }
  });

  test('valid and broken objects get the same errors from both', () => {
    const valid = samples();
    expect(new Set(valid.map((o) => o.kind))).toEqual(new Set(KINDS.map(([, kind]) => kind)));
    const objects = [...valid, ...valid.flatMap(brokenCopies), ...valid.flatMap(valueMistakes)];
    const keywords = new Set<string>();
    for (const object of objects) {
      const a = runtime.validatorFor(object.apiVersion, object.kind)!;
      const b = precompiled.validatorFor(object.apiVersion, object.kind)!;
      const errorsA = a(object) ? null : a.errors;
      const errorsB = b(object) ? null : b.errors;
      expect(errorsB).toEqual(errorsA);
      for (const error of errorsA ?? []) keywords.add(error.keyword);
    }
    // The samples reach every kind of check the schemas make.
    expect([...keywords].sort()).toEqual(expect.arrayContaining(['additionalProperties', 'anyOf', 'enum', 'format', 'pattern', 'required', 'type']));
    expect(validateManifests(valid, { store: precompiled })).toEqual(validateManifests(valid, { store: runtime }));
    expect(validateManifests(objects, { store: precompiled })).toEqual(validateManifests(objects, { store: runtime }));
  });

  test('hoisting the repeated subschemas changes no issue, and no error but its schemaPath', () => {
    const valid = samples();
    const objects = [...valid, ...valid.flatMap(brokenCopies), ...valid.flatMap(valueMistakes), ...deepMistakes()];
    const withoutSchemaPath = (errors: ErrorObject[] | null | undefined) => errors?.map(({ schemaPath, ...rest }) => rest) ?? null;
    let movedErrors = 0;
    for (const object of objects) {
      const a = plain.validatorFor(object.apiVersion, object.kind)!;
      const b = runtime.validatorFor(object.apiVersion, object.kind)!;
      const errorsA = a(object) ? null : a.errors;
      const errorsB = b(object) ? null : b.errors;
      expect(withoutSchemaPath(errorsB)).toEqual(withoutSchemaPath(errorsA));
      movedErrors += (errorsB ?? []).filter((e, i) => e.schemaPath !== errorsA![i].schemaPath).length;
    }
    expect(validateManifests(objects, { store: runtime })).toEqual(validateManifests(objects, { store: plain }));
    // The comparison is not idle: the ApplicationSet's template is hoisted, and errors come from it.
    const hoisted = Object.keys((runtime.validatorFor('argoproj.io/v1alpha1', 'ApplicationSet') as any).schema.definitions);
    expect(hoisted.filter((name) => name.startsWith(HOISTED_PREFIX)).length).toBeGreaterThan(5);
    expect(movedErrors).toBeGreaterThan(100);
  });

  test('a mistake deep in a matrix or merge generator\'s template is reported by the precompiled code as before', () => {
    const issues = (store: SchemaStore) => validateManifests(deepMistakes(), { store }).issues.map(formatManifestIssue);
    const expected = [
      `ApplicationSet argocd/matrix (#0) spec.generators[0].matrix.generators[0].git.template.spec.source.pathh: ${UNKNOWN_FIELD}`,
      'ApplicationSet argocd/matrix (#1) spec.generators[0].matrix.generators[1].list.template.spec.syncPolicy.retry.limit: must be integer',
      'ApplicationSet argocd/matrix (#2) spec.generators[0].matrix.generators[1].list.template.spec.source.kustomize.replicas[0].count: must be integer or string',
      'ApplicationSet argocd/matrix (#3) spec.generators[1].merge.generators[0].clusters.template.spec.project: required field is missing',
      `ApplicationSet argocd/matrix (#4) spec.template.spec.source.kustomize.replicas[0].zz: ${UNKNOWN_FIELD}`,
    ];
    expect(issues(precompiled)).toEqual(expected);
    expect(issues(plain)).toEqual(expected);
  });

  test('validators generated by another Ajv version are not used', () => {
    const other = `${OUT}-other-ajv`;
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, PRECOMPILED_INDEX_FILE), 'module.exports = { ajvVersion: "0.0.0", kinds: {} };\n');
    try {
      expect(PrecompiledValidators.load(other)).toBeUndefined();
      expect(PrecompiledValidators.load(OUT)).toBeInstanceOf(PrecompiledValidators);
      expect(PrecompiledValidators.load(path.join(OUT, 'missing'))).toBeUndefined();
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
