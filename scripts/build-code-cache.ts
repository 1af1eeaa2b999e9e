/**
 * Makes the V8 code caches src/validation/code-cache.ts reads, for the compiled package: one per
 * module of lib/src/validation/rules/ (its live-migration/ folder included) and of the newest
 * release's precompiled validators (lib/src/validation/precompiled/; the older targets' folders
 * compile on use, as few apps validate against them). Every function is compiled (V8's --no-lazy,
 * set only while compiling), so the cache serves any object, not the objects of one workload.
 * `npx projen compile` runs it after the validators:
 *   ts-node scripts/build-code-cache.ts [lib/src/validation]
 * The caches are made in a child process without NODE_OPTIONS: V8 takes a cache only under the
 * flags it was made with, and `node` as users start it has none.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { codeCacheFolder, codeCacheKey, moduleScriptOptions, wrapModuleSource } from '../src/validation/code-cache';

const CHILD = 'KUBEVIRT_CONSTRUCTS_CODE_CACHE_CHILD';

/** The folders under a compiled validation folder whose modules get a cache. */
export const CACHED_FOLDERS = ['rules', path.join('rules', 'live-migration'), 'precompiled'] as const;

/** The modules of `validationDir` that get a cache (the .js files of CACHED_FOLDERS), sorted. */
export function cachedModules(validationDir: string): string[] {
  return CACHED_FOLDERS.flatMap((folder) => {
    const dir = path.join(validationDir, folder);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((file) => file.endsWith('.js')).sort().map((file) => path.join(dir, file));
  });
}

/**
 * Writes a cache of each module into `root`'s folder for this process's V8, emptying `root` first
 * (caches of another V8 or of an older source are never read again). Returns what it wrote.
 */
export function buildCodeCache(files: readonly string[], root: string): { modules: number; bytes: number } {
  fs.rmSync(root, { recursive: true, force: true });
  const folder = codeCacheFolder(root);
  fs.mkdirSync(folder, { recursive: true });
  let bytes = 0;
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    v8.setFlagsFromString('--no-lazy');
    let script: vm.Script;
    try {
      script = new vm.Script(wrapModuleSource(source), moduleScriptOptions(file));
    } finally {
      // Back to V8's default before the cache is made: the cache records the flags of that moment.
      v8.setFlagsFromString('--lazy');
    }
    const data = script.createCachedData();
    fs.writeFileSync(path.join(folder, codeCacheKey(source)), data);
    bytes += data.length;
  }
  return { modules: files.length, bytes };
}

function main(): void {
  const validationDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib', 'src', 'validation'));
  if (process.env[CHILD] !== '1') {
    const env: NodeJS.ProcessEnv = { ...process.env, [CHILD]: '1' };
    delete env.NODE_OPTIONS;
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, validationDir], { env, stdio: 'inherit' });
    return;
  }
  const { modules, bytes } = buildCodeCache(cachedModules(validationDir), path.join(validationDir, 'code-cache'));
  // stderr: `npm pack --json` prints the package on stdout, and prepack runs this.
  console.error(`code cache: ${modules} modules, ${(bytes / 2 ** 20).toFixed(1)} MiB, for V8 ${process.versions.v8}`);
}

if (require.main === module) main();
