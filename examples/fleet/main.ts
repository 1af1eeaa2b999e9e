// One program, three clusters: a production pair on OpenShift Virtualization (prod-east and
// prod-west, a DR pair whose IBM MQ RDQM replication network is one L2 segment stretched across
// both) and a lab on upstream KubeVirt with software emulation. Each cluster runs a three-node
// RDQM group with fixed replication addresses.
//
// The Fleet writes clusters/<name>/ (the GitOpsApp layout of each cluster), argocd/ (an
// ApplicationSet creating each cluster's app-of-apps; argocd/bootstrap/ is applied once by hand)
// and flux/ (one Kustomization per cluster, applying its phases through its kubeconfig Secret).
import { Chart, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import {
  AccessMode, Cdi, CniPlugin, DataVolumeSource, Fleet, FleetCluster, GitOpsApp, Ipam, KubeVirt, LiveMigrationMode,
  NetworkAttachmentDefinition, OpenShiftVirtualization, SharedIpPool, VirtualMachine, VirtualizationPlatform, VolumeMode,
  VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

// Where this output is committed: Argo CD and Flux read it from there.
const REPOSITORY = 'https://github.com/example/platform.git';
const PATH_IN_REPOSITORY = 'dist/fleet';
const IMAGE_URL = 'https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2';
const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAhCxPMxh2Arju4gJObsWwtHleQw3Ry7voAQRGtue04f demo@kubevirt-constructs';

// The replication segment the DR pair shares: no address may be used in both clusters.
const stretchedReplication = new SharedIpPool({ name: 'rdqm-replication', cidr: '10.40.0.0/24', clusters: ['prod-east', 'prod-west'] });

/** The RDQM nodes of each cluster and their fixed replication addresses (RDQM accepts only IPs). */
const RDQM_NODES: Record<string, Record<string, string>> = {
  'prod-east': { 'rdqm-1': '10.40.0.11', 'rdqm-2': '10.40.0.12', 'rdqm-3': '10.40.0.13' },
  'prod-west': { 'rdqm-1': '10.40.0.21', 'rdqm-2': '10.40.0.22', 'rdqm-3': '10.40.0.23' },
  // The lab's segment is its own: it may reuse the production addresses.
  'lab': { 'rdqm-1': '10.40.0.11', 'rdqm-2': '10.40.0.12', 'rdqm-3': '10.40.0.13' },
};

/** The runtime each platform needs: OpenShift Virtualization through OLM, or KubeVirt and CDI. */
function declareRuntime(cluster: FleetCluster, app: GitOpsApp): void {
  const chart = new Chart(app, 'runtime');
  if (cluster.isOpenShift) {
    new OpenShiftVirtualization(chart, 'openshift-virtualization', { emulation: cluster.emulation });
  } else {
    new KubeVirt(chart, 'kubevirt', { emulation: cluster.emulation });
    new Cdi(chart, 'cdi', {});
  }
}

/** A three-node RDQM group on RWX block disks, replicating over the cluster's replication network. */
function declareRdqm(cluster: FleetCluster, app: GitOpsApp): void {
  const chart = new Chart(app, 'rdqm', { namespace: 'mq' });
  new WorkloadNamespace(chart, 'namespace', { name: 'mq' });
  const replication = new NetworkAttachmentDefinition(chart, 'replication', {
    metadata: { name: 'rdqm-replication' },
    cni: CniPlugin.bridge({ bridge: 'br-repl', mtu: 9000 }),
    ipam: Ipam.none(),
  });
  const addresses = cluster.ipPool(chart, 'replication-ips', 'replication');
  const nodes = Object.entries(RDQM_NODES[cluster.name]).map(([name, address]) => {
    const vm = new VirtualMachine(chart, name, {
      metadata: { name, labels: { app: 'rdqm' } },
      cpu: { cores: 2 },
      memory: Size.gibibytes(8),
      podNetwork: { ports: [{ name: 'mq-listener', port: 1414 }] },
      liveMigration: LiveMigrationMode.REQUIRED,
    });
    vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.http(IMAGE_URL),
      size: Size.gibibytes(30),
      storageClassName: cluster.storageClass('rwx'),
      accessModes: [AccessMode.READ_WRITE_MANY],
      volumeMode: VolumeMode.BLOCK,
    }), { bootOrder: 1 });
    const { ip } = vm.attachNetwork(replication, { interfaceName: 'repl', ip: addresses.allocate(name, address) });
    vm.exposeViaService({ ports: [{ name: 'mq-listener', port: 1414 }] });
    return { vm, name, replicationIp: ip!.address };
  });
  // rdqm.ini names every node with the replication address it really gets.
  const rdqmIni = nodes.map((n) => `Node:\n  Name=${n.name}\n  HA_Replication=${n.replicationIp}\n`).join('');
  new k8s.KubeConfigMap(chart, 'rdqm-ini', { metadata: { name: 'rdqm-ini' }, data: { 'rdqm.ini': rdqmIni } });
  for (const { vm } of nodes) {
    vm.addCloudInit({
      userData: { user: 'mqadmin', ssh_pwauth: false, write_files: [{ path: '/var/mqm/rdqm.ini', permissions: '0644', content: rdqmIni }] },
      sshAuthorizedKeys: [SSH_PUBLIC_KEY],
    });
  }
}

new Fleet({
  clusters: [
    {
      name: 'prod-east',
      platform: VirtualizationPlatform.OPENSHIFT,
      storageClasses: { rwx: 'ocs-storagecluster-ceph-rbd-virtualization' },
      networks: { replication: stretchedReplication },
      argoCdDestination: { server: 'https://api.prod-east.example.com:6443' },
      fluxKubeConfig: { secretName: 'prod-east-kubeconfig' },
    },
    {
      name: 'prod-west',
      platform: VirtualizationPlatform.OPENSHIFT,
      storageClasses: { rwx: 'ocs-storagecluster-ceph-rbd-virtualization' },
      networks: { replication: stretchedReplication },
      argoCdDestination: { server: 'https://api.prod-west.example.com:6443' },
      fluxKubeConfig: { secretName: 'prod-west-kubeconfig' },
    },
    {
      name: 'lab',
      platform: VirtualizationPlatform.KUBEVIRT,
      emulation: true,
      storageClasses: { rwx: 'nfs-csi' },
      networks: { replication: { cidr: '10.40.0.0/24' } },
      argoCdDestination: { name: 'lab' },
      fluxKubeConfig: { secretName: 'lab-kubeconfig' },
    },
  ],
  build: (cluster, app) => {
    declareRuntime(cluster, app);
    declareRdqm(cluster, app);
  },
  argoCd: { repoURL: REPOSITORY, path: PATH_IN_REPOSITORY },
  flux: { path: PATH_IN_REPOSITORY },
}).synth();
