// One GitOps repository for a whole OpenShift Virtualization cluster: the operator (OLM), the
// HyperConverged runtime, a live-migration network, an application network with fixed IPs, and
// two live-migratable VMs on ReadWriteMany disks.
//
// GitOpsApp writes a folder per chart and deployment phase, plus:
// - argocd/: an app-of-apps (one Application per phase, in sync waves, retried, ignoring what
//   KubeVirt owns) that Argo CD syncs once argocd/bootstrap/ is applied;
// - flux/: the same phases as Flux Kustomizations, each depending on the one before.
// Commit the output, then `kubectl apply -f <output>/argocd/bootstrap/` (Argo CD) or point a Flux
// Kustomization at <output>/flux.
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AccessMode, CniPlugin, DataVolumeSource, EvictionStrategy, GitOpsApp, Ipam, LiveMigrationMode, NetworkAttachmentDefinition,
  OpenShiftVirtualization, StaticIpPool, VirtualMachine, VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

// Where this output is committed: Argo CD and Flux read it from there.
const REPOSITORY = 'https://github.com/example/platform.git';
const PATH_IN_REPOSITORY = 'dist/gitops-openshift';
// Shared block storage, so the VMs can live-migrate (OpenShift Data Foundation's RBD class).
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';

/** The operator and the cluster-wide runtime, with migrations on their own network. */
export class RuntimeChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const migrationNetwork = new NetworkAttachmentDefinition(this, 'migration-network', {
      metadata: { name: 'migration-network', namespace: 'openshift-cnv' },
      cni: CniPlugin.macvlan({ master: 'ens5' }),
      ipam: Ipam.whereabouts({ range: '10.200.0.0/24' }),
    });
    new OpenShiftVirtualization(this, 'openshift-virtualization', {
      hyperConverged: {
        liveMigration: { bandwidthPerMigration: Size.gibibytes(1), completionTimeoutPerGiB: Duration.seconds(300), network: migrationNetwork },
        evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
      },
    });
  }
}

/** The application VMs: fixed IPs on a secondary network, state on RWX disks, a Service each. */
export class AppsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    // Kept from GitOps deletion while it holds disks (deleting a Namespace deletes its disks).
    new WorkloadNamespace(this, 'namespace', { name: this.namespace! });
    const backend = new NetworkAttachmentDefinition(this, 'backend', {
      metadata: { name: 'backend' },
      cni: CniPlugin.bridge({ bridge: 'br-backend' }),
      ipam: Ipam.none(),
    });
    const addresses = new StaticIpPool(this, 'backend-ips', { cidr: '10.10.0.0/24' });
    for (const name of ['web-1', 'web-2']) {
      const vm = new VirtualMachine(this, name, {
        metadata: { name, labels: { app: 'web' } },
        cpu: { cores: 2 },
        memory: Size.gibibytes(4),
        liveMigration: LiveMigrationMode.REQUIRED,
        podNetwork: { ports: [{ name: 'https', port: 8443 }] },
      });
      vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
        source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:40'),
        size: Size.gibibytes(30),
        storageClassName: STORAGE_CLASS,
        accessModes: [AccessMode.READ_WRITE_MANY],
      }), { bootOrder: 1 });
      vm.attachNetwork(backend, { interfaceName: 'backend', ip: addresses.allocate(name) });
      vm.addCloudInit({ userData: { user: 'fedora', ssh_pwauth: false } });
      vm.exposeViaService({ ports: [{ name: 'https', port: 443, targetPort: 'https' }] });
    }
  }
}

const app = new GitOpsApp({
  argoCd: { repoURL: REPOSITORY, path: PATH_IN_REPOSITORY },
  flux: { path: PATH_IN_REPOSITORY },
});
new RuntimeChart(app, 'runtime');
new AppsChart(app, 'apps', { namespace: 'apps' });
app.synth();
