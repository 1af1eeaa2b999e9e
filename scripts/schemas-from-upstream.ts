/**
 * Regenerates the vendored KubeVirt, CDI and HyperConverged schemas from the upstream projects'
 * own sources at release tags (`npx projen schemas:upstream`), read from local git mirrors.
 *
 * Why these sources: the API server validates a KubeVirt or CDI object against the
 * `openAPIV3Schema` of the CRD the operator installs. virt-operator builds its CRDs from
 * `pkg/virt-operator/resource/generate/components/validations_generated.go` (one schema per
 * kind, used for every served version; versions, names and scope in `crds.go`), and
 * cdi-operator installs the CRDs held in `pkg/operator/resources/crds_generated.go`. The
 * strict JSON Schemas written here are those schemas with the transform the datreeio
 * CRDs-catalog applied (checked: KubeVirt v1.6.0's validations give the catalog's files byte
 * for byte): `additionalProperties: false` appended to every object node below the root that
 * lists properties and has no `additionalProperties`, nothing else changed (int-or-string,
 * nullable, enums and required lists stay as the CRD writes them).
 *
 * Usage: ts-node scripts/schemas-from-upstream.ts [--kubevirt v1.9.0 --cdi v1.66.0 --hco v1.18.1]
 *        [--out schemas] [--no-wrappers] (json/ and the HCO CRD only, no crds/catalog_* for `cdk8s import`). Mirrors are read from $KUBEVIRT_CONSTRUCTS_MIRRORS
 * (default /work/.mirror), as <mirror>/<owner>+<repo>/repo.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Document, Scalar, parse, visit } from 'yaml';

interface ReleaseSet { readonly kubevirt: string; readonly cdi: string; readonly hco: string }

/** The release set the vendored schemas follow (schemas/README.md says why these belong together). */
const DEFAULT_RELEASES: ReleaseSet = { kubevirt: 'v1.9.0', cdi: 'v1.66.0', hco: 'v1.18.1' };

/**
 * The two previous KubeVirt minors (newest patch) with the CDI and HyperConverged releases the
 * HCO release that ships them names (its hack/config), written to schemas/releases/kubevirt-v<minor>.x/
 * without wrappers, for validating against an older target (src/validation/validation-target.ts).
 */
const PREVIOUS_RELEASES: readonly ReleaseSet[] = [
  { kubevirt: 'v1.8.4', cdi: 'v1.65.0', hco: 'v1.18.1' },
  { kubevirt: 'v1.7.4', cdi: 'v1.64.0', hco: 'v1.17.3' },
];

const MIRROR_ROOT = process.env.KUBEVIRT_CONSTRUCTS_MIRRORS ?? '/work/.mirror';
const KUBEVIRT = 'kubevirt/kubevirt';
const CDI = 'kubevirt/containerized-data-importer';
const HCO = 'kubevirt/hyperconverged-cluster-operator';

const KUBEVIRT_VALIDATIONS = 'pkg/virt-operator/resource/generate/components/validations_generated.go';
const KUBEVIRT_CRDS = 'pkg/virt-operator/resource/generate/components/crds.go';
const KUBEVIRT_CORE_REGISTER = 'staging/src/kubevirt.io/api/core/v1/register.go';
const CDI_CRDS = 'pkg/operator/resources/crds_generated.go';
const HCO_CRD = 'deploy/crds/hco00.crd.yaml';

/**
 * Older versions that src/ still writes: their CRD wrappers are kept (and imported first, so
 * their L1 class keeps its plain name) beside the storage version's. Every other non-storage
 * version gets a JSON Schema for validation only.
 */
const WRITTEN_OLDER_VERSIONS = new Set(['pool.kubevirt.io/VirtualMachinePool/v1alpha1', 'export.kubevirt.io/VirtualMachineExport/v1beta1']);

interface CrdVersion { readonly name: string; readonly served: boolean; readonly storage: boolean; readonly deprecated: boolean }
interface CrdFacts {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly scope: string;
  readonly versions: readonly CrdVersion[];
}
/** One kind's schema as served, with where it came from. */
interface KindSchema { readonly facts: CrdFacts; readonly schemas: ReadonlyMap<string, object>; readonly source: string }

function fail(message: string): never {
  console.error(`schemas-from-upstream: ${message}`);
  process.exit(1);
}

function mirrorOf(repo: string): string {
  const dir = path.join(MIRROR_ROOT, repo.replace('/', '+'), 'repo');
  if (!fs.existsSync(dir)) {
    fail(`no mirror of ${repo} at ${dir}: fetch it (fetch tool: github:${repo}) or set KUBEVIRT_CONSTRUCTS_MIRRORS to the folder holding <owner>+<repo>/repo`);
  }
  return dir;
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-C', mirrorOf(repo), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** The commit a tag names; fails naming the repository and the fetch to run when the tag is missing. */
function commitOf(repo: string, tag: string): string {
  try {
    return git(repo, ['rev-list', '-n1', tag]).trim();
  } catch {
    return fail(`tag ${tag} is not in the mirror of ${repo} (${mirrorOf(repo)}): fetch a newer snapshot (fetch tool: github:${repo}) or pick another tag`);
  }
}

function show(repo: string, tag: string, file: string): string {
  commitOf(repo, tag);
  try {
    return git(repo, ['show', `${tag}:${file}`]);
  } catch {
    return fail(`${repo} at ${tag} has no ${file}: the generator knows this project's layout of recent releases only`);
  }
}

/**
 * The entries of a Go `map[string]string{ "key": `raw`, ... }` literal. Backquotes inside a raw
 * string are written by the generators as `` ` + "`" + ` ``; they are joined back here.
 */
function goStringMap(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const entry = /^\t"([\w.-]+)": `((?:[^`]|` \+ "`" \+ `)*)`,$/gm;
  for (const match of source.matchAll(entry)) out.set(match[1], match[2].split('` + "`" + `').join('`'));
  return out;
}

/** YAML as the Go operators read it (sigs.k8s.io/yaml, YAML 1.1), keys in document order. */
function parseYaml(text: string): any {
  return parse(text, { version: '1.1', maxAliasCount: -1 });
}

/** The right-hand side of `Ident = ...` in a package folder of staging/, or undefined. */
function goDeclaration(tag: string, dir: string, ident: string): string | undefined {
  try {
    const lines = git(KUBEVIRT, ['grep', '-h', '-E', `^\\s*(const\\s+)?${ident}\\s*=`, tag, '--', `staging/src/${dir}/*.go`]);
    return /=\s*(.+?)\s*(\/\/.*)?$/m.exec(lines)?.[1];
  } catch {
    return undefined;
  }
}

/** Evaluates a Go string constant expression (`"lit"`, `Ident`, joined by `+`) declared in one package folder. */
function goStringValue(tag: string, dir: string, expression: string): string | undefined {
  const parts = expression.split('+').map((part) => part.trim());
  const values = parts.map((part) => {
    if (part.startsWith('"')) return JSON.parse(part) as string;
    const declaration = /^\w+$/.test(part) ? goDeclaration(tag, dir, part) : undefined;
    return declaration === undefined ? undefined : goStringValue(tag, dir, declaration);
  });
  return values.every((v) => v !== undefined) ? values.join('') : undefined;
}

/** A `pkg.Ident` string constant, looked up in the package's folder under staging/ (or its parent's). */
function goConstant(tag: string, imports: Map<string, string>, expression: string): string {
  const [alias, ident] = expression.split('.');
  const importPath = imports.get(alias);
  if (!importPath) fail(`${KUBEVIRT} ${tag} ${KUBEVIRT_CRDS}: import alias ${alias} of ${expression} not found`);
  for (const dir of [importPath, path.posix.dirname(importPath)]) {
    const value = goStringValue(tag, dir, ident);
    if (value !== undefined) return value;
  }
  return fail(`${KUBEVIRT} ${tag}: cannot resolve ${expression} (${importPath}) used in ${KUBEVIRT_CRDS}`);
}

/** The import aliases of crds.go: alias -> import path (the last path element when no alias is written). */
function goImports(source: string): Map<string, string> {
  const imports = new Map<string, string>();
  const block = /^import \(([\s\S]*?)^\)/m.exec(source)?.[1] ?? '';
  for (const match of block.matchAll(/^\s*(\w+\s+)?"([^"]+)"/gm)) {
    imports.set(match[1]?.trim() ?? path.posix.basename(match[2]), match[2]);
  }
  return imports;
}

/** The API group of an expression like `poolv1beta1.SchemeGroupVersion.Group` or `plugin.GroupName`. */
function groupOf(tag: string, imports: Map<string, string>, expression: string): string {
  const alias = expression.split('.')[0];
  return goConstant(tag, imports, `${alias}.GroupName`);
}

/** The served versions of `ApiSupportedVersions` (core kubevirt.io kinds built with `newCRDVersions()`). */
function coreVersions(tag: string): CrdVersion[] {
  const source = show(KUBEVIRT, tag, KUBEVIRT_CORE_REGISTER);
  const start = /ApiSupportedVersions\s*=\s*\[\]extv1\.CustomResourceDefinitionVersion\{/.exec(source);
  if (!start) fail(`${KUBEVIRT} ${tag} ${KUBEVIRT_CORE_REGISTER}: ApiSupportedVersions not found`);
  return versionBlocks(braced(source, start.index + start[0].length - 1), (name) => JSON.parse(name));
}

/** The text between the brace that opens at `open` and its match (Go source without braces in strings). */
function braced(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  return fail(`unbalanced braces in Go source near: ${source.slice(open, open + 80)}`);
}

/** Parses the `{ Name: ..., Served: ..., Storage: ..., Deprecated: ... }` entries of a versions slice (nested fields skipped). */
function versionBlocks(block: string, nameOf: (expression: string) => string): CrdVersion[] {
  const versions: CrdVersion[] = [];
  for (let i = block.indexOf('{'); i >= 0; i = block.indexOf('{', i + 1)) {
    const inner = braced(block, i);
    i += inner.length + 1;
    const own = topLevel(inner);
    const field = (name: string) => new RegExp(`\\b${name}:\\s*([^,\\n]+),`).exec(own)?.[1].trim();
    const name = field('Name');
    if (!name) continue;
    versions.push({
      name: nameOf(name),
      served: field('Served') === 'true',
      storage: field('Storage') === 'true',
      deprecated: field('Deprecated') === 'true',
    });
  }
  return versions;
}

/** Go source with every nested `{...}` taken out, so only the outer literal's own fields remain. */
function topLevel(source: string): string {
  let out = '';
  let depth = 0;
  for (const char of source) {
    if (char === '{') depth++;
    if (depth === 0) out += char;
    if (char === '}') depth--;
  }
  return out;
}

/** The versions slice literal of a CRD spec (`Versions: []extv1.CustomResourceDefinitionVersion{...}`), or undefined. */
function versionsLiteral(body: string): string | undefined {
  const start = /Versions:\s*\[\]extv1\.CustomResourceDefinitionVersion\{/.exec(body);
  return start ? braced(body, start.index + start[0].length - 1) : undefined;
}

function pluralOf(singular: string): string {
  return singular.endsWith('y') ? `${singular.slice(0, -1)}ies` : `${singular}s`;
}

/** The facts of one `func NewXxxCrd()` body of crds.go. */
function kubevirtCrdFacts(tag: string, imports: Map<string, string>, body: string): CrdFacts {
  const namesStart = /Names:\s*extv1\.CustomResourceDefinitionNames\{/.exec(body);
  if (!namesStart) fail(`${KUBEVIRT} ${tag} ${KUBEVIRT_CRDS}: a CRD without Names:\n${body.slice(0, 400)}`);
  const names = braced(body, namesStart.index + namesStart[0].length - 1);
  const fieldIn = (text: string, name: string) => new RegExp(`^\\s*${name}:\\s*([^,\\n]+),`, 'm').exec(text)?.[1].trim();
  const field = (name: string) => fieldIn(['Kind', 'Plural', 'Singular'].includes(name) ? names : body, name);
  const literalOr = (expression: string | undefined, fallback: (e: string) => string) =>
    expression === undefined ? undefined : expression.startsWith('"') ? JSON.parse(expression) as string : fallback(expression);
  const kind = literalOr(field('Kind'), (e) => /\.(\w+?)(GroupVersion)?Kind\.Kind$/.exec(e)?.[1] ?? goConstant(tag, imports, e));
  const groupExpression = field('Group');
  if (!kind || !groupExpression) fail(`${KUBEVIRT} ${tag} ${KUBEVIRT_CRDS}: a CRD without Kind or Group:\n${body.slice(0, 400)}`);
  const singular = literalOr(field('Singular'), (e) => goConstant(tag, imports, e)) ?? kind.toLowerCase();
  const scopeExpression = field('Scope') ?? '"Namespaced"';
  const versionName = (e: string) => e.startsWith('"') ? JSON.parse(e) as string : path.posix.basename(imports.get(e.split('.')[0]) ?? fail(`unknown version ${e}`));
  const versions = /Versions:\s*newCRDVersions\(\)/.test(body)
    ? coreVersions(tag)
    : versionBlocks(versionsLiteral(body) ?? '', versionName);
  if (versions.length === 0) fail(`${KUBEVIRT} ${tag} ${KUBEVIRT_CRDS}: no versions found for ${kind}`);
  return {
    group: groupOf(tag, imports, groupExpression),
    kind,
    singular,
    plural: literalOr(field('Plural'), (e) => goConstant(tag, imports, e)) ?? pluralOf(singular),
    scope: /Cluster/.test(scopeExpression) ? 'Cluster' : 'Namespaced',
    versions,
  };
}

/** Every CRD virt-operator installs at a tag, with the schema of its kind (the same for all its versions). */
function kubevirtKinds(tag: string): KindSchema[] {
  const crdsGo = show(KUBEVIRT, tag, KUBEVIRT_CRDS);
  const validations = goStringMap(show(KUBEVIRT, tag, KUBEVIRT_VALIDATIONS));
  const imports = goImports(crdsGo);
  const kinds: KindSchema[] = [];
  for (const match of crdsGo.matchAll(/^func New\w+Crd\(\) \(\*extv1\.CustomResourceDefinition, error\) \{\n([\s\S]*?)^\}/gm)) {
    const facts = kubevirtCrdFacts(tag, imports, match[1]);
    const validation = validations.get(facts.singular);
    if (!validation) fail(`${KUBEVIRT} ${tag}: no schema for ${facts.singular} in ${KUBEVIRT_VALIDATIONS}`);
    const schema = parseYaml(validation).openAPIV3Schema;
    kinds.push({
      facts,
      schemas: new Map(facts.versions.filter((v) => v.served).map((v) => [v.name, schema])),
      source: `${KUBEVIRT_VALIDATIONS} (versions: ${KUBEVIRT_CRDS})`,
    });
  }
  return kinds;
}

/** Every cdi.kubevirt.io CRD cdi-operator installs at a tag, one schema per served version. */
function cdiKinds(tag: string): KindSchema[] {
  const kinds: KindSchema[] = [];
  for (const text of goStringMap(show(CDI, tag, CDI_CRDS)).values()) {
    const crd = parseYaml(text);
    if (crd?.kind !== 'CustomResourceDefinition' || crd.spec.group !== 'cdi.kubevirt.io') continue;
    const versions: CrdVersion[] = crd.spec.versions.map((v: any) => ({
      name: v.name, served: v.served === true, storage: v.storage === true, deprecated: v.deprecated === true,
    }));
    kinds.push({
      facts: {
        group: crd.spec.group,
        kind: crd.spec.names.kind,
        plural: crd.spec.names.plural,
        singular: crd.spec.names.singular ?? crd.spec.names.kind.toLowerCase(),
        scope: crd.spec.scope,
        versions,
      },
      schemas: new Map(crd.spec.versions.filter((v: any) => v.served).map((v: any) => [v.name, v.schema.openAPIV3Schema])),
      source: CDI_CRDS,
    });
  }
  return kinds;
}

/** The catalog's strict form: `additionalProperties: false` appended below the root where none is set. */
function strict(node: unknown, root = true): unknown {
  if (Array.isArray(node)) return node.map((item) => strict(item, false));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = strict(value, false);
  if (!root && 'properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

/** The wrapper's form: the strict mode's `additionalProperties: false` taken out again (cdk8s import rejects it). */
function lenient(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(lenient);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = lenient(value);
  }
  return out;
}

/** JSON as the catalog wrote it (Python's json.dumps, indent 2, ASCII only), with a final newline. */
function catalogJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

function crdWrapper(facts: CrdFacts, version: CrdVersion, schema: unknown): string {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${facts.plural}.${facts.group}` },
    spec: {
      group: facts.group,
      scope: facts.scope,
      names: { kind: facts.kind, plural: facts.plural, singular: facts.singular, listKind: `${facts.kind}List` },
      versions: [{ name: version.name, served: version.served, storage: version.storage, schema: { openAPIV3Schema: lenient(schema) } }],
    },
  };
  const document = new Document(crd, { aliasDuplicateObjects: false });
  // A tab inside a plain or block scalar is legal YAML 1.2 but refused by YAML 1.1 readers (PyYAML): quote those.
  visit(document, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && node.value.includes('\t')) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ lineWidth: 0, indentSeq: false });
}

/** Empties the generated files of the groups written here (json/<group>/, crds/catalog_<group>_*) so a dropped version leaves nothing. */
function clearGroups(out: string, groups: Set<string>, noWrappers: boolean): void {
  for (const group of groups) fs.rmSync(path.join(out, 'json', group), { recursive: true, force: true });
  const crdDir = path.join(out, 'crds');
  if (noWrappers || !fs.existsSync(crdDir)) return;
  for (const file of fs.readdirSync(crdDir)) {
    const match = /^catalog_(.+)_[^_]+_[^_]+\.crd\.yaml$/.exec(file);
    if (match && groups.has(match[1])) fs.rmSync(path.join(crdDir, file));
  }
}

/**
 * Kinds only the controllers create (a snapshot's content holds a whole VM spec): validated from
 * json/, but no wrapper, so no 600 KB L1 module nobody writes.
 */
const CONTROLLER_ONLY_KINDS = new Set(['snapshot.kubevirt.io/VirtualMachineSnapshotContent']);

/** Whether a version gets a CRD wrapper (and so an L1 class in imports/): the storage version unless deprecated, and the older ones src/ writes. */
function importable(facts: CrdFacts, version: CrdVersion): boolean {
  if (CONTROLLER_ONLY_KINDS.has(`${facts.group}/${facts.kind}`)) return false;
  return (version.storage && !version.deprecated) || WRITTEN_OLDER_VERSIONS.has(`${facts.group}/${facts.kind}/${version.name}`);
}

function writeKinds(out: string, kinds: KindSchema[], noWrappers: boolean): string[] {
  const written: string[] = [];
  clearGroups(out, new Set(kinds.map((k) => k.facts.group)), noWrappers);
  for (const { facts, schemas } of [...kinds].sort((a, b) => `${a.facts.group}/${a.facts.kind}`.localeCompare(`${b.facts.group}/${b.facts.kind}`))) {
    for (const version of facts.versions.filter((v) => v.served)) {
      const schema = strict(structuredClone(schemas.get(version.name)));
      const jsonFile = path.join(out, 'json', facts.group, `${facts.kind.toLowerCase()}_${version.name}.json`);
      fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
      fs.writeFileSync(jsonFile, catalogJson(schema));
      written.push(path.relative(out, jsonFile));
      if (noWrappers || !importable(facts, version)) continue;
      const crdFile = path.join(out, 'crds', `catalog_${facts.group}_${facts.kind.toLowerCase()}_${version.name}.crd.yaml`);
      fs.mkdirSync(path.dirname(crdFile), { recursive: true });
      fs.writeFileSync(crdFile, crdWrapper(facts, version, schema));
      written.push(path.relative(out, crdFile));
    }
  }
  return written;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : process.argv[index + 1] ?? fail(`--${name} needs a value`);
}

/** The file each release folder gets beside json/: which versions of each kind the release serves. */
const SERVED_VERSIONS_FILE = 'served-versions.json';

/** The HyperConverged kind's versions, as its CRD declares them. */
function hcoFacts(crdYaml: string): { key: string; versions: CrdVersion[] } {
  const crd = parseYaml(crdYaml);
  const versions: CrdVersion[] = crd.spec.versions.map((v: any) => ({
    name: v.name, served: v.served === true, storage: v.storage === true, deprecated: v.deprecated === true,
  }));
  return { key: `${crd.spec.group}/${crd.spec.names.kind}`, versions };
}

/**
 * `served-versions.json`: the release set, and every kind's versions with the CRD's served, storage
 * and deprecated flags (src/validation/rules/api-deprecations.ts judges apiVersions against it).
 * A version a release dropped from its CRD is absent: not served.
 */
function servedVersions(releases: ReleaseSet, kinds: readonly KindSchema[], hcoCrd: string): string {
  const project = (group: string) => (group === 'cdi.kubevirt.io' ? 'cdi' : 'kubevirt');
  const entries: Array<[string, object]> = kinds.map(({ facts }) => [`${facts.group}/${facts.kind}`, { project: project(facts.group), versions: facts.versions }]);
  const hco = hcoFacts(hcoCrd);
  entries.push([hco.key, { project: 'hco', versions: hco.versions }]);
  entries.sort(([a], [b]) => a.localeCompare(b));
  const release = Object.fromEntries((['kubevirt', 'cdi', 'hco'] as const).map((name) => [name, releases[name]]));
  return `${JSON.stringify({ release, kinds: Object.fromEntries(entries) }, null, 2)}\n`;
}

/** Writes one release set's json/ (and, with wrappers, crds/catalog_*), its HCO CRD and served-versions.json into `out`. */
function generate(releases: ReleaseSet, out: string, wrappers: boolean): void {
  const kinds = [...kubevirtKinds(releases.kubevirt), ...cdiKinds(releases.cdi)];
  const written = writeKinds(out, kinds, !wrappers);
  fs.mkdirSync(path.join(out, 'crds'), { recursive: true });
  const hcoCrd = show(HCO, releases.hco, HCO_CRD);
  fs.writeFileSync(path.join(out, 'crds', 'hco-repo_hco00.crd.yaml'), hcoCrd);
  written.push('crds/hco-repo_hco00.crd.yaml');
  fs.writeFileSync(path.join(out, SERVED_VERSIONS_FILE), servedVersions(releases, kinds, hcoCrd));
  written.push(SERVED_VERSIONS_FILE);
  console.log(`${written.length} files in ${out}`);
  for (const [name, repo] of [['kubevirt', KUBEVIRT], ['cdi', CDI], ['hco', HCO]] as const) {
    console.log(`  ${repo} @ ${releases[name]} (${commitOf(repo, releases[name])})`);
  }
}

/** Without release arguments: the default set into schemas/ and the previous ones into schemas/releases/. */
function main(): void {
  const schemas = path.resolve(__dirname, '..', 'schemas');
  if (!['--kubevirt', '--cdi', '--hco', '--out'].some((flag) => process.argv.includes(flag))) {
    generate(DEFAULT_RELEASES, schemas, !process.argv.includes('--no-wrappers'));
    for (const releases of PREVIOUS_RELEASES) {
      const minor = releases.kubevirt.replace(/^(v\d+\.\d+)\..*$/, '$1');
      generate(releases, path.join(schemas, 'releases', `kubevirt-${minor}.x`), false);
    }
    return;
  }
  const releases = {
    kubevirt: argument('kubevirt', DEFAULT_RELEASES.kubevirt),
    cdi: argument('cdi', DEFAULT_RELEASES.cdi),
    hco: argument('hco', DEFAULT_RELEASES.hco),
  };
  generate(releases, path.resolve(argument('out', schemas)), !process.argv.includes('--no-wrappers'));
}

main();
