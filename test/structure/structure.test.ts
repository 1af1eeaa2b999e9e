// The shape of src/ that keeps changes cheap: small classes and functions, and feature
// folders that depend on each other in one direction only.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const MAX_CLASS_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const FILES = sourceFiles(SRC).map((file) => ({
  file: path.relative(ROOT, file),
  source: ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
}));

/** Classes and functions (methods, accessors, arrows too) longer than the limits, as `file:line name (n lines)`. */
function oversized(file: string, source: ts.SourceFile): string[] {
  const found: string[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
    const name = (node as ts.NamedDeclaration).name?.getText(source) ?? '(anonymous)';
    if (ts.isClassLike(node) && lines > MAX_CLASS_LINES) found.push(`${file}:${lineOf(node.getStart(source))} class ${name} (${lines} lines)`);
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body && lines > MAX_FUNCTION_LINES) {
      found.push(`${file}:${lineOf(node.getStart(source))} function ${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The top folder of src/ a file belongs to (`index` for src/index.ts). */
function folderOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? parts[0].replace(/\.ts$/, '') : parts[0];
}

/** Folder -> the other src/ folders its files import. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { file, source } of FILES) {
    const from = folderOf(path.join(ROOT, file));
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const statement of source.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ? statement.moduleSpecifier : undefined;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const target = path.resolve(path.dirname(path.join(ROOT, file)), specifier.text);
      if (!target.startsWith(SRC + path.sep)) continue; // imports/ (generated) and package files
      const to = folderOf(target + '.ts');
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle in the graph, each as `a -> b -> a`. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe('src/ structure', () => {
  test(`no class over ${MAX_CLASS_LINES} lines, no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(FILES.flatMap(({ file, source }) => oversized(file, source))).toEqual([]);
  });

  test('the size check finds an oversized function', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const source = ts.createSourceFile('long.ts', `function long() {\n${body}\n}\n`, ts.ScriptTarget.ES2022, true);
    expect(oversized('long.ts', source)).toEqual([`long.ts:1 function long (${MAX_FUNCTION_LINES + 2} lines)`]);
  });

  test('folders of src/ import each other without a cycle', () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  test('the cycle check finds a cycle', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(cycles(graph)).toEqual(['a -> b -> c -> a']);
  });

  test('the lower layers import no feature folder', () => {
    const graph = folderGraph();
    const allowed: Record<string, string[]> = { common: [], model: ['common'], validation: ['common', 'model'] };
    for (const [folder, below] of Object.entries(allowed)) {
      expect({ folder, imports: [...(graph.get(folder) ?? [])].filter((to) => !below.includes(to)).sort() }).toEqual({ folder, imports: [] });
    }
  });

  test("README's repository layout names every folder of src/, and only those", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Repository layout'), readme.indexOf('## Development'));
    const named = new Set([...layout.matchAll(/`src\/([a-z-]+)\/?`/g)].map((m) => m[1]));
    const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...named].sort()).toEqual(folders.sort());
  });
});
