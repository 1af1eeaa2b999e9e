// `kubevirt-constructs init`: the files it writes, what it refuses, and that the programs it
// writes compile against this repository's sources under the tsconfig it writes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { runCli } from './run-cli';
import { PLACEHOLDER_SSH_KEY } from '../../src/cli/init/programs';
import { INIT_DEV_DEPENDENCIES, projectName } from '../../src/cli/init/project-files';

const ROOT = path.join(__dirname, '..', '..');
const REPO_PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-init-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `init <args>` run from `tmp`; returns the run and the folder's files (name -> content). */
async function init(dir: string, ...flags: string[]) {
  const result = await runCli(['init', dir, ...flags], {}, { cwd: tmp });
  const folder = path.join(tmp, dir);
  const files = fs.existsSync(folder) ? Object.fromEntries(fs.readdirSync(folder).sort().map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')])) : {};
  return { result, files };
}

describe('init: the project it writes', () => {
  test('a cdk8s project: the files, each listed on stdout, and the next commands on stderr', async () => {
    const { result, files } = await init('My VMs');
    expect(result.status).toBe(0);
    expect(Object.keys(files)).toEqual(['.gitignore', 'cdk8s.yaml', 'main.ts', 'package.json', 'tsconfig.json']);
    expect(result.stdout).toBe(['package.json', 'tsconfig.json', '.gitignore', 'cdk8s.yaml', 'main.ts'].map((f) => `created My VMs/${f}\n`).join(''));
    expect(result.stderr).toBe([
      '',
      'Next: put your SSH public key into main.ts (SSH_PUBLIC_KEY), then',
      "  cd 'My VMs' && npm install && npx cdk8s synth && npx kubevirt-constructs validate dist",
      '',
    ].join('\n'));
    expect(files['cdk8s.yaml']).toMatch(/^app: npx ts-node main\.ts$/m);
    expect(files['main.ts']).toContain('new VirtualizationApp()');
    expect(files['main.ts']).toContain(PLACEHOLDER_SSH_KEY);
    expect(files['main.ts']).not.toContain('require.main');
  });

  test('package.json: this package at its version, its peers at the ranges it declares, tools that work together', async () => {
    const { files } = await init('versions');
    const json = JSON.parse(files['package.json']);
    expect(json).toEqual({
      name: 'versions',
      version: '0.1.0',
      private: true,
      scripts: { synth: 'cdk8s synth', validate: 'kubevirt-constructs validate dist' },
      dependencies: {
        'cdk8s': REPO_PACKAGE.peerDependencies.cdk8s,
        'cdk8s-plus-32': REPO_PACKAGE.peerDependencies['cdk8s-plus-32'],
        'constructs': REPO_PACKAGE.peerDependencies.constructs,
        'kubevirt-constructs': `^${REPO_PACKAGE.version}`,
      },
      devDependencies: { '@types/node': '^20', 'cdk8s-cli': '^2.200.0', 'ts-node': '^10.9.2', 'typescript': '~5.9.3' },
    });
    // The tools are the ones this repository builds and tests with: a bump here is a reminder to bump them there.
    for (const tool of ['cdk8s-cli', 'ts-node', 'typescript', '@types/node']) expect([tool, INIT_DEV_DEPENDENCIES[tool]]).toEqual([tool, REPO_PACKAGE.devDependencies[tool]]);
  });

  test('the default folder is the current one, and the name comes from it', async () => {
    const here = path.join(tmp, 'Here & Now');
    fs.mkdirSync(here);
    const result = await runCli(['init'], {}, { cwd: here });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('created package.json');
    expect(result.stderr).toContain('\n  npm install && npx cdk8s synth');
    expect(JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).name).toBe('here-now');
    expect([projectName('..'), projectName('Ünïcode'), projectName('a.b_c')]).toEqual(['kubevirt-vms', 'n-code', 'a.b_c']);
  });
});

describe('init --pulumi, --gitops', () => {
  test('--pulumi: Pulumi.yaml, index.ts with ChartDeployment, the Pulumi peers; main.ts synthesizes only under cdk8s', async () => {
    const { result, files } = await init('pulumi', '--pulumi');
    expect(result.status).toBe(0);
    expect(Object.keys(files)).toEqual(['.gitignore', 'Pulumi.yaml', 'cdk8s.yaml', 'index.ts', 'main.ts', 'package.json', 'tsconfig.json']);
    expect(files['Pulumi.yaml']).toBe('name: pulumi\ndescription: VMs on KubeVirt / OpenShift Virtualization (kubevirt-constructs)\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n');
    expect(files['index.ts']).toContain("new ChartDeployment('vms', { chart: app })");
    expect(files['main.ts']).toContain('if (require.main === module) {');
    const json = JSON.parse(files['package.json']);
    expect(json.main).toBe('index.ts');
    expect(json.dependencies['@pulumi/pulumi']).toBe(REPO_PACKAGE.peerDependencies['@pulumi/pulumi']);
    expect(json.dependencies['@pulumi/kubernetes']).toBe(REPO_PACKAGE.peerDependencies['@pulumi/kubernetes']);
    expect(json.scripts).toEqual({ synth: 'cdk8s synth', validate: 'kubevirt-constructs validate dist' });
    expect(result.stderr).toContain('pulumi stack init dev && pulumi up');
  });

  test('--gitops: main.ts writes the output with GitOpsApp and an Argo CD app-of-apps', async () => {
    const { result, files } = await init('gitops', '--gitops');
    expect(result.status).toBe(0);
    expect(files['main.ts']).toContain("const app = new GitOpsApp({\n  argoCd: { repoURL: 'https://git.example.com/your-team/vms.git', path: 'dist' },\n});");
    expect(files['main.ts']).not.toContain('VirtualizationApp');
    expect(files['main.ts']).toContain("// flux: { path: 'dist' }.");
  });
});

describe('init: what it refuses', () => {
  test('an existing file: exit 2 naming it, nothing written, the file untouched', async () => {
    const dir = path.join(tmp, 'existing');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.ts'), 'keep me');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{}');
    const { result, files } = await init('existing', '--pulumi');
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `kubevirt-constructs: ${dir} has tsconfig.json, main.ts already: refusing to overwrite, nothing was written; `
        + 'choose a new folder (kubevirt-constructs init <dir>) or move these files away\n',
    });
    expect(files).toEqual({ 'main.ts': 'keep me', 'tsconfig.json': '{}' });
  });

  test('a file where the folder goes, or two folders: exit 2, nothing written', async () => {
    fs.writeFileSync(path.join(tmp, 'a-file'), 'x');
    expect(await runCli(['init', 'a-file'], {}, { cwd: tmp })).toMatchObject({ status: 2, stderr: `kubevirt-constructs: ${path.join(tmp, 'a-file')} is a file, not a folder: give a new or existing folder to init\n` });
    expect(await runCli(['init', 'one', 'two'], {}, { cwd: tmp })).toMatchObject({
      status: 2, stderr: 'kubevirt-constructs: init takes one folder, got 2 (one two): kubevirt-constructs init [dir] [--pulumi] [--gitops]\n',
    });
    expect(fs.existsSync(path.join(tmp, 'one'))).toBe(false);
  });
});

/** Compiler options of the tsconfig init wrote, plus paths that resolve the package to this repository's src/. */
function compilerOptions(tsconfigFile: string): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(tsconfigFile, ts.sys.readFile);
  expect(error).toBeUndefined();
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(tsconfigFile));
  expect(parsed.errors).toEqual([]);
  return {
    ...parsed.options,
    noEmit: true,
    baseUrl: ROOT,
    paths: { 'kubevirt-constructs': ['src/index.ts'], 'kubevirt-constructs/pulumi': ['src/pulumi/index.ts'] },
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  };
}

describe('init: the generated programs compile', () => {
  test('main.ts and index.ts of every variant type-check under the generated tsconfig, with no diagnostics', async () => {
    const variants: Array<[string, string[]]> = [['tc-cdk8s', []], ['tc-pulumi', ['--pulumi']], ['tc-gitops', ['--gitops']], ['tc-both', ['--pulumi', '--gitops']]];
    const roots: string[] = [];
    const tsconfigs = new Set<string>();
    for (const [dir, flags] of variants) {
      const { result, files } = await init(dir, ...flags);
      expect(result.status).toBe(0);
      tsconfigs.add(files['tsconfig.json']);
      // The project's own node_modules, as npm install would make it (the packages this repository has).
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, dir, 'node_modules'), 'dir');
      roots.push(...['main.ts', 'index.ts'].filter((f) => files[f] !== undefined).map((f) => path.join(tmp, dir, f)));
    }
    expect(tsconfigs.size).toBe(1);
    const program = ts.createProgram(roots, compilerOptions(path.join(tmp, 'tc-cdk8s', 'tsconfig.json')));
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(tmp, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
    expect(roots.map((f) => path.relative(tmp, f))).toEqual([
      'tc-cdk8s/main.ts', 'tc-pulumi/main.ts', 'tc-pulumi/index.ts', 'tc-gitops/main.ts', 'tc-both/main.ts', 'tc-both/index.ts',
    ]);
  }, 180_000);
});
