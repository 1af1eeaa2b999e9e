import { createHash } from 'crypto';
import * as fs from 'fs';
import Module, { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';

/**
 * V8 code caches of the modules validation loads on its first use (the rules, the live-migration
 * checks and the precompiled schema validators: about 2 MB of JavaScript for a VM app), made when
 * the package is built (scripts/build-code-cache.ts). With them, the first validation of a
 * process deserializes those modules' compiled code instead of parsing and compiling it, which
 * was most of a small app's synth time (bench/: 100 VMs, about 30 ms of 150).
 *
 * A cache is taken only where it is exactly right, else the module compiles as `require` would:
 * - the folder is named after the V8 that made it (`process.versions.v8`, embedder patches
 *   included), so another Node never reads it;
 * - each cache is named after the SHA-1 of the source it was made from, so an edited module
 *   (patch-package) is compiled from its own source;
 * - V8 itself refuses a cache made under other V8 flags (`--max-old-space-size` included); after
 *   one refusal the process stops reading caches.
 */
export const CODE_CACHE_ROOT = path.join(__dirname, 'code-cache');

/** The folder of `root` holding caches for one V8 version. */
export function codeCacheFolder(root: string, v8Version: string = process.versions.v8): string {
  return path.join(root, `v8-${v8Version}`);
}

/** The cache file name of a module's source. */
export function codeCacheKey(source: string): string {
  return createHash('sha1').update(source).digest('hex');
}

/**
 * A CommonJS module's source as the function Node runs it in. The line break keeps the file's
 * line numbers (compiled with `lineOffset: -1`) in stack traces.
 */
export function wrapModuleSource(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`;
}

/** The options a module is compiled with, when its cache is made and when it is read: both must agree. */
export function moduleScriptOptions(file: string, cachedData?: Buffer): vm.ScriptOptions {
  return { filename: file, lineOffset: -1, cachedData };
}

/** How the caches served this process: modules loaded from a cache, and caches V8 refused. */
export interface CodeCacheUse {
  readonly used: number;
  readonly rejected: number;
}

const use = { used: 0, rejected: 0 };
/** Folders found (or not) on disk, by root. */
const folders = new Map<string, string | undefined>();

/** The modules loaded from a cache so far, and the caches V8 refused (the bench reports both). */
export function codeCacheUse(): CodeCacheUse {
  return { ...use };
}

/** A file's bytes, or undefined when there is no such file (one call where exists-then-read makes two). */
function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function folderOf(root: string): string | undefined {
  if (!folders.has(root)) {
    const folder = codeCacheFolder(root);
    folders.set(root, fs.existsSync(folder) ? folder : undefined);
  }
  return folders.get(root);
}

/**
 * `require(file)` for a CommonJS module of this package, through its code cache in `root` when
 * there is one for this V8 and this source. The module is registered in `require.cache` as
 * `require` would register it, so either way loads it once.
 */
export function requireWithCodeCache(file: string, root: string = CODE_CACHE_ROOT): any {
  const folder = use.rejected > 0 ? undefined : folderOf(root);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (folder === undefined) return require(file);
  const loaded = require.cache[file];
  if (loaded !== undefined) return loaded.exports;
  const source = fs.readFileSync(file, 'utf8');
  const cache = readIfPresent(path.join(folder, codeCacheKey(source)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (cache === undefined) return require(file);
  const script = new vm.Script(wrapModuleSource(source), moduleScriptOptions(file, cache));
  // Refused, V8 compiled the source instead: the script is still right to run.
  if (script.cachedDataRejected) use.rejected++;
  else use.used++;
  const module = new Module(file, undefined);
  module.filename = file;
  require.cache[file] = module;
  try {
    script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
