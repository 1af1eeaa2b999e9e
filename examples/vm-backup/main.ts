// A PostgreSQL VM whose state lives on a ReadWriteMany DataVolume, and the day-2 operations
// around an upgrade of it: a snapshot before, a restore of that snapshot into a new VM, a clone
// of it as a test copy, an HTTPS export of it. The day-2 objects are one-shot: KubeVirt acts on
// each once, when it is applied, so they sit in a chart (and file) of their own.
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AccessMode, DataVolumeSource, LiveMigrationMode, VirtualMachine, VirtualMachineClone, VirtualMachineExport, VirtualMachineRestore,
  VirtualMachineSnapshot, VirtualizationApp, VolumeMode, VolumeRestorePolicy, VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

const NAMESPACE = 'databases';
// Ceph RBD block storage: RWX for live migration, and a CSI driver with a VolumeSnapshotClass,
// which snapshots, restores, clones and exports of the disks need (only the cluster knows it has one).
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';
/** Each day-2 object carries this label, so `kubectl apply -l` applies one operation at a time. */
export const OPERATION_LABEL = 'backup.example.com/operation';

/** The namespace and the database VM: a Fedora root disk and a data disk for /var/lib/pgsql, both RWX. */
export class DatabaseChart extends Chart {
  public readonly vm: VirtualMachine;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: NAMESPACE });
    this.vm = new VirtualMachine(this, 'pg', {
      metadata: { name: 'pg', labels: { 'app.kubernetes.io/name': 'postgresql', 'backup.example.com/schedule': 'nightly' } },
      cpu: { cores: 2 },
      memory: Size.gibibytes(8),
      liveMigration: LiveMigrationMode.REQUIRED,
    });
    const rwxBlock = { storageClassName: STORAGE_CLASS, accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK };
    this.vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30), ...rwxBlock,
    }), { bootOrder: 1 });
    // The serial gives the data disk a stable /dev/disk/by-id name, whatever the disk order.
    this.vm.addDisk('pgdata', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: Size.gibibytes(100), ...rwxBlock }), { serial: 'pgdata' });
    this.vm.addCloudInit({
      userData: {
        ssh_pwauth: false,
        // The guest agent lets KubeVirt freeze the file systems for a consistent snapshot.
        packages: ['qemu-guest-agent', 'postgresql-server'],
        fs_setup: [{ device: '/dev/disk/by-id/virtio-pgdata', filesystem: 'xfs', label: 'pgdata' }],
        mounts: [['LABEL=pgdata', '/var/lib/pgsql', 'xfs', 'defaults,nofail', '0', '2']],
        runcmd: [
          ['chown', 'postgres:postgres', '/var/lib/pgsql'],
          ['restorecon', '-R', '/var/lib/pgsql'],
          ['postgresql-setup', '--initdb'],
          ['systemctl', 'enable', '--now', 'qemu-guest-agent', 'postgresql'],
        ],
      },
    });
  }
}

/**
 * Day 2, one operation per label value: apply each when it is wanted, and only after the snapshot
 * it reads reports readyToUse (see README.md).
 */
export class DatabaseDay2Chart extends Chart {
  constructor(scope: Construct, id: string, database: DatabaseChart, props: ChartProps = {}) {
    super(scope, id, props);
    const operation = (name: string) => ({ [OPERATION_LABEL]: name });
    // Before the upgrade: the definition and both disks (online; frozen through the guest agent).
    const beforeUpgrade = new VirtualMachineSnapshot(this, 'before-upgrade', {
      vm: database.vm,
      metadata: { name: 'pg-before-upgrade', labels: operation('snapshot') },
      failureDeadline: Duration.minutes(10),
    });
    // If the upgrade goes wrong: the old state as a new, halted VM next to the running one, with
    // claims named after it (pg-restored-<volume>); pg itself is not touched.
    new VirtualMachineRestore(this, 'restore', {
      snapshot: beforeUpgrade,
      targetName: 'pg-restored',
      volumeRestorePolicy: VolumeRestorePolicy.PREFIX_TARGET_NAME,
      metadata: { name: 'pg-restore-before-upgrade', labels: operation('restore') },
      patches: [{ op: 'add', path: '/metadata/labels/backup.example.com~1restored-from', value: 'pg-before-upgrade' }],
    });
    // A test copy from the same point in time: new MACs, firmware UUID and SMBIOS serial; it keeps
    // the labels but leaves the nightly backup schedule and what marks pg as a GitOps tool's own
    // (Argo CD's tracking label and annotations, Flux's annotation) behind.
    new VirtualMachineClone(this, 'test-copy', {
      source: beforeUpgrade,
      targetName: 'pg-test',
      metadata: { name: 'pg-test-copy', labels: operation('test-copy') },
      labelFilters: ['*', '!backup.example.com/*', '!app.kubernetes.io/instance'],
      annotationFilters: ['*', '!argocd.argoproj.io/*', '!kustomize.toolkit.fluxcd.io/*'],
    });
    // The disks of the snapshot over HTTPS for 4 hours; the token is in a Secret created outside
    // Git (key "token"), never in this manifest.
    new VirtualMachineExport(this, 'download', {
      source: beforeUpgrade,
      tokenSecretName: 'pg-export-token',
      ttl: Duration.hours(4),
      metadata: { name: 'pg-before-upgrade-export', labels: operation('export') },
    });
  }
}

const app = new VirtualizationApp();
const database = new DatabaseChart(app, 'database', { namespace: NAMESPACE });
new DatabaseDay2Chart(app, 'database-day2', database, { namespace: NAMESPACE });
app.synth();
