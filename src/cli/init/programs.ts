// The programs `kubevirt-constructs init` writes: main.ts (one VM in a cdk8s chart) and, with
// --pulumi, index.ts. They are what a new user reads first, so their comments say what to change
// and point to the next features by the names of the constructs that provide them.
import { InitOptions } from './project-files';

/**
 * Not a real key: replaced by the user. It has the shape of one, because the VM construct
 * refuses anything that is not an OpenSSH public key line.
 */
export const PLACEHOLDER_SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReplaceThisWithYourOwnPublicKey replace-me@example.com';

function header(options: InitOptions): string[] {
  const output = options.gitops ? 'a GitOps repository layout in dist/' : 'dist/vms.k8s.yaml';
  return [
    '// One Fedora VM for KubeVirt / OpenShift Virtualization.',
    `// \`npx cdk8s synth\` runs this file and writes ${output};`,
    '// `npx kubevirt-constructs validate dist` checks the output offline.',
    ...(options.pulumi ? ['// `pulumi up` deploys the same chart through index.ts.'] : []),
    "import { Chart, ChartProps, Size } from 'cdk8s';",
    "import { Construct } from 'constructs';",
    `import { ${options.gitops ? 'GitOpsApp, ' : ''}RunStrategy, VirtualMachine, ${options.gitops ? '' : 'VirtualizationApp, '}VolumeSource, WorkloadNamespace } from 'kubevirt-constructs';`,
    '',
    '// Replace with your own public key (the content of ~/.ssh/id_ed25519.pub).',
    `const SSH_PUBLIC_KEY = '${PLACEHOLDER_SSH_KEY}';`,
    '',
  ];
}

const CHART = `export class VmsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // The chart's namespace, created with it, so the output applies to an empty cluster.
    if (this.namespace !== undefined) new WorkloadNamespace(this, 'namespace', { name: this.namespace });

    const vm = new VirtualMachine(this, 'fedora', {
      metadata: { name: 'fedora' },
      runStrategy: RunStrategy.ALWAYS,
      cpu: { cores: 2 },
      memory: Size.gibibytes(4),
      // Live migration: liveMigration: LiveMigrationMode.REQUIRED, with ReadWriteMany disks;
      // \`npx kubevirt-constructs explain dist\` says whether a VM can migrate, and why not.
    });

    // A container disk starts fresh at every boot. For a disk that keeps its data, import an
    // image into a DataVolume:
    //   VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:40'),
    //     size: Size.gibibytes(30), accessModes: [AccessMode.READ_WRITE_MANY] })
    vm.addDisk('rootdisk', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'), { bootOrder: 1 });

    // Rendered as #cloud-config into the Secret "fedora-cloud-init", not inline in the VM.
    vm.addCloudInit({
      userData: { user: 'fedora', ssh_pwauth: false },
      sshAuthorizedKeys: [SSH_PUBLIC_KEY],
    });

    // More networks: a NetworkAttachmentDefinition (CniPlugin.bridge, Ipam.none) attached with
    //   vm.attachNetwork(nad, { interfaceName: 'backend', ip: new StaticIpPool(this, 'ips', { cidr: '10.10.0.0/24' }).allocate('fedora') })
    // Services: vm.exposeViaService({ ports: [{ name: 'ssh', port: 22 }] })
  }
}`;

function appLines(options: InitOptions): string[] {
  if (!options.gitops) {
    return [
      '// For Argo CD or Flux, GitOpsApp (kubevirt-constructs init --gitops shows it) writes dist/ as a',
      '// repository layout with an app-of-apps; VirtualizationApp writes one file per chart.',
      'const app = new VirtualizationApp();',
    ];
  }
  return [
    '// GitOpsApp writes dist/ as a repository layout (a folder per chart and deployment phase, with',
    '// kustomization.yaml files) and an Argo CD app-of-apps for it. Commit dist/ to your repository,',
    '// set repoURL to it, then apply dist/argocd/bootstrap/. For Flux, replace argoCd with',
    "// flux: { path: 'dist' }.",
    'const app = new GitOpsApp({',
    "  argoCd: { repoURL: 'https://git.example.com/your-team/vms.git', path: 'dist' },",
    '});',
  ];
}

function footer(options: InitOptions): string[] {
  const synth = [...appLines(options), "new VmsChart(app, 'vms', { namespace: 'vms' });", 'app.synth();'];
  if (!options.pulumi) return ['', ...synth, ''];
  return [
    '',
    '// Only when run by `cdk8s synth`: index.ts (pulumi up) imports VmsChart and deploys it itself.',
    'if (require.main === module) {',
    ...synth.map((line) => `  ${line}`),
    '}',
    '',
  ];
}

/** main.ts: a chart with one VM, and the app that synthesizes it. */
export function mainTemplate(options: InitOptions): string {
  return [...header(options), CHART, ...footer(options)].join('\n');
}

/** index.ts (--pulumi): the chart of main.ts deployed with ChartDeployment. */
export const PULUMI_INDEX_TEMPLATE = `// \`pulumi up\`: deploys the VMs of main.ts, one Pulumi resource per object, in dependency order;
// disks are kept on \`pulumi destroy\`. KubeVirt (or OpenShift Virtualization) must already run in
// the cluster of your kubeconfig; VirtualizationRuntime from kubevirt-constructs/pulumi installs it,
// and dependsOn: [runtime] on the ChartDeployment waits for it.
import { App } from 'cdk8s';
import { ChartDeployment } from 'kubevirt-constructs/pulumi';
import { VmsChart } from './main';

const app = new App();
new VmsChart(app, 'vms', { namespace: 'vms' });
const vms = new ChartDeployment('vms', { chart: app });

export const objects = vms.urns;
`;
