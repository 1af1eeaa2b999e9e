// A three-node IBM MQ RDQM (replicated data queue manager) HA group on KubeVirt.
//
// Each node is a live-migratable VM: its root disk is imported over http into a ReadWriteMany
// DataVolume, its DRBD disk is a separate ReadWriteMany DataVolume that GitOps never prunes,
// and client traffic uses the pod network through masquerade binding. RDQM replication only
// accepts IP addresses, so each node gets a fixed address on a dedicated bridge network,
// allocated from one pool; rdqm.ini is generated from exactly those addresses.
import { Chart, ChartProps, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import {
  AccessMode, CniPlugin, DataVolume, DataVolumeSource, Ipam, LiveMigration, LiveMigrationMode, NetworkAttachmentDefinition,
  StaticIpPool, VirtualMachine, VirtualizationApp, VolumeMode, VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

const NODES = ['rdqm-1', 'rdqm-2', 'rdqm-3'];
// RDQM supports RHEL; replace with your RHEL 9 KVM guest image (qcow2) on an internal server.
const IMAGE_URL = 'https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2';
// Shared block storage, so the VMs can live-migrate (e.g. OpenShift Data Foundation's RBD class).
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';
// Replace with your own public key (the content of ~/.ssh/id_ed25519.pub).
const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAhCxPMxh2Arju4gJObsWwtHleQw3Ry7voAQRGtue04f demo@kubevirt-constructs';

/** rdqm.ini: one Node stanza per VM, with the replication address the VM really gets. */
export function renderRdqmIni(nodes: Array<{ name: string; replicationIp: string }>): string {
  return nodes.map((node) => `Node:\n  Name=${node.name}\n  HA_Replication=${node.replicationIp}\n`).join('');
}

export class RdqmChart extends Chart {
  public readonly vms: VirtualMachine[];

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // The queue managers' namespace, created with them (applied first).
    if (this.namespace !== undefined) new WorkloadNamespace(this, 'namespace', { name: this.namespace });

    // Layer 2 only: the guests configure their addresses (cloud-init network data).
    const replication = new NetworkAttachmentDefinition(this, 'replication', {
      metadata: { name: 'rdqm-replication' },
      cni: CniPlugin.bridge({ bridge: 'br-repl', mtu: 9000 }),
      ipam: Ipam.none(),
    });
    const pool = new StaticIpPool(this, 'replication-ips', { cidr: '192.168.4.0/24' });

    const nodes = NODES.map((name) => {
      const vm = new VirtualMachine(this, name, {
        metadata: { name, labels: { app: 'rdqm' } },
        cpu: { cores: 2 },
        memory: Size.gibibytes(8),
        podNetwork: { ports: [{ name: 'mq-listener', port: 1414 }, { name: 'ssh', port: 22 }] },
        // Node drains live-migrate the queue manager; synth fails if anything would prevent it.
        liveMigration: LiveMigrationMode.REQUIRED,
      });
      vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
        source: DataVolumeSource.http(IMAGE_URL),
        size: Size.gibibytes(30),
        storageClassName: STORAGE_CLASS,
        accessModes: [AccessMode.READ_WRITE_MANY],
        volumeMode: VolumeMode.BLOCK,
      }), { bootOrder: 1 });
      // RDQM replicates this disk with DRBD (volume group drbdpool). It outlives the VM.
      const drbd = new DataVolume(this, `${name}-drbd`, {
        metadata: { name: `${name}-drbd` },
        source: DataVolumeSource.blank(),
        size: Size.gibibytes(50),
        storageClassName: STORAGE_CLASS,
        accessModes: [AccessMode.READ_WRITE_MANY],
        volumeMode: VolumeMode.BLOCK,
      });
      vm.addDisk('drbd', VolumeSource.dataVolume(drbd), { serial: 'drbd' });
      const { ip } = vm.attachNetwork(replication, { interfaceName: 'repl', ip: pool.allocate(name) });
      vm.exposeViaService({ ports: [{ name: 'mq-listener', port: 1414 }] });
      return { vm, name, replicationIp: ip!.address };
    });
    this.vms = nodes.map((n) => n.vm);

    const rdqmIni = renderRdqmIni(nodes);
    new k8s.KubeConfigMap(this, 'rdqm-ini', {
      metadata: { name: 'rdqm-ini' },
      data: { 'rdqm.ini': rdqmIni },
    });
    // Every node gets the same rdqm.ini in /var/mqm, ready for `rdqmadm -c`.
    for (const { vm } of nodes) {
      vm.addCloudInit({
        userData: {
          user: 'mqadmin',
          ssh_pwauth: false,
          write_files: [{ path: '/var/mqm/rdqm.ini', permissions: '0644', content: rdqmIni }],
        },
        sshAuthorizedKeys: [SSH_PUBLIC_KEY],
      });
    }
  }
}

/**
 * Day 2: a one-off live migration of the first node, e.g. before its host's maintenance. It is
 * a chart (and file) of its own, applied when the move is wanted, not with the VMs.
 */
export class RdqmDay2Chart extends Chart {
  constructor(scope: Construct, id: string, rdqm: RdqmChart, props: ChartProps = {}) {
    super(scope, id, props);
    new LiveMigration(this, 'move-rdqm-1', { vm: rdqm.vms[0], metadata: { name: 'rdqm-1-maintenance' } });
  }
}

const app = new VirtualizationApp();
const rdqm = new RdqmChart(app, 'rdqm-ha', { namespace: 'mq' });
new RdqmDay2Chart(app, 'rdqm-ha-day2', rdqm, { namespace: 'mq' });
app.synth();
