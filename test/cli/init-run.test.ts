// The programs `kubevirt-constructs init` writes, run: main.ts synthesizes YAML that
// `kubevirt-constructs validate` passes, and index.ts deploys the same chart under Pulumi's mocks.
// 'kubevirt-constructs' resolves to this repository's src/ (jest's moduleNameMapper).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';
import { installMocks, registered, valueOf } from '../pulumi/mocks';

installMocks();

const ROOT = path.join(__dirname, '..', '..');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-init-run-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project written by `init <dir> <flags>`, with node_modules as npm install would give it. */
async function project(dir: string, ...flags: string[]): Promise<string> {
  const result = await runCli(['init', dir, ...flags], {}, { cwd: tmp });
  expect(result.status).toBe(0);
  const folder = path.join(tmp, dir);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  return folder;
}

/** Runs a project's main.ts as `cdk8s synth` would, writing into its dist/. */
function synth(folder: string): string {
  const outdir = path.join(folder, 'dist');
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(folder, 'main.ts'));
  } finally {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
  }
  return outdir;
}

describe('init: the generated programs run', () => {
  test('main.ts synthesizes the namespace, the VM and its cloud-init Secret; validate passes them', async () => {
    const dist = synth(await project('cdk8s'));
    expect(fs.readdirSync(dist)).toEqual(['vms.k8s.yaml']);
    const yaml = fs.readFileSync(path.join(dist, 'vms.k8s.yaml'), 'utf8');
    expect(yaml.match(/^kind: \w+$/gm)).toEqual(['kind: Namespace', 'kind: VirtualMachine', 'kind: Secret']);
    expect(yaml).toContain('image: quay.io/containerdisks/fedora:40');
    expect(await runCli(['validate', dist])).toMatchObject({ status: 0, stdout: '3 object(s) in 1 file(s): 0 error(s), 0 warning(s)\n' });
  });

  test('--gitops: main.ts writes the layout and the Argo CD app-of-apps; validate passes the whole folder', async () => {
    const dist = synth(await project('gitops', '--gitops'));
    expect(fs.readdirSync(dist).sort()).toEqual(['argocd', 'kustomization.yaml', 'phases', 'vms']);
    expect(fs.readdirSync(path.join(dist, 'vms', 'workloads'))).toContain('virtualmachine-fedora.yaml');
    const result = await runCli(['validate', dist]);
    expect(result.stdout).toMatch(/: 0 error\(s\), 0 warning\(s\)\n$/);
    expect(result.status).toBe(0);
  });

  test('--pulumi: main.ts alone writes nothing; index.ts deploys the chart with ChartDeployment', async () => {
    const folder = await project('pulumi', '--pulumi');
    synth(folder);
    expect(fs.existsSync(path.join(folder, 'dist'))).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const outputs = require(path.join(folder, 'index.ts'));
    expect(Object.keys(await valueOf(outputs.objects)).sort()).toEqual(['Namespace/vms', 'Secret/vms/fedora-cloud-init', 'VirtualMachine/vms/fedora']);
    expect(registered().filter((r) => r.type === 'kubernetes:kubevirt.io/v1:VirtualMachine').map((r) => r.name)).toEqual(['virtualmachine-vms-fedora']);
  });
});
