/**
 * A fleet of VMs of the rdqm-ha shape, built through this library's constructs: a DataVolume
 * template on RWX block storage, a standalone RWX DataVolume, a masquerade pod network with
 * declared ports and a Service, a bridge secondary network with a fixed IP from a pool, and
 * cloud-init in a Secret. Shared by the bench scripts.
 */
import { App, Chart, Size } from 'cdk8s';
import type * as kvc from '../src';
import { library } from './library';

const IMAGE_URL = 'https://images.example.com/rhel9.qcow2';
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';

export function buildFleet(count: number, app: App): App {
  const {
    AccessMode, CniPlugin, DataVolume, DataVolumeSource, Ipam, LiveMigrationMode, NetworkAttachmentDefinition, StaticIpPool,
    VirtualMachine, VolumeMode, VolumeSource,
  }: typeof kvc = library();
  const chart = new Chart(app, 'fleet', { namespace: 'mq' });
  const replication = new NetworkAttachmentDefinition(chart, 'replication', {
    metadata: { name: 'replication' },
    cni: CniPlugin.bridge({ bridge: 'br-repl' }),
    ipam: Ipam.none(),
  });
  // A /16 holds 65,534 addresses: enough for the largest fleet.
  const pool = new StaticIpPool(chart, 'pool', { cidr: '10.20.0.0/16' });
  for (let i = 0; i < count; i++) {
    const name = `vm-${i}`;
    const vm = new VirtualMachine(chart, name, {
      metadata: { name },
      cpu: { cores: 2 },
      memory: Size.gibibytes(8),
      podNetwork: { ports: [{ name: 'mq-listener', port: 1414 }] },
      liveMigration: LiveMigrationMode.REQUIRED,
    });
    vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.http(IMAGE_URL),
      size: Size.gibibytes(30),
      storageClassName: STORAGE_CLASS,
      accessModes: [AccessMode.READ_WRITE_MANY],
      volumeMode: VolumeMode.BLOCK,
    }), { bootOrder: 1 });
    const drbd = new DataVolume(chart, `${name}-drbd`, {
      metadata: { name: `${name}-drbd` },
      source: DataVolumeSource.blank(),
      size: Size.gibibytes(50),
      storageClassName: STORAGE_CLASS,
      accessModes: [AccessMode.READ_WRITE_MANY],
      volumeMode: VolumeMode.BLOCK,
    });
    vm.addDisk('drbd', VolumeSource.dataVolume(drbd));
    vm.attachNetwork(replication, { interfaceName: 'repl', ip: pool.allocate(name) });
    vm.exposeViaService({ ports: [{ name: 'mq-listener', port: 1414 }] });
    vm.addCloudInit({ userData: { user: 'mqadmin', ssh_pwauth: false } });
  }
  return app;
}
