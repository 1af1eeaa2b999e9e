/**
 * Generates the schema validators at build time, so that a synth loads code instead of
 * compiling JSON schemas with Ajv: one CommonJS module per kind (Ajv's standalone code, from the
 * same SchemaStore and Ajv options the run-time path uses), and an index module listing every kind
 * the schemas know. The older target releases (schemas/releases/kubevirt-v1.x.x) get an index each in a
 * folder of that name, and modules beside the newest's only where their code differs (KubeVirt 1.8 adds
 * 17 modules, 4.6 MB; 1.7 18, 4.9 MB). `npx projen compile` runs it after tsc:
 *   ts-node scripts/precompile-validators.ts [outDir]   (default lib/src/validation/precompiled)
 */
import * as fs from 'fs';
import * as path from 'path';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { PRECOMPILED_INDEX_FILE, PrecompiledIndex, PrecompiledKind } from '../src/validation/precompiled-validators';
import { SchemaSource, SchemaStore, keyOf, splitApiVersion } from '../src/validation/schema-store';
import { KUBEVIRT_RELEASES, releaseFolderOf } from '../src/validation/validation-target';

const ROOT = path.resolve(__dirname, '..');

/**
 * The core Kubernetes kinds users put next to their VMs. The rest of the Kubernetes definitions
 * stay compiled on first use: few apps hold them, and each module costs package size.
 */
export const CORE_KINDS: ReadonlyArray<readonly [apiVersion: string, kind: string]> = [
  ['v1', 'Namespace'], ['v1', 'Secret'], ['v1', 'ConfigMap'], ['v1', 'Service'], ['v1', 'ServiceAccount'],
  ['v1', 'PersistentVolumeClaim'], ['v1', 'PersistentVolume'], ['v1', 'Pod'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'NetworkPolicy'], ['networking.k8s.io/v1', 'Ingress'],
  ['storage.k8s.io/v1', 'StorageClass'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
];

/**
 * Kinds generated into one module, as one export each: their schemas reach the same Kubernetes
 * definitions (PodTemplateSpec and PodSpec), whose code the module then holds once instead of
 * once per kind (about 0.37 MB each).
 */
export const SHARED_MODULES: Readonly<Record<string, ReadonlyArray<readonly [apiVersion: string, kind: string]>>> = {
  'core_pod-templates.js': [
    ['v1', 'Pod'], ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ],
};

/** Options of `precompileValidators`. */
export interface PrecompileOptions {
  /** The folder the modules and their index are written to; emptied first. */
  readonly outDir: string;
  /**
   * How the generated code `require`s src/validation/schema-formats from outDir.
   * @default '../schema-formats' (lib/src/validation/precompiled -> lib/src/validation)
   */
  readonly formatsModule?: string;
  /**
   * The schemas folder.
   * @default the repository's schemas/
   */
  readonly schemaDir?: string;
  /**
   * The kinds to generate, as [apiVersion, kind].
   * @default every kind of schemas/json and schemas/crds, and CORE_KINDS
   */
  readonly kinds?: ReadonlyArray<readonly [string, string]>;
  /**
   * A kind whose code is larger is left to run-time compilation.
   * @default 2 MB
   */
  readonly maxModuleBytes?: number;
  /**
   * An older release (schemas/releases/<name>): its modules are written beside outDir's, named
   * `<name>_<module>`, unless one of `modules` holds the same code; its index goes to outDir/<name>/.
   * @default - the newest release: outDir is emptied first
   */
  readonly release?: { readonly name: string; readonly releaseDir: string; readonly modules: ReadonlyMap<string, string> };
}

/** What `precompileValidators` wrote, and what it left to run-time compilation. */
export interface PrecompileResult {
  /** Each kind generated, with its module and that module's size (a shared module's whole size for each of its kinds). */
  readonly written: ReadonlyArray<{ readonly key: string; readonly module: string; readonly bytes: number }>;
  readonly tooLarge: ReadonlyArray<{ readonly key: string; readonly bytes: number }>;
  /** Every module written so far, by its code (numbering left out): what a later release may reuse. */
  readonly modules: ReadonlyMap<string, string>;
}

/** `cdi.kubevirt.io_v1beta1_datavolume.js`; the core group is `core`. */
function moduleFileName(apiVersion: string, kind: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return `${group === '' ? 'core' : group}_${version}_${kind.toLowerCase()}.js`;
}

type KnownKind = ReturnType<SchemaStore['knownKinds']>[number];

/** One generated module: a kind alone (its validator is the module), or the wanted kinds of a shared module (one export each). */
interface ModulePlan {
  readonly file: string;
  readonly kinds: readonly KnownKind[];
  readonly shared: boolean;
}

/** The modules to write: each shared module with the wanted kinds it lists, every other wanted kind alone. */
function modulePlans(known: readonly KnownKind[], wanted: ReadonlySet<string>): ModulePlan[] {
  const byKey = new Map(known.filter((k) => wanted.has(k.key)).map((k) => [k.key, k]));
  const plans: ModulePlan[] = [];
  for (const [file, members] of Object.entries(SHARED_MODULES)) {
    const kinds = members.map(([apiVersion, kind]) => byKey.get(keyOf(apiVersion, kind))).filter((k): k is KnownKind => k !== undefined);
    kinds.forEach((k) => byKey.delete(k.key));
    if (kinds.length > 0) plans.push({ file, kinds, shared: true });
  }
  for (const k of byKey.values()) plans.push({ file: moduleFileName(k.apiVersion, k.kind), kinds: [k], shared: false });
  return plans;
}

/** Ajv's standalone code of a plan: the validator itself, or an object of validators by the store's key. */
function moduleCode(store: SchemaStore, plan: ModulePlan): string {
  const validators = new Map(plan.kinds.map((k) => [k.key, store.validatorFor(k.apiVersion, k.kind)!]));
  const code = plan.shared
    // standaloneCode finds each export with getSchema(id); the store compiled these kinds without
    // ids, so an Ajv derived from the store's answers with the functions it compiled.
    ? standaloneCode(Object.create(store.compiler(), { getSchema: { value: (key: string) => validators.get(key) } }),
      Object.fromEntries(plan.kinds.map((k) => [k.key, k.key])))
    : standaloneCode(store.compiler(), validators.get(plan.kinds[0].key)!);
  return `// Generated by scripts/precompile-validators.ts (Ajv standalone code); do not edit.\n${code}\n`;
}

/** Standalone code with Ajv's numbered names (validate12, schema3, pattern7...) renumbered in order of appearance. */
function withoutNumbering(code: string): string {
  const names = new Map<string, string>();
  return code.replace(/\b(validate|schema|pattern|func|formats|wrapper)(\d+)\b/g, (name, prefix: string) => {
    if (!names.has(name)) names.set(name, `${prefix}#${names.size}`);
    return names.get(name)!;
  });
}

/** The kinds to generate: those asked for, or every kind but the core Kubernetes ones outside CORE_KINDS. */
function wantedKeys(options: PrecompileOptions, known: readonly KnownKind[]): Set<string> {
  const wanted = new Set(options.kinds
    ? options.kinds.map(([apiVersion, kind]) => keyOf(apiVersion, kind))
    : [...known.filter((k) => k.source !== SchemaSource.KUBERNETES).map((k) => k.key), ...CORE_KINDS.map(([a, k]) => keyOf(a, k))]);
  const unknown = [...wanted].filter((key) => !known.some((k) => k.key === key));
  if (unknown.length > 0) throw new Error(`precompile-validators: no schema for ${unknown.join(', ')}; fix the kind list`);
  return wanted;
}

/** Writes one standalone validator module per kind (or shared module) and their index into `options.outDir`. */
export function precompileValidators(options: PrecompileOptions): PrecompileResult {
  const formatsModule = options.formatsModule ?? '../schema-formats';
  const release = options.release;
  // The same store and Ajv options as at run time, with the code kept: the generated functions are
  // the ones run-time compilation would build, formats taken from the one module both use.
  const store = new SchemaStore(options.schemaDir ?? path.join(ROOT, 'schemas'), {
    code: { source: true, formats: _`require(${formatsModule}).KUBERNETES_FORMATS` },
    dropDescriptions: true,
    releaseDir: release?.releaseDir,
  });
  const known = store.knownKinds();
  const wanted = wantedKeys(options, known);
  // A release's index sits in a folder of its own; its modules sit beside the newest's, so they share one schema-formats path.
  const indexDir = release ? path.join(options.outDir, release.name) : options.outDir;
  if (!release) fs.rmSync(options.outDir, { recursive: true, force: true });
  fs.mkdirSync(indexDir, { recursive: true });
  const kinds: Record<string, PrecompiledKind> = Object.fromEntries(known.map((k) => [k.key, { source: k.source }]));
  const written: Array<{ key: string; module: string; bytes: number }> = [];
  const tooLarge: Array<{ key: string; bytes: number }> = [];
  // KubeVirt serves one schema under several versions (kubevirt.io v1 and v1alpha3, pool v1alpha1 and
  // v1beta1...), and releases share most kinds: a plan whose code a module already holds, up to Ajv's
  // numbering of its module-local names, reuses that module.
  const moduleOfCode = new Map(release?.modules ?? []);
  for (const plan of modulePlans(known, wanted)) {
    const code = moduleCode(store, plan);
    const bytes = Buffer.byteLength(code);
    if (bytes > (options.maxModuleBytes ?? 2_000_000)) {
      tooLarge.push(...plan.kinds.map((k) => ({ key: k.key, bytes })));
      continue;
    }
    const file = moduleOfCode.get(withoutNumbering(code)) ?? (release ? `${release.name}_${plan.file}` : plan.file);
    if (!moduleOfCode.has(withoutNumbering(code))) {
      moduleOfCode.set(withoutNumbering(code), file);
      fs.writeFileSync(path.join(options.outDir, file), code);
    }
    const module = release ? `../${file}` : file;
    for (const k of plan.kinds) {
      kinds[k.key] = plan.shared ? { source: k.source, module, export: k.key } : { source: k.source, module };
      written.push({ key: k.key, module: file, bytes });
    }
  }
  const ajvVersion: string = JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')).version;
  const index: PrecompiledIndex = { ajvVersion, kinds };
  fs.writeFileSync(path.join(indexDir, PRECOMPILED_INDEX_FILE),
    `// Generated by scripts/precompile-validators.ts; do not edit.\nmodule.exports = ${JSON.stringify(index, null, 1)};\n`);
  return { written, tooLarge, modules: moduleOfCode };
}

/** The newest release's validators into `outDir`, then each older target release's beside them (sharing every module they can). */
function precompileAll(outDir: string): PrecompileResult[] {
  const newest = precompileValidators({ outDir });
  const results = [newest];
  let modules = newest.modules;
  for (const release of KUBEVIRT_RELEASES.slice(1)) {
    const folder = releaseFolderOf(release);
    const result = precompileValidators({ outDir, release: { name: path.basename(folder), releaseDir: path.join(ROOT, 'schemas', folder), modules } });
    modules = result.modules;
    results.push(result);
  }
  return results;
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'lib', 'src', 'validation', 'precompiled'));
  if (!fs.existsSync(path.join(outDir, '..', 'schema-formats.js'))) {
    throw new Error(`precompile-validators: ${path.join(outDir, '..', 'schema-formats.js')} is missing: run tsc (npx projen compile) first`);
  }
  const started = Date.now();
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const seen = new Set<string>();
  precompileAll(outDir).forEach(({ written, tooLarge }, position) => {
    const modules = new Map(written.filter((w) => !seen.has(w.module)).map((w) => [w.module, w.bytes]));
    written.forEach((w) => seen.add(w.module));
    const release = `KubeVirt ${KUBEVIRT_RELEASES[position]}`;
    console.error(`precompile-validators: ${release}: ${written.length} kinds, ${modules.size} new modules (${mb([...modules.values()].reduce((s, b) => s + b, 0))}) in ${outDir}`);
    for (const { key, bytes } of tooLarge) console.error(`  left to run-time compilation (${mb(bytes)}): ${key}`);
  });
  console.error(`precompile-validators: ${seen.size} modules in ${Date.now() - started} ms`);
}
