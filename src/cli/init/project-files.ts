// The project files `kubevirt-constructs init` writes: package.json, tsconfig.json, cdk8s.yaml,
// Pulumi.yaml, .gitignore. The programs themselves are in programs.ts.
import { PackageInfo } from '../package-info';

/** What `init` was asked for. */
export interface InitOptions {
  /** A Pulumi program (index.ts, Pulumi.yaml) that deploys the chart with ChartDeployment. */
  readonly pulumi: boolean;
  /** main.ts writes a GitOps repository layout with GitOpsApp. */
  readonly gitops: boolean;
}

/**
 * Tools the generated project runs, in versions that work together: ts-node 10 with TypeScript
 * 5 (npx would otherwise fetch the newest TypeScript, which ts-node and @pulumi/pulumi, whose
 * peer range is `< 6`, do not support), and the cdk8s CLI for `cdk8s synth`.
 */
export const INIT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/node': '^20',
  'cdk8s-cli': '^2.200.0',
  'ts-node': '^10.9.2',
  'typescript': '~5.9.3',
};

const CDK8S_PEERS = ['cdk8s', 'cdk8s-plus-32', 'constructs'];
const PULUMI_PEERS = ['@pulumi/kubernetes', '@pulumi/pulumi'];

/** An npm package name from a folder name: lower case, only the characters npm allows. */
export function projectName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'kubevirt-vms' : name.slice(0, 214);
}

function sorted(entries: Array<[string, string]>): Record<string, string> {
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** package.json: this package at its own version, its peers at the ranges it declares. */
export function packageJsonTemplate(name: string, options: InitOptions, self: PackageInfo): string {
  const peers = [...CDK8S_PEERS, ...(options.pulumi ? PULUMI_PEERS : [])].map((peer): [string, string] => {
    const range = self.peerDependencies[peer];
    if (range === undefined) throw new Error(`${self.name}'s package.json has no peer dependency ${peer}: reinstall ${self.name}`);
    return [peer, range];
  });
  const json = {
    name,
    version: '0.1.0',
    private: true,
    // Pulumi's Node.js runtime loads the package's main file; ts-node compiles it.
    ...(options.pulumi ? { main: 'index.ts' } : {}),
    scripts: {
      synth: 'cdk8s synth',
      validate: 'kubevirt-constructs validate dist',
    },
    dependencies: sorted([[self.name, `^${self.version}`], ...peers]),
    devDependencies: sorted(Object.entries(INIT_DEV_DEPENDENCIES)),
  };
  return JSON.stringify(json, undefined, 2) + '\n';
}

/**
 * CommonJS, which ts-node runs without flags; `node16` resolution reads the package's `exports`,
 * so `kubevirt-constructs/pulumi` resolves with its types.
 */
export const TSCONFIG_TEMPLATE = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
  },
  include: ['*.ts'],
}, undefined, 2) + '\n';

export const CDK8S_YAML_TEMPLATE = [
  '# `npx cdk8s synth` runs main.ts and writes the YAML to dist/.',
  'language: typescript',
  'app: npx ts-node main.ts',
  'output: dist',
  '',
].join('\n');

export function pulumiYamlTemplate(name: string): string {
  return [
    `name: ${name}`,
    'description: VMs on KubeVirt / OpenShift Virtualization (kubevirt-constructs)',
    'runtime:',
    '  name: nodejs',
    '  options:',
    '    typescript: true',
    '',
  ].join('\n');
}

export const GITIGNORE_TEMPLATE = 'node_modules/\ndist/\n';
