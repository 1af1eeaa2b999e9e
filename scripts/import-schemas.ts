/**
 * Regenerates imports/ from the vendored CRDs in schemas/crds.
 *
 * `cdk8s import` writes one module per API group and a second call for the same group
 * overwrites the first, so the CRDs are grouped by `spec.group` and each group is imported
 * in ONE call from a multi-document file. imports/ is emptied first so a removed CRD leaves
 * nothing behind; the inputs are sorted, so running this twice changes nothing.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(__dirname, '..');
const crdDir = path.join(root, 'schemas', 'crds');
const outDir = path.join(root, 'imports');

// Vendored for validation only: the ApplicationSet CRD nests every generator and the whole
// Application spec many times over, and its import was 3.3 MB of TypeScript that slowed every
// build; ArgoCdApplicationSet types what it writes itself.
const VALIDATION_ONLY = new Set(['argo-cd_applicationset.crd.yaml']);

// cdk8s import gives the plain class name (`VirtualMachinePool`) to the first version of a kind it
// reads and a version suffix to the others. A kind with two wrappers (the storage version and an older
// one src/ still writes, see scripts/schemas-from-upstream.ts) lists the older one first, so the class
// the constructs use keeps its name and the storage version comes as `VirtualMachinePoolV1Beta1`.
const byGroup = new Map<string, Array<{ file: string; order: string }>>();
for (const file of fs.readdirSync(crdDir).filter((f) => f.endsWith('.yaml') && !VALIDATION_ONLY.has(f)).sort()) {
  const text = fs.readFileSync(path.join(crdDir, file), 'utf8');
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS();
    if (obj?.kind !== 'CustomResourceDefinition') continue;
    const group: string = obj.spec.group;
    const storageOnly = obj.spec.versions?.length === 1 && obj.spec.versions[0].storage === true;
    const order = `${obj.metadata.name} ${storageOnly ? 1 : 0} ${file}`;
    byGroup.set(group, [...(byGroup.get(group) ?? []), { file, order }]);
  }
}

fs.rmSync(outDir, { recursive: true, force: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubevirt-constructs-import-'));
try {
  for (const group of [...byGroup.keys()].sort()) {
    const entries = [...byGroup.get(group)!].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    const files = [...new Set(entries.map((e) => e.file))];
    const combined = path.join(work, `${group}.yaml`);
    const docs = files.map((f) => fs.readFileSync(path.join(crdDir, f), 'utf8').replace(/^---\n/, ''));
    fs.writeFileSync(combined, docs.map((d) => `---\n${d}`).join('\n'));
    console.log(`import ${group} <- ${files.join(', ')}`);
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'import', combined, '--language', 'typescript',
        '--output', outDir, '--no-save', '--no-check-upgrade'],
      { cwd: root, stdio: 'inherit' },
    );
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// cdk8s import drops a struct's undefined fields with `reduce((r, i) => ({ ...r, [k]: v }), {})`,
// which copies the object once per field: quadratic in the field count, and most of the time of
// rendering a VM (a fleet renders tens of thousands). A struct, converted in one literal of every
// field the schema has and then filtered, becomes assignments of its defined fields only: one
// object per struct, same fields, same order. Maps (labels, resource requests) are filtered by the
// same idiom and get one loop over their keys.
const QUADRATIC_FILTER = '  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});';
const STRUCT = /  const result = \{\n((?:    '[^\n]*,\n)*)  \};\n  \/\/ filter undefined values\n(.*)\n/g;
const FIELD = /^    '([^']+)': (.*),$/;
// `Object.entries(obj.x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: <value of i[1]> }), {})`
const QUADRATIC_MAP = /Object\.entries\((obj\.\w+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: (.*?) \}\), \{\}\)/g;
const linearMap = (_: string, map: string, value: string) =>
  `((m: Record<string, any>) => { const r: Record<string, any> = {}; for (const k of Object.keys(m)) { const v = m[k]; if (v !== undefined) { r[k] = ${value.replace(/i\[1\]/g, 'v').replace(/\by => /g, '(y: any) => ')}; } } return r; })(${map})`;
function directStruct(block: string, fields: string, filter: string): string {
  if (filter !== QUADRATIC_FILTER) return block;
  const lines = fields.split('\n').filter((line) => line !== '').map((line) => {
    const [, key, value] = FIELD.exec(line)!;
    return `  value = ${value}; if (value !== undefined) { result['${key}'] = value; }`;
  });
  return ['  const result: Record<string, any> = {};', ...(lines.length > 0 ? ['  let value: any;', ...lines] : []), '  return result;', ''].join('\n');
}
// An object literal that starts with a spread (`{ ...X.GVK, ...props }`) is made by cloning the
// spread object and then grows its property store: the object holding a VM's props, and the JSON
// it renders, were 340 bytes where a literal that names apiVersion and kind first makes 150 (a
// 10,000-VM fleet: 8 to 16 MiB of peak memory). Same keys, same order, same values.
const GVK_SPREAD = /\{\n(\s+)\.\.\.(\w+)\.GVK,\n/g;
const gvkFields = (_: string, indent: string, cls: string) => `{\n${indent}apiVersion: ${cls}.GVK.apiVersion,\n${indent}kind: ${cls}.GVK.kind,\n`;
/** The generated module with structs built from their defined fields, maps filtered in one pass, and GVKs written field by field. */
function linearFilters(file: string, text: string): string {
  const rewritten = text.replace(STRUCT, directStruct).replace(QUADRATIC_MAP, linearMap).replace(GVK_SPREAD, gvkFields);
  // A shape of cdk8s import's output these patterns do not know (after a cdk8s-cli upgrade) is a
  // quadratic filter left behind: stop, so the patterns are updated rather than the cost returning.
  if (rewritten.includes('Object.entries(')) throw new Error(`import: ${file} still filters with Object.entries: update the rewrites in scripts/import-schemas.ts`);
  if (/\.\.\.\w+\.GVK\b/.test(rewritten)) throw new Error(`import: ${file} still spreads a GVK: update GVK_SPREAD in scripts/import-schemas.ts`);
  return rewritten;
}
for (const file of fs.readdirSync(outDir).filter((f) => f.endsWith('.ts')).sort()) {
  const target = path.join(outDir, file);
  fs.writeFileSync(target, linearFilters(file, fs.readFileSync(target, 'utf8')));
}
