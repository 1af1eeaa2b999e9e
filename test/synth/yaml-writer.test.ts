import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { randomObject, seededRandom } from './yaml-fuzz';
import { stringifyYamlDocument, stringifyYamlDocuments, writeYamlDocuments } from '../../src/synth/yaml-writer';

/** cdk8s' own writer, and how often the fast writer handed a document to it. */
const cdk8sStringify = Yaml.stringify.bind(Yaml);
let slowPathCalls = 0;
beforeEach(() => {
  slowPathCalls = 0;
  jest.spyOn(Yaml, 'stringify').mockImplementation((...docs: unknown[]) => {
    slowPathCalls++;
    return cdk8sStringify(...docs);
  });
});
afterEach(() => jest.restoreAllMocks());

describe('stringifyYamlDocument writes the bytes cdk8s writes', () => {
  test.each([
    ['plain words and names', { name: 'vm-0', image: 'quay.io/containerdisks/fedora:40', path: 'kubevirt.io/domain' }, 'name: vm-0\nimage: quay.io/containerdisks/fedora:40\npath: kubevirt.io/domain\n'],
    ['YAML 1.1 booleans and nulls are quoted', { a: 'yes', b: 'off', c: 'y', d: 'null', e: '~', f: '' }, 'a: "yes"\nb: "off"\nc: "y"\nd: "null"\ne: "~"\nf: ""\n'],
    ['numbers as strings are quoted, MACs too (sexagesimal in YAML 1.1)', { port: '1414', octal: '0755', mac: '02:00:00:00:00:01', ip: '10.0.0.1' }, 'port: "1414"\noctal: "0755"\nmac: "02:00:00:00:00:01"\nip: 10.0.0.1\n'],
    ['keys YAML 1.1 would read as booleans', { y: 1, n: 2, on: true }, '"y": 1\n"n": 2\n"on": true\n'],
    ['single quotes when the string holds double quotes', { config: '{"cniVersion":"0.3.1"}', both: '- "a" \'b\'' }, 'config: \'{"cniVersion":"0.3.1"}\'\nboth: "- \\"a\\" \'b\'"\n'],
    ['empty collections, null, booleans, integers', { a: {}, b: [], c: null, d: false, e: -3 }, 'a: {}\nb: []\nc: null\nd: false\ne: -3\n'],
    ['sequences under keys and in sequences', { a: [[1, 2], [], [{ b: 'c', d: [{}] }]] }, 'a:\n  - - 1\n    - 2\n  - []\n  - - b: c\n      d:\n        - {}\n'],
    ['multi-line strings as literal blocks', { userdata: '#cloud-config\nuser: mq\n', script: 'a\nb', indented: '  x\ny\n' }, 'userdata: |\n  #cloud-config\n  user: mq\nscript: |-\n  a\n  b\nindented: |2\n    x\n  y\n'],
    ['blank lines at the end of a block keep them (|+)', { a: 'x\n\n', b: '\n' }, 'a: |+\n  x\n\nb: |+\n  \n'],
    ['the merge key', { '<<': '<<' }, '<<: <<\n'],
    ['document markers: quoted as top-level keys only', { '---': '---', 'a': { '...': '...' } }, '"---": ---\na:\n  ...: ...\n'],
  ])('%s', (_name, doc, expected) => {
    expect(stringifyYamlDocument(doc)).toBe(expected);
    expect(cdk8sStringify(doc)).toBe(expected);
    expect(slowPathCalls).toBe(0);
  });

  test.each([
    ['floats', { ratio: 0.5 }],
    ['negative zero and huge numbers', { a: -0, b: 1e21 }],
    ['control characters', { bell: 'a\u0007b' }],
    ['tabs', { t: 'a\tb' }],
    ['spaces after the last line break of a block', { s: 'a\n  ' }],
    ['undefined values', { u: undefined }],
    ['a key longer than 1024 characters', { ['k'.repeat(1100)]: 1 }],
  ])('hands %s to cdk8s, so the bytes still match', (_name, doc) => {
    expect(stringifyYamlDocument(doc)).toBe(cdk8sStringify(doc));
    expect(slowPathCalls).toBe(1);
  });

  test.each([
    ['short and long non-ASCII strings, keys and a surrogate pair', { clé: 'été', note: 'überprüfte Größe, 東京 → 大阪, 🚀 '.repeat(3), e: '🚀' }],
    ['a large document of many pieces', { list: Array.from({ length: 20_000 }, (_, i) => ({ name: `disk-${i}`, é: 'ü' })), big: 'ab'.repeat(200_000) }],
    ['a large document that gives up at its end (all of it written by cdk8s)', { big: 'x'.repeat(300_000), ratio: 0.5 }],
  ])('%s: the bytes cdk8s writes', (_name, doc) => {
    expect(stringifyYamlDocument(doc)).toBe(cdk8sStringify(doc));
    expect(stringifyYamlDocuments([doc, { after: 'ok' }, doc])).toBe(cdk8sStringify(doc, { after: 'ok' }, doc));
  });
});

describe('documents, files and random documents: the bytes cdk8s writes', () => {
  test('joins documents with ---, as Yaml.stringify(...docs)', () => {
    const docs = [{ a: 1 }, { b: 'x\ny' }, { c: 0.5 }];
    expect(stringifyYamlDocuments(docs)).toBe(cdk8sStringify(...docs));
    expect(stringifyYamlDocuments([])).toBe('');
  });

  test('writeYamlDocuments writes the file Yaml.save writes, across its write chunks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    const rand = seededRandom(3);
    // About 3 MiB: more than one 1 MiB chunk.
    const docs = Array.from({ length: 3000 }, () => ({ ...randomObject(rand, 3), padding: 'x'.repeat(1000) }));
    for (const [name, set] of [['many', docs], ['one', [docs[0]]], ['none', []]] as const) {
      writeYamlDocuments(path.join(dir, `${name}.ours.yaml`), set);
      Yaml.save(path.join(dir, `${name}.cdk8s.yaml`), [...set]);
      expect(fs.readFileSync(path.join(dir, `${name}.ours.yaml`), 'utf8')).toBe(fs.readFileSync(path.join(dir, `${name}.cdk8s.yaml`), 'utf8'));
    }
    expect(fs.statSync(path.join(dir, 'many.ours.yaml')).size).toBeGreaterThan(3 * 2 ** 20);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('20,000 random documents rich in what YAML treats specially are byte-identical', () => {
    const rand = seededRandom(20261125);
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const doc = randomObject(rand, 4);
      if (stringifyYamlDocument(doc) !== cdk8sStringify(doc)) mismatches.push(JSON.stringify(doc));
    }
    expect(mismatches).toEqual([]);
  });

  test('random documents of what manifests hold never leave the fast path', () => {
    const rand = seededRandom(7);
    const mismatches: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const doc = randomObject(rand, 4, 'manifest');
      if (stringifyYamlDocument(doc) !== cdk8sStringify(doc)) mismatches.push(JSON.stringify(doc));
    }
    expect(mismatches).toEqual([]);
    expect(slowPathCalls).toBe(0);
  });
});
