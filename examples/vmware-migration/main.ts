// Moving three VMs off vSphere with Forklift / Migration Toolkit for Virtualization (MTV), and
// importing one exported VMDK with CDI.
//
// The vCenter credentials live in a Secret created out of band (sealed-secrets, an external
// secrets operator, or `oc create secret generic vcenter-credentials --from-literal=user=...
// --from-literal=password=... --from-literal=thumbprint=...`), so nothing secret is in Git.
import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CniPlugin, HostProvider, Ipam, MigrationPlan, NetworkAttachmentDefinition, NetworkMap, StorageMap, VirtualizationApp,
  VmwareDiskImport, VsphereCredentials, VsphereProvider, WorkloadNamespace,
} from 'kubevirt-constructs';

const MTV_NAMESPACE = 'openshift-mtv';
const TARGET_NAMESPACE = 'apps';
// Shared block storage, so the migrated VMs can live-migrate.
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';

export class VmwareMigrationChart extends Chart {
  public readonly plan: MigrationPlan;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    // Where the migrated VMs land (the Migration Toolkit's own namespace comes with its operator).
    new WorkloadNamespace(this, 'target-namespace', { name: TARGET_NAMESPACE });

    const vsphere = new VsphereProvider(this, 'vcenter', {
      metadata: { name: 'vcenter', namespace: MTV_NAMESPACE },
      url: 'https://vcenter.example.com/sdk',
      credentials: VsphereCredentials.fromSecret('vcenter-credentials'),
      // Build it from VMware's VDDK: it makes disk transfer much faster.
      vddkInitImage: 'registry.example.com/mtv/vddk:8.0.3',
    });
    const host = HostProvider.fromExisting(this, 'host', MTV_NAMESPACE);

    // The backend VLAN the VMs use in vSphere, as a bridge network on the nodes.
    const backend = new NetworkAttachmentDefinition(this, 'backend', {
      metadata: { name: 'backend', namespace: TARGET_NAMESPACE },
      cni: CniPlugin.bridge({ bridge: 'br-backend', vlan: 120 }),
      ipam: Ipam.none(),
    });

    const networks = new NetworkMap(this, 'networks', { metadata: { name: 'vcenter-networks', namespace: MTV_NAMESPACE }, source: vsphere, destination: host });
    networks.mapToPodNetwork('VM Network');
    networks.mapToMultus('Backend VLAN 120', backend);

    const storage = new StorageMap(this, 'storage', { metadata: { name: 'vcenter-storage', namespace: MTV_NAMESPACE }, source: vsphere, destination: host });
    storage.map('datastore1', { storageClass: STORAGE_CLASS });
    storage.map('datastore2-ssd', { storageClass: STORAGE_CLASS });

    this.plan = new MigrationPlan(this, 'plan', {
      metadata: { name: 'web-tier', namespace: MTV_NAMESPACE },
      source: vsphere,
      destination: host,
      networkMap: networks,
      storageMap: storage,
      targetNamespace: TARGET_NAMESPACE,
      warm: true,
      vms: [
        { name: 'web-1', networks: ['VM Network', 'Backend VLAN 120'], datastores: ['datastore1'] },
        { name: 'web-2', networks: ['VM Network', 'Backend VLAN 120'], datastores: ['datastore1'] },
        { name: 'db-1', networks: ['Backend VLAN 120'], datastores: ['datastore2-ssd'] },
      ],
    });

    // A disk exported from vSphere and served over http: CDI converts the VMDK on import.
    VmwareDiskImport.vmdkOverHttp(this, 'legacy-app-disk', 'https://files.example.com/exports/legacy-app/legacy-app.vmdk', {
      metadata: { name: 'legacy-app-rootdisk', namespace: TARGET_NAMESPACE },
      size: Size.gibibytes(40),
      storageClassName: STORAGE_CLASS,
    });
  }
}

/** Starting the plan is a separate file, applied when the migration should run. */
export class StartMigrationChart extends Chart {
  constructor(scope: Construct, id: string, plan: MigrationPlan, props: ChartProps = {}) {
    super(scope, id, props);
    plan.start(this, 'start', { metadata: { name: 'web-tier-1' }, cutover: new Date('2026-12-05T22:00:00Z') });
  }
}

const app = new VirtualizationApp();
const migration = new VmwareMigrationChart(app, 'vmware-migration');
new StartMigrationChart(app, 'vmware-migration-start', migration.plan);
app.synth();
