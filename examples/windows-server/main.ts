// A Windows Server 2022 VM the way KubeVirt's windows.2k22 preference sets one up: EFI Secure
// Boot with persistent variables, a persistent vTPM, Hyper-V enlightenments, Windows' clock,
// a tablet and the virtio-win drivers CD-ROM. Its root disk clones a golden (sysprepped)
// image through a DataSource; Unattend.xml reaches the first boot through a sysprep CD-ROM;
// RDP is reachable through a Service.
import * as fs from 'fs';
import * as path from 'path';
import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AccessMode, DataSource, DataVolumeSource, LiveMigrationMode, VirtualizationApp, VolumeMode, VolumeSource, WindowsServerVirtualMachine,
  WorkloadNamespace,
} from 'kubevirt-constructs';

// Shared block storage, so the VM can live-migrate.
const STORAGE_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';

/** The golden image, the Windows Server VM cloned from it, and its RDP Service. */
export class WindowsChart extends Chart {
  public readonly vm: WindowsServerVirtualMachine;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: this.namespace! });
    // A generalized Windows Server 2022 disk (installed with the virtio-win drivers, then
    // `sysprep /generalize /oobe /shutdown`), snapshotted by an administrator: Windows images
    // are not in public registries, so there is no DataImportCron for them.
    const golden = new DataSource(this, 'golden', {
      metadata: { name: 'win2k22' },
      source: DataVolumeSource.snapshot('win2k22-sysprepped'),
    });
    this.vm = new WindowsServerVirtualMachine(this, 'win2022', {
      metadata: { name: 'win2022-app' },
      rootDisk: VolumeSource.dataVolumeTemplate({
        source: DataVolumeSource.dataSource(golden),
        size: Size.gibibytes(80),
        storageClassName: STORAGE_CLASS,
        accessModes: [AccessMode.READ_WRITE_MANY],
        volumeMode: VolumeMode.BLOCK,
      }),
      cpu: { sockets: 4 },
      memory: Size.gibibytes(8),
      // Generated into the Secret win2022-app-sysprep; the file holds no password (see README.md).
      sysprep: { unattend: fs.readFileSync(path.join(__dirname, 'unattend.xml'), 'utf8') },
      liveMigration: LiveMigrationMode.REQUIRED,
      // The virtio-win CD-ROM is a container disk: KubeVirt copies it to the target node.
      allowBlockMigration: true,
    });
    // RDP inside the cluster; make it a LoadBalancer (on an internal network) to reach it from outside.
    this.vm.exposeViaService({ name: 'win2022-app-rdp', ports: [{ port: 3389, name: 'rdp' }] });
  }
}

const app = new VirtualizationApp();
new WindowsChart(app, 'windows-server', { namespace: 'windows' });
app.synth();
