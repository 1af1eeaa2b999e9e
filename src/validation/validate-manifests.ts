import { ErrorObject, ValidateFunction } from 'ajv';
import { SchemaSource, SchemaStore } from './schema-store';
import { ValidationTarget } from './validation-target';

/** One problem found in one manifest object. */
export interface ManifestIssue {
  /** Position of the object in the list that was validated. */
  readonly index: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Field path inside the object, e.g. `spec.template.spec.domain.devices.disks[0].bootOrder`. */
  readonly path: string;
  readonly message: string;
  /** Set when the object's kind has no vendored schema, so it was not checked. */
  readonly unknownKind?: boolean;
}

/** The outcome of `validateManifests`. */
export interface ManifestValidationResult {
  readonly valid: boolean;
  readonly issues: ManifestIssue[];
  /** How many objects were checked against each schema source. */
  readonly checkedBySource: Readonly<Record<SchemaSource, number>>;
}

/** Options for `validateManifests`. */
export interface ValidateManifestsOptions {
  /**
   * The schemas to validate against.
   * @default - the upstream schemas shipped with this package, of `target`'s release
   */
  readonly store?: SchemaStore;
  /**
   * The release to judge against, when `store` is left out.
   * @default - the newest stable release (KubeVirt 1.9)
   */
  readonly target?: ValidationTarget;
}

/** `/spec/disks/0/name` -> `spec.disks[0].name`; keys with dots or slashes are bracketed. */
function toFieldPath(pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : out;
}

function describe(error: ErrorObject): { path: string; message: string } {
  const p = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: toFieldPath(error.instancePath, p.additionalProperty), message: 'unknown field (not in the schema: misspelled or misplaced?)' };
    case 'required':
      return { path: toFieldPath(error.instancePath, p.missingProperty), message: 'required field is missing' };
    case 'enum':
      return { path: toFieldPath(error.instancePath), message: `must be one of ${p.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { path: toFieldPath(error.instancePath), message: `must be ${[p.type].flat().join(' or ')}` };
    case 'pattern':
      return { path: toFieldPath(error.instancePath), message: `must match ${p.pattern}` };
    default:
      return { path: toFieldPath(error.instancePath), message: error.message ?? error.keyword };
  }
}

/**
 * ajv reports an int-or-string mismatch three times (integer, string, anyOf); keep the anyOf
 * error and say which types it allows.
 */
function condense(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const covered = (e: ErrorObject) => unions.some((u) => u !== e && e.instancePath === u.instancePath
    && e.schemaPath.startsWith(u.schemaPath.replace(/\/(anyOf|oneOf)$/, '')));
  return errors
    .filter((e) => !covered(e))
    .map((e) => {
      if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') return e;
      const types = errors
        .filter((t) => t.keyword === 'type' && t.instancePath === e.instancePath && t.schemaPath.startsWith(e.schemaPath))
        .map((t) => (t.params as any).type);
      return types.length > 0 ? { ...e, keyword: 'type', params: { type: types } } : e;
    });
}

/** A kind's validator and schema source, as the store answers for it. */
interface KindSchema {
  readonly validate?: ValidateFunction;
  readonly source?: SchemaSource;
}

/**
 * The store's answers by apiVersion and kind, asked once per kind in one call: a fleet repeats a
 * handful of kinds tens of thousands of times, and each store lookup builds its key string.
 */
class KindSchemas {
  private readonly byApiVersion = new Map<string, Map<string, KindSchema>>();

  public constructor(private readonly store: SchemaStore) {}

  public of(apiVersion: string, kind: string): KindSchema {
    let byKind = this.byApiVersion.get(apiVersion);
    if (!byKind) this.byApiVersion.set(apiVersion, byKind = new Map());
    let schema = byKind.get(kind);
    if (!schema) {
      const validate = this.store.validatorFor(apiVersion, kind);
      schema = { validate, source: validate ? this.store.sourceOf(apiVersion, kind) : undefined };
      byKind.set(kind, schema);
    }
    return schema;
  }
}

/** What an issue says of the object it is about (built only for an object with issues). */
function where(index: number, obj: Record<string, any>): Omit<ManifestIssue, 'path' | 'message'> {
  return { index, apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name, namespace: obj.metadata?.namespace };
}

/** The issues of one object (none when it is valid). */
function objectIssues(object: unknown, index: number, schemas: KindSchemas, checked: Record<SchemaSource, number>, issues: ManifestIssue[]): void {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    issues.push({ index, path: '(root)', message: 'is not an object' });
    return;
  }
  const obj = object as Record<string, any>;
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    issues.push({ ...where(index, obj), path: typeof apiVersion !== 'string' ? 'apiVersion' : 'kind', message: 'required field is missing' });
    return;
  }
  const { validate, source } = schemas.of(apiVersion, kind);
  if (!validate) {
    issues.push({ ...where(index, obj), path: '(root)', unknownKind: true, message: `no schema for ${apiVersion} ${kind}: it is not a kind this package knows, so it cannot be checked` });
    return;
  }
  checked[source!]++;
  if (!validate(obj)) {
    const at = where(index, obj);
    for (const error of condense(validate.errors ?? [])) issues.push({ ...at, ...describe(error) });
  }
}

/**
 * Validates Kubernetes objects against the upstream schemas vendored with this package:
 * core kinds against the Kubernetes 1.32 definitions, KubeVirt, CDI, Multus and OLM kinds
 * against the strict kubeconform-style schemas, HyperConverged, Forklift and OpenShift
 * network kinds against their CRDs' `openAPIV3Schema`. All are made strict: an unknown or
 * misplaced field is an error, and `metadata` is checked as an ObjectMeta.
 *
 * A kind with no vendored schema is reported, never passed silently.
 */
export function validateManifests(objects: readonly unknown[], options: ValidateManifestsOptions = {}): ManifestValidationResult {
  const schemas = new KindSchemas(options.store ?? SchemaStore.forTarget(options.target));
  const issues: ManifestIssue[] = [];
  const checkedBySource: Record<SchemaSource, number> = {
    [SchemaSource.KUBERNETES]: 0, [SchemaSource.STRICT_JSON]: 0, [SchemaSource.CRD]: 0,
  };
  for (let index = 0; index < objects.length; index++) {
    // Holes of a sparse list are skipped, as forEach skips them.
    if (index in objects) objectIssues(objects[index], index, schemas, checkedBySource, issues);
  }
  return { valid: issues.length === 0, issues, checkedBySource };
}

/** One line per issue: `VirtualMachine default/fedora (#0) spec.runStrategy: must be string`. */
export function formatManifestIssue(issue: ManifestIssue): string {
  const name = issue.name === undefined ? '(unnamed)' : issue.namespace ? `${issue.namespace}/${issue.name}` : issue.name;
  return `${issue.kind ?? '(no kind)'} ${name} (#${issue.index}) ${issue.path}: ${issue.message}`;
}

/** Thrown by `assertValidManifests`; carries the issues as data. */
export class ManifestValidationError extends Error {
  constructor(public readonly issues: ManifestIssue[]) {
    super(`${issues.length} schema violation(s):\n  ${issues.map(formatManifestIssue).join('\n  ')}`);
    this.name = 'ManifestValidationError';
  }
}

/** Like `validateManifests`, but throws a `ManifestValidationError` listing every issue. */
export function assertValidManifests(objects: readonly unknown[], options: ValidateManifestsOptions = {}): void {
  const result = validateManifests(objects, options);
  if (!result.valid) throw new ManifestValidationError(result.issues);
}
