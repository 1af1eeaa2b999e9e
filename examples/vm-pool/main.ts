// A pool of stateless web VMs behind one Service, scaled by CPU: a VirtualMachinePool of Fedora
// VMs that install and start nginx at first boot, a Service that selects every VM of the pool,
// and a HorizontalPodAutoscaler on the pool's scale subresource.
import { Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import {
  PoolScaleInStrategy, PoolSortPolicy, PoolUpdateStrategy, VirtualizationApp, VirtualMachinePool, VolumeSource, WorkloadNamespace,
} from 'kubevirt-constructs';

/** The web tier: the namespace, the pool, its Service and its autoscaler. */
export class WebPoolChart extends Chart {
  public readonly pool: VirtualMachinePool;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkloadNamespace(this, 'namespace', { name: this.namespace! });
    this.pool = new VirtualMachinePool(this, 'web', {
      metadata: { name: 'web' },
      cpu: { cores: 1 },
      memory: Size.gibibytes(2),
      // The autoscaler's target is a share of this request: 70% means 0.7 of a core per VM.
      resources: { cpu: { request: kplus.Cpu.units(1) } },
      // Stateless: the root disk comes fresh from the image at every boot, so nothing is lost
      // when a VM is replaced, scaled in, or restarted on another node during a drain.
      disks: [{ name: 'rootdisk', source: VolumeSource.containerDisk('quay.io/containerdisks/fedora:41') }],
      // Masquerade forwards only declared ports.
      podNetwork: { ports: [{ name: 'http', port: 80 }] },
      cloudInit: {
        userData: {
          packages: ['nginx'],
          runcmd: [
            ['sh', '-c', 'echo "served by $(hostname)" > /usr/share/nginx/html/index.html'],
            ['systemctl', 'enable', '--now', 'nginx'],
          ],
        },
      },
      // replicas is left to the autoscaler: a value here would be set back on every GitOps sync.
      autoscaling: { minReplicas: 3, maxReplicas: 6, targetCpuUtilization: 70 },
      // A new template rolls out one VM at a time; scale-in removes the newest VMs first.
      maxUnavailable: 1,
      updateStrategy: PoolUpdateStrategy.proactive(),
      scaleInStrategy: PoolScaleInStrategy.proactive({ selectionPolicy: { sortPolicy: PoolSortPolicy.NEWEST } }),
      // A VM that keeps failing to start is replaced by a fresh one.
      autohealing: {},
    });
    this.pool.exposeViaService({ ports: [{ port: 80, targetPort: 'http' }] });
  }
}

const app = new VirtualizationApp();
new WebPoolChart(app, 'web-pool', { namespace: 'web-pool' });
app.synth();
