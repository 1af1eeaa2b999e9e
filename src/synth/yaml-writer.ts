import * as fs from 'fs';
import { createRequire } from 'module';
import { Yaml } from 'cdk8s';

/**
 * Writes Kubernetes objects as YAML, byte for byte what cdk8s' `Yaml.stringify` writes (the `yaml`
 * package, YAML 1.1, no line folding), several times faster. Maps, sequences, integers, booleans,
 * null and strings (plain, quoted or block literals) take the fast path; anything rarer in a
 * manifest (control characters, tabs, floats, keys longer than 1024 characters, spaces after the last
 * line break of a block) makes the whole document go through `Yaml.stringify`, so the bytes never differ.
 */
export function stringifyYamlDocuments(docs: readonly unknown[]): string {
  const chunks: string[] = [];
  appendDocuments(docs, (chunk) => {
    // Reading a character makes V8 copy the chunk's appends into one string now, while they are
    // young: a whole app's appends kept until the end cost several times the text in memory.
    chunk.charCodeAt(0);
    chunks.push(chunk);
  });
  return chunks.join('');
}

/** Writes the documents to `file` as `Yaml.save(file, docs)` does, in chunks, so no file-sized string is built. */
export function writeYamlDocuments(file: string, docs: readonly unknown[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    appendDocuments(docs, (chunk) => fs.writeSync(fd, chunk, null, 'utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

/** One document, as `Yaml.stringify(doc)` writes it. */
export function stringifyYamlDocument(doc: unknown): string {
  return stringifyYamlDocuments([doc]);
}

/**
 * Characters per chunk: small enough that a chunk's appends die young (measured: 1 MiB chunks
 * made writing a 10,000-VM cluster a fifth slower, through garbage collection).
 */
const CHUNK = 2 ** 16;

/**
 * The text being written. Every piece is appended here, never to a string of a nesting level of
 * its own that its parent appends again: V8 keeps the appends as one chain, copied once when the
 * chunk is used. (Pieces in an array joined once measured slower.)
 */
let text = '';

/** The documents joined by `---`, handed to `flush` in chunks of about CHUNK characters. */
function appendDocuments(docs: readonly unknown[], flush: (chunk: string) => void): void {
  text = '';
  try {
    for (let i = 0; i < docs.length; i++) {
      if (i > 0) text += '---\n';
      appendDocument(docs[i]);
      if (text.length >= CHUNK) flush(takeText());
    }
    if (text.length > 0) flush(takeText());
  } finally {
    text = '';
  }
}

function takeText(): string {
  const taken = text;
  text = '';
  return taken;
}

/** Appends one document: the fast path's text, or (when it gives up) `Yaml.stringify`'s. */
function appendDocument(doc: unknown): void {
  if (doc !== undefined && isPlainObject(doc)) {
    const before = text;
    try {
      const keys = Object.keys(doc);
      if (keys.length === 0) text += '{}\n';
      else mapBody(doc, keys, 0, false);
      return;
    } catch (e) {
      if (e !== UNSUPPORTED) throw e;
      text = before;
    }
  }
  text += Yaml.stringify(doc);
}

/** Thrown inside the fast path when a value needs the `yaml` package's full logic. */
const UNSUPPORTED = Symbol('unsupported by the fast YAML path');

// cdk8s bundles its own copy of `yaml`; its YAML 1.1 schema decides which strings need quotes.
const cdk8sRequire = createRequire(require.resolve('cdk8s'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yamlOfCdk8s: typeof import('yaml') = cdk8sRequire('yaml');

/** The YAML 1.1 merge key: `yaml` writes the string `<<` plain, by its merge tag. */
const MERGE_KEY = '<<';
const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** Strings a YAML 1.1 reader would take for another type (null, bool, int, float, timestamp), as one pattern. */
const TYPED_SCALAR: RegExp = (() => {
  const schema = new yamlOfCdk8s.Document(null, { version: '1.1' }).schema as any;
  const tests: RegExp[] = [...schema.tags, ...(schema.compat ?? [])]
    .filter((tag: any) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.tag !== MERGE_TAG && tag.test instanceof RegExp)
    .map((tag: any) => tag.test as RegExp);
  // One alternation runs once per string instead of a dozen patterns; flags, if a release adds any, must agree.
  const flags = new Set(tests.map((test) => test.flags));
  if (flags.size > 1) throw new Error(`yaml-writer: the YAML 1.1 tag tests of cdk8s' yaml use different flags (${[...flags].join(', ')}): the writer must test them one by one`);
  return new RegExp(tests.map((test) => `(?:${test.source})`).join('|'), [...flags][0] ?? '');
})();

/** Characters `yaml` always double-quotes (controls, C1, unpaired surrogates): left to it. */
const FORCED_DOUBLE_QUOTE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** What a plain scalar cannot be (the same test `yaml` makes). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** `yaml`'s test, multiline: `^` also matches after U+2028 and U+2029, which JavaScript counts as line breaks. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const MAX_IMPLICIT_KEY = 1024;

/** Rendered keys with their colon (a few dozen in a manifest, read a million times); bounded so huge apps stay flat. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 50_000;

/** Indentation by depth (two spaces a level). */
const INDENTS: string[] = [''];
function indentOf(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(INDENTS[INDENTS.length - 1] + '  ');
  return INDENTS[depth];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Appends a map's lines at `depth`; `inSequence` when it follows `- ` (its first key is not indented). */
function mapBody(map: Record<string, unknown>, keys: string[], depth: number, inSequence: boolean): void {
  const indent = indentOf(depth);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (i > 0 || !inSequence) text += indent;
    text += depth === 0 ? topLevelKey(key) : keyWithColon(key);
    valueAfterKey(map[key], depth + 1);
  }
}

function seqBody(seq: unknown[], depth: number, inSequence: boolean): void {
  const indent = indentOf(depth);
  for (let i = 0; i < seq.length; i++) {
    if (i > 0 || !inSequence) text += indent;
    text += '- ';
    const item = seq[i];
    if (Array.isArray(item)) {
      if (item.length === 0) text += '[]\n';
      else seqBody(item, depth + 1, true);
    } else if (isPlainObject(item)) {
      const keys = Object.keys(item);
      if (keys.length === 0) text += '{}\n';
      else mapBody(item, keys, depth + 1, true);
    } else {
      text += scalar(item, depth + 1);
      text += '\n';
    }
  }
}

/** What follows `key:`: ` scalar\n`, ` {}\n`, or a newline and the nested block. */
function valueAfterKey(value: unknown, childDepth: number): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      text += ' []\n';
    } else {
      text += '\n';
      seqBody(value, childDepth, false);
    }
  } else if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      text += ' {}\n';
    } else {
      text += '\n';
      mapBody(value, keys, childDepth, false);
    }
  } else {
    text += ' ';
    text += scalar(value, childDepth);
    text += '\n';
  }
}

/** `key:` as written at depth 0, where `yaml` quotes a key with a line that starts like a document marker. */
function topLevelKey(key: string): string {
  if (!DOCUMENT_MARKER.test(key)) return keyWithColon(key);
  // singleLine first: it gives up on the characters quoted() cannot escape as `yaml` does.
  singleLine(key);
  return checkedKey(key, quoted(key));
}

/** `key:` as written below the top level. */
function keyWithColon(key: string): string {
  let rendered = keyCache.get(key);
  if (rendered === undefined) {
    rendered = checkedKey(key, singleLine(key));
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(key, rendered);
  }
  return rendered;
}

/** A rendered key with its colon; keys `yaml` writes as explicit `? key` take the slow path. */
function checkedKey(key: string, rendered: string): string {
  if (rendered.length > MAX_IMPLICIT_KEY || key.includes('\n')) throw UNSUPPORTED;
  return rendered + ':';
}

function scalar(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return value.includes('\n') ? blockLiteral(value, indentOf(depth)) : singleLine(value);
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
      throw UNSUPPORTED;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      throw UNSUPPORTED;
  }
}

/**
 * A string without line breaks: plain when a YAML 1.1 reader reads it back as the same string, else
 * quoted. Values are not cached: most are names and addresses seen once, and the three tests cost
 * less than a map that keeps them (keys are: `keyWithColon`).
 */
function singleLine(value: string): string {
  if (value.includes('\t') || FORCED_DOUBLE_QUOTE.test(value)) throw UNSUPPORTED;
  if (value === MERGE_KEY) return value;
  return NOT_PLAIN.test(value) || TYPED_SCALAR.test(value) ? quoted(value) : value;
}

/** Single quotes when the string holds double quotes only, else double quotes (as `yaml` chooses). */
function quoted(value: string): string {
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  // Without control characters, JSON's escapes (\" and \\) are YAML's.
  return JSON.stringify(value);
}

/** Runs of line breaks inside the trailing whitespace of a block (not its last ones): `yaml`'s pattern. */
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** A multi-line string as a literal block scalar (`|`, `|-`, `|+`, `|2-`), as `yaml` writes it without folding. */
function blockLiteral(value: string, indent: string): string {
  // Spaces after the last line break, tabs and control characters take the slow path.
  if (/\n[\t ]+$/.test(value) || value.includes('\t') || FORCED_DOUBLE_QUOTE.test(value)) throw UNSUPPORTED;
  let endStart = value.length;
  while (endStart > 0 && (value[endStart - 1] === '\n' || value[endStart - 1] === ' ')) endStart--;
  let end = value.substring(endStart);
  const endNewline = end.indexOf('\n');
  let chomp: string;
  if (endNewline === -1) chomp = '-';
  else if (value === end || endNewline !== end.length - 1) chomp = '+';
  else chomp = '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNewline = startEnd;
    else break;
  }
  let start = value.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}
