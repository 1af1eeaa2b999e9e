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
  // join() builds one flat string; `+=` over thousands of documents would build a rope several times larger.
  return docs.map(stringifyYamlDocument).join('---\n');
}

/** Writes the documents to `file` as `Yaml.save(file, docs)` does, in chunks, so no file-sized string is built. */
export function writeYamlDocuments(file: string, docs: readonly unknown[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    let chunk: string[] = [];
    let size = 0;
    for (let i = 0; i < docs.length; i++) {
      const text = (i > 0 ? '---\n' : '') + stringifyYamlDocument(docs[i]);
      chunk.push(text);
      size += text.length;
      if (size >= WRITE_CHUNK) {
        fs.writeSync(fd, chunk.join(''), null, 'utf8');
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, chunk.join(''), null, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Characters per write. */
const WRITE_CHUNK = 2 ** 20;

/** One document, as `Yaml.stringify(doc)` writes it. */
export function stringifyYamlDocument(doc: unknown): string {
  if (doc !== undefined && isPlainObject(doc)) {
    try {
      const keys = Object.keys(doc);
      return keys.length === 0 ? '{}\n' : mapBody(doc, keys, '', '');
    } catch (e) {
      if (e !== UNSUPPORTED) throw e;
    }
  }
  return Yaml.stringify(doc);
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

/** Strings a YAML 1.1 reader would take for another type (null, bool, int, float, timestamp). */
const TYPED_SCALAR_TESTS: RegExp[] = (() => {
  const schema = new yamlOfCdk8s.Document(null, { version: '1.1' }).schema as any;
  return [...schema.tags, ...(schema.compat ?? [])]
    .filter((tag: any) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.tag !== MERGE_TAG && tag.test instanceof RegExp)
    .map((tag: any) => tag.test as RegExp);
})();

/** Characters `yaml` always double-quotes (controls, C1, unpaired surrogates): left to it. */
const FORCED_DOUBLE_QUOTE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** What a plain scalar cannot be (the same test `yaml` makes). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** `yaml`'s test, multiline: `^` also matches after U+2028 and U+2029, which JavaScript counts as line breaks. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const MAX_IMPLICIT_KEY = 1024;

/** Rendered single-line strings (the same as keys and as values); bounded so huge apps stay flat. */
const lineCache = new Map<string, string>();
const LINE_CACHE_LIMIT = 50_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapBody(map: Record<string, unknown>, keys: string[], indent: string, firstIndent: string): string {
  let out = '';
  const childIndent = indent + '  ';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    let renderedKey = singleLine(key);
    // `yaml` quotes a top-level key with a line that starts like a document marker (`---`, `...`, `%`).
    if (indent === '' && DOCUMENT_MARKER.test(key)) renderedKey = quoted(key);
    if (renderedKey.length > MAX_IMPLICIT_KEY || key.includes('\n')) throw UNSUPPORTED;
    out += (i === 0 ? firstIndent : indent) + renderedKey + ':';
    out += valueAfterKey(map[key], childIndent);
  }
  return out;
}

function seqBody(seq: unknown[], indent: string, firstIndent: string): string {
  let out = '';
  const childIndent = indent + '  ';
  for (let i = 0; i < seq.length; i++) {
    out += (i === 0 ? firstIndent : indent) + '- ';
    const item = seq[i];
    if (Array.isArray(item)) {
      out += item.length === 0 ? '[]\n' : seqBody(item, childIndent, '');
    } else if (isPlainObject(item)) {
      const keys = Object.keys(item);
      out += keys.length === 0 ? '{}\n' : mapBody(item, keys, childIndent, '');
    } else {
      out += scalar(item, childIndent) + '\n';
    }
  }
  return out;
}

/** What follows `key:`: ` scalar\n`, ` {}\n`, or a newline and the nested block. */
function valueAfterKey(value: unknown, childIndent: string): string {
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : '\n' + seqBody(value, childIndent, childIndent);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? ' {}\n' : '\n' + mapBody(value, keys, childIndent, childIndent);
  }
  return ' ' + scalar(value, childIndent) + '\n';
}

function scalar(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string':
      return value.includes('\n') ? blockLiteral(value, indent) : singleLine(value);
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

/** A string without line breaks: plain when a YAML 1.1 reader reads it back as the same string, else quoted. */
function singleLine(value: string): string {
  const cached = lineCache.get(value);
  if (cached !== undefined) return cached;
  if (value.includes('\t') || FORCED_DOUBLE_QUOTE.test(value)) throw UNSUPPORTED;
  let rendered: string;
  if (value === MERGE_KEY) {
    rendered = value;
  } else if (NOT_PLAIN.test(value)) {
    rendered = quoted(value);
  } else {
    rendered = TYPED_SCALAR_TESTS.some((test) => test.test(value)) ? quoted(value) : value;
  }
  if (lineCache.size >= LINE_CACHE_LIMIT) lineCache.clear();
  lineCache.set(value, rendered);
  return rendered;
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
