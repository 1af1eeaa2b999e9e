import * as fs from 'fs';
import * as path from 'path';
import type { default as Ajv, CodeOptions, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { PrecompiledValidators } from './precompiled-validators';
import { hoistLargeSubschemas } from './schema-dedupe';
import { KUBERNETES_FORMATS } from './schema-formats';
import { KUBEVIRT_RELEASES, KubeVirtRelease, ValidationTarget, kubevirtReleaseOf, releaseFolderOf } from './validation-target';

/** Where a kind's schema comes from, most trusted first. */
export enum SchemaSource {
  /** Kubernetes 1.32 core definitions (schemas/k8s). */
  KUBERNETES = 'kubernetes',
  /** Strict kubeconform-style JSON Schema (schemas/json). */
  STRICT_JSON = 'strict-json',
  /** The `openAPIV3Schema` of a CRD (schemas/crds), made strict the same way. */
  CRD = 'crd',
}

interface SchemaEntry {
  readonly source: SchemaSource;
  readonly load: () => object;
}

const OBJECT_META_REF = 'k8s#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The file of a release folder (schemas/ or schemas/releases/kubevirt-v1.x.x/) that lists the versions it serves. */
const SERVED_VERSIONS_FILE = 'served-versions.json';

/** One version of a kind, with its CRD's flags (scripts/schemas-from-upstream.ts reads them at the release tags). */
export interface ServedVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
}

/** A release folder's served-versions.json: the release set, and each KubeVirt, CDI and HCO kind's versions by `group/Kind`. */
export interface ServedVersions {
  readonly release: { readonly kubevirt: string; readonly cdi: string; readonly hco: string };
  readonly kinds: Readonly<Record<string, { readonly project: 'kubevirt' | 'cdi' | 'hco'; readonly versions: readonly ServedVersion[] }>>;
}

/** Finds the package's schemas/ folder from src/ (ts-node, jest) and lib/src/ (compiled) alike. */
function findSchemaDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'schemas', 'k8s');
    if (fs.existsSync(candidate)) return path.join(dir, 'schemas');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`kubevirt-constructs: no schemas/ folder above ${__dirname}; the package is incomplete`);
    dir = parent;
  }
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind.toLowerCase()}`;
}

/** Splits an apiVersion ("kubevirt.io/v1", "v1") into group and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Rewrites a schema in place so unknown fields are errors, as kubeconform's strict mode and the
 * API server's pruning see them: every node that lists `properties` (and does not opt out with
 * `x-kubernetes-preserve-unknown-fields`) gets `additionalProperties: false`. Kubernetes
 * extensions that JSON Schema lacks become their JSON Schema equivalents.
 */
export function tightenSchema(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tightenSchema);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, any>;
  if (schema['x-kubernetes-int-or-string'] === true && !schema.anyOf && !schema.oneOf) {
    delete schema.type;
    schema.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema.nullable === true && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  }
  if (schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties)
      && schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    schema.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      for (const child of Object.values(value as object)) tightenSchema(child);
    } else if (key !== 'enum' && key !== 'default' && key !== 'example' && key !== 'required') {
      tightenSchema(value);
    }
  }
}

/**
 * Deletes the `description` of every schema node in place. No error object holds a description
 * (Ajv's `verbose` is off), but standalone code embeds the schemas it reads enum values from:
 * the generator drops them, a fifth of the modules' size.
 */
function dropDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(dropDescriptions);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, any>;
  if (typeof schema.description === 'string') delete schema.description;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      for (const child of Object.values(value as object)) dropDescriptions(child);
    } else if (key !== 'enum' && key !== 'default' && key !== 'example' && key !== 'required' && key !== 'const') {
      dropDescriptions(value);
    }
  }
}

/** A root object schema whose metadata is checked as a real ObjectMeta. */
function asRootSchema(schema: Record<string, any>): object {
  tightenSchema(schema);
  schema.properties = { ...schema.properties, metadata: { $ref: OBJECT_META_REF } };
  schema.additionalProperties = false;
  schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind'])];
  return schema;
}

/** Options of a `SchemaStore`. */
export interface SchemaStoreOptions {
  /**
   * A release folder (schemas/releases/kubevirt-v1.8.x) whose json/ groups, crds/ files and
   * served-versions.json take the place of the schemas folder's: an older KubeVirt, CDI and HCO
   * release over the same core Kubernetes, Multus, OLM and other schemas.
   * @default - none: the schemas folder's own release (the newest)
   */
  readonly releaseDir?: string;
  /**
   * A folder of validators that scripts/precompile-validators.ts generated from the same
   * schemas folder; kinds it holds are not compiled at run time.
   * @default - none: every kind is compiled on first use
   */
  readonly precompiledDir?: string;
  /**
   * Ajv's code options (the generator asks for the source of what is compiled).
   * @default - Ajv's defaults
   */
  readonly code?: CodeOptions;
  /**
   * Drop the schemas' descriptions before compiling (the generator: the code embeds schemas).
   * @default false
   */
  readonly dropDescriptions?: boolean;
  /**
   * Compile each large subschema a kind's schema repeats once (`hoistLargeSubschemas`), and
   * keep every `$ref` a function of its own; false compiles the schemas as written (tests compare both).
   * @default true
   */
  readonly hoistRepeats?: boolean;
}

/**
 * The store's key of a kind: `group/version/kind`, the kind in lower case.
 * @internal
 */
export function keyOf(apiVersion: string, kind: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return gvkKey(group, version, kind);
}

/**
 * The vendored upstream schemas, indexed by group/version/kind and compiled on first use, or
 * loaded precompiled when the build generated them (lib/src/validation/precompiled/).
 * One instance is shared by the whole process (see `SchemaStore.default()`).
 */
export class SchemaStore {
  /** The shared store over this package's schemas/ folder, with the validators the build generated. */
  public static default(): SchemaStore {
    if (!SchemaStore._default) {
      SchemaStore._default = new SchemaStore(findSchemaDir(), { precompiledDir: path.join(__dirname, 'precompiled') });
    }
    return SchemaStore._default;
  }

  /**
   * The shared store of a target's release: the default store for the newest; an older release's
   * schemas over the same folder, with the validators the build generated for it if any (else
   * each kind compiles on first use).
   */
  public static forTarget(target?: ValidationTarget): SchemaStore {
    const release = kubevirtReleaseOf(target);
    if (release === KUBEVIRT_RELEASES[0]) return SchemaStore.default();
    let store = SchemaStore.byRelease.get(release);
    if (!store) {
      const folder = releaseFolderOf(release);
      store = new SchemaStore(findSchemaDir(), {
        releaseDir: path.join(findSchemaDir(), folder),
        precompiledDir: path.join(__dirname, 'precompiled', path.basename(folder)),
      });
      SchemaStore.byRelease.set(release, store);
    }
    return store;
  }

  private static _default?: SchemaStore;
  private static readonly byRelease = new Map<KubeVirtRelease, SchemaStore>();

  private readonly precompiled?: PrecompiledValidators;
  private readonly entries = new Map<string, SchemaEntry>();
  private readonly compiled = new Map<string, ValidateFunction>();
  // Created with the schema index on first run-time compilation: a store that only loads
  // precompiled validators never reads a schema.
  private ajv?: Ajv;
  private crdsIndexed = false;
  private served?: ServedVersions | null;

  constructor(private readonly schemaDir: string, private readonly options: SchemaStoreOptions = {}) {
    this.precompiled = options.precompiledDir === undefined ? undefined : PrecompiledValidators.load(options.precompiledDir);
  }

  /** The served-versions.json of the store's release, or undefined when its folder has none. */
  public servedVersions(): ServedVersions | undefined {
    if (this.served === undefined) {
      const file = path.join(this.options.releaseDir ?? this.schemaDir, SERVED_VERSIONS_FILE);
      this.served = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
    }
    return this.served ?? undefined;
  }

  /** Which schema validates this kind, or undefined when none is vendored. */
  public sourceOf(apiVersion: string, kind: string): SchemaSource | undefined {
    const key = keyOf(apiVersion, kind);
    return this.precompiled ? this.precompiled.sourceOf(key) as SchemaSource | undefined : this.entry(key)?.source;
  }

  /** The compiled validator for a kind, or undefined when no schema is vendored for it. */
  public validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = keyOf(apiVersion, kind);
    const cached = this.compiled.get(key);
    if (cached) return cached;
    // The index lists every kind the schemas know: one it lacks has no schema.
    if (this.precompiled && !this.precompiled.knows(key)) return undefined;
    const validate = this.precompiled?.validatorFor(key) ?? this.compile(key);
    if (validate) this.compiled.set(key, validate);
    return validate;
  }

  /**
   * Every kind the schemas know, with its key and source (for the generator); `kind` is in lower case.
   * @internal
   */
  public knownKinds(): Array<{ readonly key: string; readonly apiVersion: string; readonly kind: string; readonly source: SchemaSource }> {
    this.compiler();
    if (!this.crdsIndexed) this.indexCrds();
    return [...this.entries].map(([key, entry]) => {
      const [group, version, kind] = [key.slice(0, key.lastIndexOf('/', key.lastIndexOf('/') - 1)), ...key.split('/').slice(-2)];
      return { key, apiVersion: group === '' ? version : `${group}/${version}`, kind, source: entry.source };
    });
  }

  /**
   * The Ajv that compiles the kinds, with the Kubernetes definitions added and the schemas indexed
   * (the generator reads the standalone code of what it compiled).
   * @internal
   */
  public compiler(): Ajv {
    if (this.ajv) return this.ajv;
    // Ajv's compiler loads here, not with the library: precompiled validators need only its small
    // runtime modules, and a synth that compiles nothing saves its 0.7 MiB of heap.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvCompiler: typeof Ajv = require('ajv').default;
    this.ajv = new AjvCompiler({
      allErrors: true,
      strict: false,
      code: this.options.code,
      // Ajv inlines a $ref to a schema without refs of its own at every use: a hoisted subschema
      // would be copied back into each place it was taken from.
      inlineRefs: this.options.hoistRepeats === false,
      // Only KUBERNETES_FORMATS are checked; other formats are documentation.
      logger: { log: () => undefined, warn: () => undefined, error: console.error },
    });
    for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) this.ajv.addFormat(name, format);
    this.indexKubernetes(this.ajv);
    this.indexStrictJson();
    return this.ajv;
  }

  private compile(key: string): ValidateFunction | undefined {
    const entry = this.entry(key);
    return entry ? this.compiler().compile(entry.load()) : undefined;
  }

  private prepared<T extends object>(schema: T): T {
    if (this.options.dropDescriptions) dropDescriptions(schema);
    return schema;
  }

  /** A kind's root schema, ready to compile: descriptions dropped if asked, then repeats hoisted. */
  private rootSchema(schema: Record<string, any>): object {
    const root = this.prepared(asRootSchema(schema));
    return this.options.hoistRepeats === false ? root : hoistLargeSubschemas(root);
  }

  private entry(key: string): SchemaEntry | undefined {
    this.compiler();
    if (!this.entries.has(key) && !this.crdsIndexed) this.indexCrds();
    return this.entries.get(key);
  }

  private indexKubernetes(ajv: Ajv): void {
    const file = path.join(this.schemaDir, 'k8s', 'v1.32.0_definitions.json');
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [name, definition] of Object.entries<any>(document.definitions)) {
      const gvks: Array<{ group: string; version: string; kind: string }> = definition['x-kubernetes-group-version-kind'] ?? [];
      // Definitions shared by many kinds (DeleteOptions, WatchEvent) are not objects anyone applies.
      if (gvks.length !== 1) continue;
      const { group, version, kind } = gvks[0];
      this.entries.set(gvkKey(group, version, kind), {
        source: SchemaSource.KUBERNETES,
        load: () => ({ $ref: `k8s#/definitions/${name}` }),
      });
    }
    tightenSchema(document);
    this.prepared(document);
    // ObjectMeta and the core kinds are reached by $ref into this one document.
    ajv.addSchema({ definitions: document.definitions }, 'k8s');
  }

  /**
   * The API groups a release folder decides: those of its json/ and every group the schemas folder's
   * own release lists in served-versions.json (KubeVirt's, CDI's, HCO's), so a group an older
   * release lacks (backup.kubevirt.io before 1.8) has no schema there. Empty without a release folder.
   */
  private releaseGroups(): { readonly decided: ReadonlySet<string>; readonly held: ReadonlySet<string> } {
    if (this.options.releaseDir === undefined) return { decided: new Set(), held: new Set() };
    const dir = path.join(this.options.releaseDir, 'json');
    const held = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
    const newest = path.join(this.schemaDir, SERVED_VERSIONS_FILE);
    const listed: string[] = fs.existsSync(newest)
      ? Object.keys((JSON.parse(fs.readFileSync(newest, 'utf8')) as ServedVersions).kinds).map((key) => key.slice(0, key.lastIndexOf('/')))
      : [];
    return { decided: new Set([...held, ...listed]), held };
  }

  private indexStrictJson(): void {
    const root = path.join(this.schemaDir, 'json');
    const { decided, held } = this.releaseGroups();
    const groups = new Set([...fs.readdirSync(root), ...held]);
    for (const group of [...groups].sort()) {
      if (decided.has(group) && !held.has(group)) continue;
      const groupDir = path.join(held.has(group) ? path.join(this.options.releaseDir!, 'json') : root, group);
      for (const file of fs.readdirSync(groupDir).sort()) {
        const match = /^(.+)_([^_]+)\.json$/.exec(file);
        if (!match) continue;
        const [, kindLower, version] = match;
        const full = path.join(groupDir, file);
        this.entries.set(gvkKey(group, version, kindLower), {
          source: SchemaSource.STRICT_JSON,
          load: () => this.rootSchema(JSON.parse(fs.readFileSync(full, 'utf8'))),
        });
      }
    }
  }

  /** CRDs are parsed only when a kind is not covered by the faster JSON files. */
  private indexCrds(): void {
    this.crdsIndexed = true;
    for (const file of this.crdFiles()) {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const crd = doc.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions ?? []) {
          const key = gvkKey(crd.spec.group, version.name, crd.spec.names.kind);
          if (this.entries.has(key) || !version.schema?.openAPIV3Schema) continue;
          const schema = version.schema.openAPIV3Schema;
          this.entries.set(key, {
            source: SchemaSource.CRD,
            load: () => this.rootSchema(structuredClone(schema)),
          });
        }
      }
    }
  }

  /**
   * The CRD files, a release folder's in place of the same name; the `catalog_<group>_*` wrappers of a
   * group the release folder replaces are left out (they would bring back versions it does not serve).
   */
  private crdFiles(): string[] {
    const root = path.join(this.schemaDir, 'crds');
    const releaseCrds = this.options.releaseDir === undefined ? undefined : path.join(this.options.releaseDir, 'crds');
    const released = this.releaseGroups().decided;
    const own = releaseCrds !== undefined && fs.existsSync(releaseCrds) ? fs.readdirSync(releaseCrds).filter((f) => f.endsWith('.yaml')) : [];
    const base = fs.readdirSync(root).filter((f) => f.endsWith('.yaml') && !own.includes(f))
      .filter((f) => !released.has(/^catalog_(.+)_[^_]+_[^_]+\.crd\.yaml$/.exec(f)?.[1] ?? ''));
    return [...base.map((f) => path.join(root, f)), ...own.map((f) => path.join(releaseCrds!, f))]
      .sort((a, b) => (path.basename(a) < path.basename(b) ? -1 : 1));
  }
}
