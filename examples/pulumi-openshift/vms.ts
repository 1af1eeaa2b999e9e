// The VMs of this example, declared once with cdk8s constructs. `pulumi up` (index.ts) deploys
// them with ChartDeployment; `cdk8s synth` (main.ts) writes the same objects as YAML for GitOps.
import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AccessMode, CniPlugin, DataVolumeSource, Ipam, LiveMigrationMode, NetworkAttachmentDefinition, StaticIpPool, VirtualMachine, VolumeSource,
  WorkloadNamespace,
} from 'kubevirt-constructs';

export class AppVms extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    // Created first (deployment phase "operators"); pulumi destroy and GitOps keep it while it holds disks.
    if (this.namespace !== undefined) new WorkloadNamespace(this, 'namespace', { name: this.namespace });
    const backend = new NetworkAttachmentDefinition(this, 'backend', {
      metadata: { name: 'backend' },
      cni: CniPlugin.bridge({ bridge: 'br-backend' }),
      ipam: Ipam.none(),
    });
    const pool = new StaticIpPool(this, 'backend-ips', { cidr: '10.10.0.0/24' });
    for (const name of ['app-1', 'app-2']) {
      const vm = new VirtualMachine(this, name, {
        metadata: { name },
        cpu: { cores: 2 },
        memory: Size.gibibytes(4),
        liveMigration: LiveMigrationMode.REQUIRED,
        podNetwork: { ports: [{ name: 'https', port: 8443 }] },
      });
      vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
        source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:40'),
        size: Size.gibibytes(30),
        accessModes: [AccessMode.READ_WRITE_MANY],
      }), { bootOrder: 1 });
      vm.attachNetwork(backend, { interfaceName: 'backend', ip: pool.allocate(name) });
      vm.addCloudInit({ userData: { user: 'fedora', ssh_pwauth: false } });
      vm.exposeViaService({ ports: [{ name: 'https', port: 443, targetPort: 'https' }] });
    }
  }
}
