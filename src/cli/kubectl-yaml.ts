import * as jsyaml from 'js-yaml';

// Manifests are read as kubectl reads them, not as a YAML 1.2 library would:
// - the stream is split into documents at lines starting with `---`, as apimachinery's
//   YAMLReader does (k8s.io/apimachinery pkg/util/yaml/decoder.go), so one broken document
//   does not hide the others;
// - scalars resolve by YAML 1.1 rules, as go-yaml v2 (sigs.k8s.io/yaml) resolves them:
//   `on`/`off`/`yes`/`no`/`y`/`n` are booleans, `0755` is octal, `<<` merges;
// - quoted scalars may continue on lines indented no deeper than their key, a form common in
//   NetworkAttachmentDefinition configs that go-yaml accepts;
// - only the first YAML document of each chunk counts: sigs.k8s.io/yaml calls go-yaml v2's
//   Unmarshal, which reads one document and ignores what follows a `...` or `--- <content>`
//   marker (the `...` of an excerpt copied from the docs hides the rest of the object);
// - a `null` value is dropped from its mapping, as the API server's decoding does (zero value,
//   omitted again when stored), and `List` or typed `XxxList` documents are expanded.

const TRUE_WORDS = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE_WORDS = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const BOOL_WORDS = new Set([...TRUE_WORDS, ...FALSE_WORDS]);

// go-yaml v2 strips `_`, then tries strconv.ParseInt(s, 0, 64): a leading 0 means octal.
const GO_INT = /^[-+]?(?:0|[1-9][0-9]*|0[0-7]+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$/;
// go-yaml v2's yamlStyleFloat, plus its .inf/.nan words.
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, -Infinity] as const),
]);

// Most scalars of a manifest are names and text: a look at the first character rules numbers out
// before any regular expression runs (js-yaml asks every implicit type about every plain scalar).
const NUMBER_START = new Set('-+.0123456789');
const mayBeNumber = (data: string) => data.length > 0 && NUMBER_START.has(data[0]);
const withoutUnderscores = (data: string) => (data.includes('_') ? data.replace(/_/g, '') : data);

function parseGoInt(text: string): number {
  const plain = text.replace(/_/g, '');
  const sign = plain.startsWith('-') ? -1 : 1;
  const digits = plain.replace(/^[-+]/, '');
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0x') return sign * parseInt(digits.slice(2), 16);
  if (prefix === '0o') return sign * parseInt(digits.slice(2), 8);
  if (prefix === '0b') return sign * parseInt(digits.slice(2), 2);
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits.slice(1), 8);
  return sign * parseInt(digits, 10);
}

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);

const YAML11_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (data: string | null) => data === null || NULL_WORDS.has(data),
      construct: () => null,
    }),
    new jsyaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data: string) => BOOL_WORDS.has(data),
      construct: (data: string) => TRUE_WORDS.includes(data),
    }),
    new jsyaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (data: string) => mayBeNumber(data) && GO_INT.test(withoutUnderscores(data)),
      construct: parseGoInt,
    }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (data: string) => SPECIAL_FLOATS.has(data) || (mayBeNumber(data) && GO_FLOAT.test(withoutUnderscores(data))),
      construct: (data: string) => SPECIAL_FLOATS.get(data) ?? parseFloat(withoutUnderscores(data)),
    }),
    // js-yaml's loader merges the mapping under a key of this tag.
    new jsyaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: string | null) => data === '<<' }),
  ],
});

/** One YAML document of a stream: its value, or why it could not be read. */
export type ParsedDocument = { readonly value: unknown } | { readonly error: string };

/** A line apimachinery's YAMLReader takes as a document separator: `---`, then only a comment. */
const SEPARATOR_LINE = /^---[ \t]*(?:#[^\n]*)?\r?$/gm;

/** Whether a chunk holds more than blank lines and comments. */
const hasContent = (text: string) => /^[ \t]*[^\s#]/m.test(text);

/** The documents of a stream, each with the line it starts on (1-based). */
function splitDocuments(text: string): Array<{ readonly text: string; readonly line: number }> {
  const chunks: Array<{ text: string; line: number }> = [];
  let start = 0;
  let line = 1;
  const push = (end: number) => {
    const chunk = text.slice(start, end);
    // What precedes the first separator is a document only if it holds more than comments.
    if (start > 0 || end === text.length || hasContent(chunk)) chunks.push({ text: chunk, line });
  };
  for (const match of text.matchAll(SEPARATOR_LINE)) {
    push(match.index);
    line += countLines(text, start, match.index + match[0].length) + 1;
    start = Math.min(text.length, match.index + match[0].length + 1);
  }
  push(text.length);
  return chunks;
}

/** A document marker line: `---` or `...`, alone or followed by a space. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r]|$)/gm;

/**
 * The chunk's first YAML document, as go-yaml v2's Unmarshal reads it: up to a `...` end
 * marker, or to a `---` start marker that follows content (a leading `--- {...}` starts it).
 */
function firstDocument(chunk: string): string {
  // Most chunks have no marker left: skip the scan.
  if (!chunk.includes('\n...') && !chunk.includes('\n---') && !chunk.startsWith('...')) return chunk;
  for (const match of chunk.matchAll(DOCUMENT_MARKER)) {
    if (match[0] === '...' || hasContent(chunk.slice(0, match.index))) return chunk.slice(0, match.index);
  }
  return chunk;
}

/** Newlines in text[from, to). */
function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function describeYamlError(error: unknown, firstLine: number): string {
  if (!(error instanceof jsyaml.YAMLException)) return String(error);
  const mark = error.mark as { line?: number; column?: number } | undefined;
  const where = mark?.line !== undefined ? ` at line ${firstLine + mark.line}, column ${(mark.column ?? 0) + 1}` : '';
  return `${error.reason}${where}`;
}

/** Parses a manifest stream; a document that does not parse is reported, the others still read. */
export function parseManifestStream(text: string): ParsedDocument[] {
  const documents: ParsedDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    try {
      documents.push({ value: withoutNulls(jsyaml.load(firstDocument(chunk.text), { schema: YAML11_SCHEMA })) });
    } catch (error) {
      documents.push({ error: describeYamlError(error, chunk.line) });
    }
  }
  return documents;
}

/** The value with every `null` mapping entry removed, at any depth (in place: the parser's own objects). */
export function withoutNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (const item of value) withoutNulls(item);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const entry = record[key];
    if (entry === null) delete record[key];
    else if (typeof entry === 'object') withoutNulls(entry);
  }
  return value;
}

/**
 * The objects a document stands for: the items of a `List` or typed `XxxList` (items without
 * apiVersion and kind get the list's, as apimachinery's unstructured decoding gives them), or
 * the document itself.
 */
export function expandList(value: unknown): unknown[] {
  const list = value as { apiVersion?: unknown; kind?: unknown; items?: unknown };
  if (typeof list?.kind !== 'string' || !list.kind.endsWith('List') || !Array.isArray(list.items)) return [value];
  const itemKind = list.kind.slice(0, -'List'.length);
  return list.items.map((item) => {
    const entry = item as { apiVersion?: unknown; kind?: unknown };
    const typed = list.kind !== 'List' && typeof entry === 'object' && entry !== null && entry.apiVersion === undefined && entry.kind === undefined;
    return typed ? { apiVersion: list.apiVersion, kind: itemKind, ...entry } : item;
  });
}
