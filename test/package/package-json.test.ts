/**
 * package.json describes a package users can install, pin and import: a real version, where it
 * lives, the Node.js it needs, entry points for every TypeScript module resolution, and a
 * `files` list that takes the compiled output and leaves the sources. No packing here: the smoke
 * test (scripts/smoke/run.sh, run by .ci/run) installs the real tarball.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const REPOSITORY = 'https://github.com/kubevirt-constructs/kubevirt-constructs';

/** The source file `tsc` (rootDir '.', outDir 'lib') compiles into a lib/ file; undefined for other paths. */
function sourceOf(libFile: string): string | undefined {
  const match = /^(?:\.\/)?lib\/((?:src|imports)\/.+)\.(?:d\.ts|js)$/.exec(libFile);
  return match ? `${match[1]}.ts` : undefined;
}

/** Every path the `exports` map names, as [subpath, condition, file]. */
function exportedFiles(): Array<[string, string, string]> {
  return Object.entries<any>(pkg.exports).flatMap(([subpath, target]) => typeof target === 'string'
    ? [[subpath, 'default', target] as [string, string, string]]
    : Object.entries<string>(target).map(([condition, file]) => [subpath, condition, file] as [string, string, string]));
}

describe('package.json', () => {
  test('has a version users can pin, with its entry in CHANGELOG.md', () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.version).not.toBe('0.0.0');
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`\n## ${pkg.version}\n`);
  });

  test('says where the project lives and which Node.js it needs', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: REPOSITORY });
    expect(pkg.homepage).toBe(`${REPOSITORY}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(pkg.engines).toEqual({ node: '>= 20.0.0' });
    expect(pkg.license).toBe('Apache-2.0');
  });

  test("exports '.' and './pulumi' with types first, and nothing deeper", () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './package.json', './pulumi']);
    for (const subpath of ['.', './pulumi']) {
      // TypeScript takes the first matching condition: `types` must come before `default`.
      expect(Object.keys(pkg.exports[subpath])).toEqual(['types', 'default']);
    }
    expect(pkg.exports['.']).toEqual({ types: './lib/src/index.d.ts', default: './lib/src/index.js' });
    expect(pkg.exports['./pulumi']).toEqual({ types: './lib/src/pulumi/index.d.ts', default: './lib/src/pulumi/index.js' });
  });

  test('moduleResolution node10, which ignores exports, finds the same types', () => {
    expect(pkg.main).toBe('lib/src/index.js');
    expect(pkg.types).toBe('lib/src/index.d.ts');
    expect(pkg.typesVersions).toEqual({ '*': { pulumi: ['lib/src/pulumi/index.d.ts'] } });
  });

  test('every file main, types, typesVersions, exports and bin name is one the compile writes', () => {
    const named = [
      pkg.main, pkg.types, ...Object.values<string>(pkg.bin),
      ...Object.values<string[]>(pkg.typesVersions['*']).flat(),
      ...exportedFiles().map(([, , file]) => file).filter((file) => file !== './package.json'),
    ];
    for (const file of named) {
      const source = sourceOf(file);
      expect({ file, source }).toEqual({ file, source: expect.stringMatching(/\.ts$/) });
      expect({ file, sourceExists: fs.existsSync(path.join(ROOT, source!)) }).toEqual({ file, sourceExists: true });
    }
  });

  test('the CLI is an executable script', () => {
    expect(pkg.bin).toEqual({ 'kubevirt-constructs': 'lib/src/cli/main.js' });
    expect(fs.readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  test('npm pack compiles first and takes the compiled output, the schemas and the changelog, not the sources', () => {
    expect(pkg.scripts.prepack).toBe('projen prepack');
    // lib/src/validation/code-cache/: the V8 code caches compile:code-cache makes (files without an extension).
    expect(pkg.files).toEqual(['lib/**/*.js', 'lib/**/*.d.ts', 'lib/src/validation/code-cache/', 'schemas/', 'pulumi-plugin/', 'CHANGELOG.md']);
    // validateManifests() reads these folders at run time (src/validation/schema-store.ts).
    for (const folder of ['k8s', 'json', 'crds']) expect(fs.existsSync(path.join(ROOT, 'schemas', folder))).toBe(true);
  });

  test('peers: cdk8s for everyone, Pulumi only for kubevirt-constructs/pulumi', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@pulumi/kubernetes', '@pulumi/pulumi', 'cdk8s', 'cdk8s-plus-32', 'constructs']);
    expect(pkg.peerDependenciesMeta).toEqual({ '@pulumi/pulumi': { optional: true }, '@pulumi/kubernetes': { optional: true } });
  });
});
