/**
 * Every TypeScript block of README.md compiles, with the imports it shows.
 *
 * Each block becomes a virtual module (see readme-blocks.ts for how fragments marked
 * `// in a Chart's constructor:` are wrapped); all of them are checked in one TypeScript Program
 * with the repository's compiler options, `kubevirt-constructs` resolving to src/index.ts and
 * `kubevirt-constructs/pulumi` to src/pulumi/index.ts, as a user's project resolves the package.
 * Unused names are allowed: a snippet may create something only to show it.
 */
import * as path from 'path';
import * as ts from 'typescript';
import { blockModule, CHART_MARKER, ReadmeBlock, readmeText, typeScriptBlocks } from './readme-blocks';

const ROOT = path.resolve(__dirname, '..', '..');
const BLOCK_DIR = path.join(ROOT, 'test', 'docs', 'readme-blocks');

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'test', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('test/tsconfig.json could not be read');
  return {
    ...parsed.options,
    noEmit: true,
    incremental: false,
    tsBuildInfoFile: undefined,
    noUnusedLocals: false,
    noUnusedParameters: false,
    baseUrl: ROOT,
    paths: {
      'kubevirt-constructs': ['src/index.ts'],
      'kubevirt-constructs/pulumi': ['src/pulumi/index.ts'],
    },
  };
}

/** Diagnostics of each block, formatted with README's heading and line. */
function checkBlocks(blocks: ReadmeBlock[]): Map<ReadmeBlock, string[]> {
  const files = new Map(blocks.map((b, i) => [path.join(BLOCK_DIR, `block-${String(i + 1).padStart(2, '0')}.ts`), b]));
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  const virtual = (file: string) => files.get(path.resolve(file));
  host.fileExists = (file) => virtual(file) !== undefined || original.fileExists(file);
  host.readFile = (file) => {
    const block = virtual(file);
    return block ? blockModule(block) : original.readFile(file);
  };
  host.getSourceFile = (file, language, onError, create) => {
    const block = virtual(file);
    return block ? ts.createSourceFile(file, blockModule(block), language, true) : original.getSourceFile(file, language, onError, create);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const result = new Map<ReadmeBlock, string[]>();
  for (const [file, block] of files) {
    const source = program.getSourceFile(file)!;
    // The chart wrapper adds one line above the block's first line.
    const offset = block.code.split('\n').some((l) => l.trim() === CHART_MARKER) ? 1 : 0;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result.set(block, diagnostics.map((d) => {
      const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: offset };
      return `README.md:${block.line + line - offset} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    }));
  }
  return result;
}

describe('README TypeScript blocks', () => {
  const blocks = typeScriptBlocks(readmeText());
  let diagnostics: Map<ReadmeBlock, string[]>;

  beforeAll(() => {
    diagnostics = checkBlocks(blocks);
  }, 180_000);

  test('there are blocks to check, each with the imports it uses', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(15);
    for (const block of blocks) {
      if (/\b(new|[A-Z]\w*\.)\s*[A-Z]/.test(block.code)) expect({ heading: block.heading, imports: /^import /m.test(block.code) }).toEqual({ heading: block.heading, imports: true });
    }
  });

  test('every block compiles', () => {
    const failures = blocks
      .filter((b) => diagnostics.get(b)!.length > 0)
      .map((b) => `${b.heading} (README.md:${b.line})\n  ${diagnostics.get(b)!.join('\n  ')}`);
    expect(failures).toEqual([]);
  });

  test("the recipe's tsconfig.json is valid JSON with compiler options TypeScript accepts", () => {
    const match = /<!-- recipe:tsconfig\.json -->\n```json\n([\s\S]*?)```\n/.exec(readmeText());
    expect(match).not.toBeNull();
    const json = JSON.parse(match![1]);
    const { errors } = ts.convertCompilerOptionsFromJson(json.compilerOptions, ROOT);
    expect(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, ' '))).toEqual([]);
    expect(json.compilerOptions.moduleResolution).toBe('node16');
  });

  test('GitOpsApp and StaticIpPool are shown being constructed', () => {
    const code = blocks.map((b) => b.code).join('\n');
    expect(code).toMatch(/new GitOpsApp\(\{/);
    expect(code).toMatch(/new StaticIpPool\(this, '[\w-]+', \{\s*cidr: /);
  });
});
