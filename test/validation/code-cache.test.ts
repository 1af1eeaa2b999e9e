import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// V8 takes a code cache only in the context and under the flags it was made with, so the loader
// runs in node processes of its own (jest's module registry and sandbox are not node's).
const ROOT = path.resolve(__dirname, '..', '..');
const LOADER = path.join(ROOT, 'src', 'validation', 'code-cache.ts');
const BUILDER = path.join(ROOT, 'scripts', 'build-code-cache.ts');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-code-cache-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `code` in a node with the loader (`loader`) and builder (`builder`) in scope; returns what it printed as JSON. */
function inNode(code: string, v8Flags: string[] = []): any {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const script = `const loader = require(${JSON.stringify(LOADER)}); const builder = require(${JSON.stringify(BUILDER)});
    const dir = ${JSON.stringify(dir)}; const path = require('path'); const fs = require('fs');
    ${code}`;
  const out = execFileSync(process.execPath, [...v8Flags, '-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function writeModule(name: string, source: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

const COUNTED = (value: string) => `globalThis.loads = (globalThis.loads || 0) + 1;\nmodule.exports = { value: ${value}, helper: require('./helper.js'), file: __filename };\n`;

test('a module is loaded from its cache once, registered where require finds it, with its own require and __filename', () => {
  const file = writeModule('counted.js', COUNTED('"cached"'));
  writeModule('helper.js', 'module.exports = "helper";\n');
  const result = inNode(`
    const built = builder.buildCodeCache([${JSON.stringify(file)}], path.join(dir, 'cache'));
    const loaded = loader.requireWithCodeCache(${JSON.stringify(file)}, path.join(dir, 'cache'));
    const again = loader.requireWithCodeCache(${JSON.stringify(file)}, path.join(dir, 'cache'));
    console.log(JSON.stringify({ built, loaded, sameForRequire: require(${JSON.stringify(file)}) === loaded && again === loaded,
      loads: globalThis.loads, use: loader.codeCacheUse() }));`);
  expect(result.built.modules).toBe(1);
  expect(result.built.bytes).toBeGreaterThan(0);
  expect(result.loaded).toEqual({ value: 'cached', helper: 'helper', file });
  expect(result.sameForRequire).toBe(true);
  expect(result.loads).toBe(1);
  expect(result.use).toEqual({ used: 1, rejected: 0 });
});

test('stack traces keep the line numbers of the module file', () => {
  const file = writeModule('throws.js', '"use strict";\n\nthrow new Error("boom");\n');
  const result = inNode(`
    builder.buildCodeCache([${JSON.stringify(file)}], path.join(dir, 'cache'));
    let stack = '';
    try { loader.requireWithCodeCache(${JSON.stringify(file)}, path.join(dir, 'cache')); } catch (e) { stack = e.stack; }
    console.log(JSON.stringify({ stack, registered: require.cache[${JSON.stringify(file)}] !== undefined, use: loader.codeCacheUse() }));`);
  expect(result.stack).toContain(`${file}:3`);
  expect(result.registered).toBe(false);
  expect(result.use).toEqual({ used: 1, rejected: 0 });
});

test('a module edited after its cache was made (same length) runs its own source', () => {
  const file = writeModule('counted.js', COUNTED('"before"'));
  writeModule('helper.js', 'module.exports = "helper";\n');
  const result = inNode(`
    builder.buildCodeCache([${JSON.stringify(file)}], path.join(dir, 'cache'));
    fs.writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(COUNTED('"edited"'))});
    const loaded = loader.requireWithCodeCache(${JSON.stringify(file)}, path.join(dir, 'cache'));
    console.log(JSON.stringify({ loaded, use: loader.codeCacheUse() }));`);
  expect(COUNTED('"before"').length).toBe(COUNTED('"edited"').length);
  expect(result.loaded.value).toBe('edited');
  expect(result.use).toEqual({ used: 0, rejected: 0 });
});

test('under other V8 flags the cache is refused, the module still loads, and no further cache is read', () => {
  const first = writeModule('first.js', 'module.exports = "first";\n');
  const second = writeModule('second.js', 'module.exports = "second";\n');
  inNode(`console.log(JSON.stringify(builder.buildCodeCache(${JSON.stringify([first, second])}, path.join(dir, 'cache'))));`);
  const result = inNode(`
    const loaded = [loader.requireWithCodeCache(${JSON.stringify(first)}, path.join(dir, 'cache')), loader.requireWithCodeCache(${JSON.stringify(second)}, path.join(dir, 'cache'))];
    console.log(JSON.stringify({ loaded, use: loader.codeCacheUse() }));`, ['--max-old-space-size=1234']);
  expect(result.loaded).toEqual(['first', 'second']);
  expect(result.use).toEqual({ used: 0, rejected: 1 });
});

test('without a cache folder for this V8, modules load through require', () => {
  const file = writeModule('plain.js', 'module.exports = "plain";\n');
  const result = inNode(`
    fs.mkdirSync(path.join(dir, 'cache', 'v8-0.0.0'), { recursive: true });
    const loaded = loader.requireWithCodeCache(${JSON.stringify(file)}, path.join(dir, 'cache'));
    console.log(JSON.stringify({ loaded, use: loader.codeCacheUse() }));`);
  expect(result.loaded).toBe('plain');
  expect(result.use).toEqual({ used: 0, rejected: 0 });
});

test('the build caches the rules, the live-migration checks and the precompiled validators, nothing else', () => {
  const validation = path.join(dir, 'validation');
  for (const folder of ['rules', 'rules/live-migration', 'rules/helpers', 'precompiled', 'precompiled/kubevirt-v1.7.x']) {
    fs.mkdirSync(path.join(validation, folder), { recursive: true });
    fs.writeFileSync(path.join(validation, folder, 'module.js'), '');
    fs.writeFileSync(path.join(validation, folder, 'module.d.ts'), '');
  }
  fs.writeFileSync(path.join(validation, 'other.js'), '');
  const modules = inNode(`console.log(JSON.stringify(builder.cachedModules(${JSON.stringify(validation)})));`);
  expect(modules.map((file: string) => path.relative(validation, file))).toEqual([
    'rules/module.js', 'rules/live-migration/module.js', 'precompiled/module.js',
  ]);
});
