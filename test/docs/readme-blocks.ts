/**
 * README.md's fenced TypeScript blocks (```ts / ```typescript), with the heading each sits under,
 * turned into modules the TypeScript compiler can check.
 *
 * Convention for blocks that are fragments of a cdk8s program: everything above a line
 *
 *     // in a Chart's constructor:
 *
 * is module top level (imports, `declare const` for values the text says come from elsewhere);
 * everything below it is wrapped in a function whose `this` is a `Chart`, as it would sit in
 * `constructor(scope, id) { super(scope, id); ... }`. A block without the marker is checked as
 * it stands. Every block is its own module, so blocks never see each other's names.
 */
import * as fs from 'fs';
import * as path from 'path';

export const CHART_MARKER = "// in a Chart's constructor:";

export interface ReadmeBlock {
  /** The nearest heading above the block, e.g. "### Disks". */
  readonly heading: string;
  /** 1-based line of the block's first code line in README.md. */
  readonly line: number;
  /** The code as README shows it. */
  readonly code: string;
}

/** Every ```ts and ```typescript block of a Markdown text, in order. */
export function typeScriptBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let heading = '(top of README)';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,})(\S*)\s*$/.exec(lines[i]);
    if (/^#{1,6} /.test(lines[i])) heading = lines[i];
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]) && l.trim() === fence[1]);
    if (end < 0) throw new Error(`README.md line ${i + 1}: a fenced block that never closes`);
    if (fence[2] === 'ts' || fence[2] === 'typescript') {
      blocks.push({ heading, line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return blocks;
}

/**
 * The module the compiler checks for a block: the code itself, or with the chart marker, the
 * top part as is and the rest inside `function (this: Chart)`. `export {}` makes every block a
 * module even when it imports nothing.
 */
export function blockModule(block: ReadmeBlock): string {
  const lines = block.code.split('\n');
  const marker = lines.findIndex((l) => l.trim() === CHART_MARKER);
  if (marker < 0) return `${block.code}\nexport {};\n`;
  const top = lines.slice(0, marker);
  const body = lines.slice(marker + 1);
  // Chart comes from cdk8s under its own alias, so a block may import Chart itself or not.
  return [
    "import { Chart as ReadmeChart__ } from 'cdk8s';",
    ...top,
    'export function readmeBlock__(this: ReadmeChart__): void {',
    ...body,
    '}',
    '',
  ].join('\n');
}

export const README_PATH = path.resolve(__dirname, '..', '..', 'README.md');

export function readmeText(): string {
  return fs.readFileSync(README_PATH, 'utf8');
}
