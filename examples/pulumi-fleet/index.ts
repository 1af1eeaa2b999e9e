// One stack per cluster: `pulumi stack select cluster-a && pulumi up`, then cluster-b. Each
// stack's config (Pulumi.<stack>.yaml) says which cluster (kubeconfig, context), its name and
// its IP plan; the program is the same. Every resource goes through the stack's own provider,
// so a stack never touches another cluster.
import * as os from 'os';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AccessMode, CniPlugin, DataVolumeSource, Ipam, LiveMigrationMode, NetworkAttachmentDefinition, StaticIpPool, VirtualMachine, VolumeSource,
  WorkloadNamespace,
} from 'kubevirt-constructs';
import { ChartDeployment, VirtualizationRuntime } from 'kubevirt-constructs/pulumi';

/** A cluster's addresses on the backend network: the subnet and each VM's address. */
interface IpPlan {
  readonly cidr: string;
  readonly gateway?: string;
  readonly reserved?: string[];
  readonly vms: Record<string, string>;
}

/** The VMs of one cluster: one per entry of the IP plan, each with its address from the pool. */
class ClusterVms extends Chart {
  constructor(scope: Construct, id: string, plan: IpPlan) {
    super(scope, id, { namespace: 'apps' });
    new WorkloadNamespace(this, 'namespace', { name: 'apps' });
    const backend = new NetworkAttachmentDefinition(this, 'backend', {
      metadata: { name: 'backend' },
      cni: CniPlugin.bridge({ bridge: 'br-backend' }),
      ipam: Ipam.none(),
    });
    const pool = new StaticIpPool(this, 'backend-ips', { cidr: plan.cidr, gateway: plan.gateway, reserved: plan.reserved });
    for (const [name, address] of Object.entries(plan.vms)) {
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
      vm.attachNetwork(backend, { interfaceName: 'backend', ip: pool.allocate(name, address) });
      vm.addCloudInit({ userData: { user: 'fedora', ssh_pwauth: false } });
      vm.exposeViaService({ ports: [{ name: 'https', port: 443, targetPort: 'https' }] });
    }
  }
}

const config = new pulumi.Config();
const clusterName = config.require('clusterName');
const plan = config.requireObject<IpPlan>('ipPlan');
const adoptExisting = config.getBoolean('adoptExisting') ?? false;

// The stack's cluster. Adopting VMs that exist needs upsert: create becomes a server-side apply.
const provider = new k8s.Provider(clusterName, {
  kubeconfig: config.get('kubeconfig')?.replace(/^~(?=\/)/, os.homedir()) || undefined,
  context: config.get('context') || undefined,
  upsertExistingObjects: adoptExisting,
});

const runtime = new VirtualizationRuntime('virtualization', {
  mode: 'openshift',
  emulation: config.getBoolean('emulation') ?? false,
}, { provider });

const app = new App();
new ClusterVms(app, clusterName, plan);
const vms = new ChartDeployment('apps', { chart: app, adoptExisting }, { provider, dependsOn: [runtime] });

export const cluster = clusterName;
export const backendAddresses = plan.vms;
export const services = Object.fromEntries(Object.keys(plan.vms).map((name) => [name, vms.servicesOf('apps', name)]));
export const guestAddresses = Object.fromEntries(Object.keys(plan.vms).map((name) => [name, vms.guestIpAddresses('apps', name)]));
