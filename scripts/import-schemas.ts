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
// rendering a VM (a fleet renders tens of thousands). The same filter as one pass over the keys,
// same key order, and without the [key, value] pair Object.entries allocates per field. Maps
// (labels, resource requests) are filtered by the same idiom and get the same loop.
const QUADRATIC_FILTER = '  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});';
const LINEAR_FILTER = [
  '  const filtered: Record<string, any> = {};',
  '  for (const key of Object.keys(result)) { const value = (result as Record<string, any>)[key]; if (value !== undefined) { filtered[key] = value; } }',
  '  return filtered;',
].join('\n');
// `Object.entries(obj.x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: <value of i[1]> }), {})`
const QUADRATIC_MAP = /Object\.entries\((obj\.\w+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: (.*?) \}\), \{\}\)/g;
const linearMap = (_: string, map: string, value: string) =>
  `((m: Record<string, any>) => { const r: Record<string, any> = {}; for (const k of Object.keys(m)) { const v = m[k]; if (v !== undefined) { r[k] = ${value.replace(/i\[1\]/g, 'v').replace(/\by => /g, '(y: any) => ')}; } } return r; })(${map})`;
// A struct whose fields are all converted in one literal and then filtered becomes assignments of
// the defined fields only: one object per struct instead of two (a literal holding every field the
// schema has, most of them undefined, then its filtered copy), same fields, same order.
const STRUCT = /  const result = \{\n((?:    '[^\n]*,\n)*)  \};\n  \/\/ filter undefined values\n(.*)\n/g;
const FIELD = /^    '([^']+)': (.*),$/;
function directStruct(block: string, fields: string, filter: string): string {
  if (filter !== QUADRATIC_FILTER) return block;
  const lines = fields.split('\n').filter((line) => line !== '').map((line) => {
    const [, key, value] = FIELD.exec(line)!;
    return `  value = ${value}; if (value !== undefined) { result['${key}'] = value; }`;
  });
  return ['  const result: Record<string, any> = {};', ...(lines.length > 0 ? ['  let value: any;', ...lines] : []), '  return result;', ''].join('\n');
}
/** The generated module with its filters linear, structs built without a filtered copy. */
function linearFilters(text: string): string {
  return text.replace(STRUCT, directStruct).split(QUADRATIC_FILTER).join(LINEAR_FILTER).replace(QUADRATIC_MAP, linearMap);
}
for (const file of fs.readdirSync(outDir).filter((f) => f.endsWith('.ts')).sort()) {
  const target = path.join(outDir, file);
  fs.writeFileSync(target, linearFilters(fs.readFileSync(target, 'utf8')));
}
