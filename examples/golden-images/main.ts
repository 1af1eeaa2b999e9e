// Golden images, the way OpenShift keeps its RHEL, Fedora and Windows images current: DataImportCrons
// poll registries and move a DataSource to each new import; a DataSource you maintain yourself
// points at a sealed snapshot; VMs clone their root disks from the DataSources and are sized, as
// OpenShift's templates size them, by an instancetype and a preference instead of their own CPU and memory.
import { Chart, ChartProps, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import {
  AccessMode, DataImportCron, DataImportCronGarbageCollect, DataSource, DataVolumeSource, DiskBus, Firmware, Instancetype, InterfaceModel,
  IoThreadsPolicy, LiveMigrationMode, Preference, PreferredCpuTopology, RegistryPullMethod, VirtualMachine, VirtualMachineInstancetype,
  VirtualMachinePreference, VirtualizationApp, VolumeMode, VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

const IMAGES_NAMESPACE = 'os-images';
// Shared block storage, so the clones can live-migrate.
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';

/**
 * The golden images: two registry images kept current, and a sealed RHEL snapshot; and the
 * cluster-wide size and preference of the VMs cloned from them.
 */
export class ImagesChart extends Chart {
  public readonly fedora: DataImportCron;
  public readonly centos: DataImportCron;
  public readonly rhel: DataSource;
  public readonly medium: VirtualMachineInstancetype;
  public readonly linux: VirtualMachinePreference;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: IMAGES_NAMESPACE });
    const polled = {
      size: Size.gibibytes(30), storageClassName: STORAGE_CLASS, accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK,
    };
    this.fedora = new DataImportCron(this, 'fedora', {
      metadata: { name: 'fedora-image-cron' },
      schedule: '0 3 * * 0',
      source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:41', { pullMethod: RegistryPullMethod.NODE }),
      managedDataSource: 'fedora',
      garbageCollect: DataImportCronGarbageCollect.OUTDATED,
      importsToKeep: 2,
      ...polled,
    });
    this.centos = new DataImportCron(this, 'centos-stream', {
      metadata: { name: 'centos-stream9-image-cron' },
      schedule: '@daily',
      source: DataVolumeSource.registry('docker://quay.io/containerdisks/centos-stream:9', { pullMethod: RegistryPullMethod.NODE }),
      managedDataSource: 'centos-stream9',
      ...polled,
    });
    // A golden image maintained by hand: a sealed RHEL disk, snapshotted.
    this.rhel = new DataSource(this, 'rhel9', { metadata: { name: 'rhel9' }, source: DataVolumeSource.snapshot('rhel9-9.4-sealed') });
    // Cloning from another namespace needs `datavolumes/source` there (CDI's clone authorization);
    // OpenShift grants it on its own image namespace to every authenticated user, as here.
    new k8s.KubeRole(this, 'clone-role', {
      metadata: { name: 'os-images-clone' },
      rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] }],
    });
    new k8s.KubeRoleBinding(this, 'clone-binding', {
      metadata: { name: 'os-images-clone' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'os-images-clone' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }],
    });
    // Cluster-wide, written without a namespace. The size of the common instancetype u1.medium and
    // the settings of the common preference fedora (virt-operator's bundles in KubeVirt v1.9.0,
    // pkg/virt-operator/resource/generate/components/data/common-instancetypes/), under names of
    // our own: virt-operator deploys and reconciles u1.* and fedora itself unless disabled.
    this.medium = new VirtualMachineInstancetype(this, 'standard-medium', {
      metadata: { name: 'standard.medium' },
      clusterScoped: true,
      cpu: { guest: 1 },
      memory: { guest: Size.gibibytes(4) },
    });
    this.linux = new VirtualMachinePreference(this, 'linux-efi', {
      metadata: { name: 'linux-efi' },
      clusterScoped: true,
      diskBus: DiskBus.VIRTIO,
      interfaceModel: InterfaceModel.VIRTIO,
      firmware: Firmware.efi({ secureBoot: true }), // Fedora, CentOS Stream and RHEL images boot signed shims
      requirements: { cpu: 1, memory: Size.gibibytes(2) }, // Fedora's minimum, as the common preference says
    });
  }
}

/**
 * VMs whose root disks clone the golden images (spec.sourceRef), on RWX block storage. The web and
 * build VMs take the cluster-wide size and preference; the database a size and preference of this
 * namespace only.
 */
export class AppsChart extends Chart {
  constructor(scope: Construct, id: string, images: ImagesChart, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: this.namespace! });
    const dbLarge = new VirtualMachineInstancetype(this, 'db-large', {
      metadata: { name: 'db.large' },
      cpu: { guest: 4 },
      memory: { guest: Size.gibibytes(16) },
      ioThreadsPolicy: IoThreadsPolicy.AUTO, // the database disk's IO spread over a pool of threads
    });
    const rhelDb = new VirtualMachinePreference(this, 'rhel9-db', {
      metadata: { name: 'rhel9-db' },
      cpuTopology: PreferredCpuTopology.SPREAD, // 4 vCPUs as 2 sockets of 2 cores (ratio 2, KubeVirt's default)
      diskBus: DiskBus.VIRTIO,
      interfaceModel: InterfaceModel.VIRTIO,
      firmware: Firmware.efi({ secureBoot: true }),
      requirements: { cpu: 2, memory: Size.gibibytes(8) },
    });
    const general = { instancetype: Instancetype.of(images.medium), preference: Preference.of(images.linux) };
    const database = { instancetype: Instancetype.of(dbLarge), preference: Preference.of(rhelDb) };
    const clones = [
      ['web-1', images.fedora, general], ['web-2', images.fedora, general], ['build', images.centos, general], ['db', images.rhel, database],
    ] as const;
    for (const [name, image, sizing] of clones) {
      const vm = new VirtualMachine(this, name, {
        metadata: { name },
        ...sizing,
        liveMigration: LiveMigrationMode.REQUIRED,
      });
      vm.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
        source: DataVolumeSource.dataSource(image),
        size: Size.gibibytes(40),
        storageClassName: STORAGE_CLASS,
        accessModes: [AccessMode.READ_WRITE_MANY],
        volumeMode: VolumeMode.BLOCK,
      }), { bootOrder: 1 });
      vm.addCloudInit({ userData: { ssh_pwauth: false } });
    }
  }
}

const app = new VirtualizationApp();
const images = new ImagesChart(app, 'images', { namespace: IMAGES_NAMESPACE });
new AppsChart(app, 'apps', images, { namespace: 'apps' });
app.synth();
