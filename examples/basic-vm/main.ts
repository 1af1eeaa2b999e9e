// A Fedora VM from a container disk: 2 cores, 4 GiB, cloud-init in a Secret.
// Run it with `npx cdk8s synth` in this folder (or `npm run synth` at the repository root).
import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { RunStrategy, VirtualMachine, VirtualizationApp, VolumeSource, WorkloadNamespace } from 'kubevirt-constructs';

// Replace with your own public key (the content of ~/.ssh/id_ed25519.pub).
const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAhCxPMxh2Arju4gJObsWwtHleQw3Ry7voAQRGtue04f demo@kubevirt-constructs';

export class BasicVmChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // The chart's namespace, created with it, so the output applies to an empty cluster.
    if (this.namespace !== undefined) new WorkloadNamespace(this, 'namespace', { name: this.namespace });

    const vm = new VirtualMachine(this, 'fedora', {
      metadata: { name: 'fedora', labels: { app: 'fedora' } },
      runStrategy: RunStrategy.ALWAYS,
      cpu: { cores: 2 },
      memory: Size.gibibytes(4),
    });

    vm.addDisk('rootdisk', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'), { bootOrder: 1 });

    // Rendered as #cloud-config into the Secret "fedora-cloud-init", never inline in the VM.
    vm.addCloudInit({
      userData: {
        user: 'fedora',
        ssh_pwauth: false,
        packages: ['qemu-guest-agent'],
        runcmd: [['systemctl', 'enable', '--now', 'qemu-guest-agent']],
      },
      sshAuthorizedKeys: [SSH_PUBLIC_KEY],
    });
  }
}

const app = new VirtualizationApp();
new BasicVmChart(app, 'basic-vm', { namespace: 'vms' });
app.synth();
