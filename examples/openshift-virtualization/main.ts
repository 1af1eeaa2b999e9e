// OpenShift Virtualization installed through OLM, with a HyperConverged cluster tuned for live
// migration on a dedicated migration network, and software emulation switched on (for nested
// labs and CI nodes without /dev/kvm; leave it off on bare metal).
//
// GitOpsApp writes a repository layout Argo CD or Flux reads as is: one folder per chart, one
// file per object, kustomization.yaml files, and Argo CD sync waves (operator install first,
// then the HyperConverged CR, then networks and storage, then VMs).
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CniPlugin, EvictionStrategy, GitOpsApp, HyperConvergedApiVersion, Ipam, MigrationPolicy, NetworkAttachmentDefinition,
  OpenShiftVirtualization, WorkloadUpdateMethod,
} from 'kubevirt-constructs';

export class OpenShiftVirtualizationChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // Migration traffic on its own NIC (ens5 on every worker), in the operator's namespace.
    const migrationNetwork = new NetworkAttachmentDefinition(this, 'migration-network', {
      metadata: { name: 'migration-network', namespace: 'openshift-cnv' },
      cni: CniPlugin.macvlan({ master: 'ens5' }),
      ipam: Ipam.whereabouts({ range: '10.200.0.0/24' }),
    });

    new OpenShiftVirtualization(this, 'openshift-virtualization', {
      emulation: true,
      hyperConverged: {
        apiVersion: HyperConvergedApiVersion.V1BETA1,
        liveMigration: {
          parallelMigrationsPerCluster: 10,
          parallelOutboundMigrationsPerNode: 2,
          bandwidthPerMigration: Size.mebibytes(1024),
          completionTimeoutPerGiB: Duration.seconds(300),
          progressTimeout: Duration.seconds(300),
          allowAutoConverge: true,
          network: migrationNetwork,
        },
        workloadUpdateStrategy: { methods: [WorkloadUpdateMethod.LIVE_MIGRATE], batchEvictionSize: 5, batchEvictionInterval: Duration.minutes(1) },
        evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
        featureGates: { downwardMetrics: true },
        vmStateStorageClass: 'ocs-storagecluster-ceph-rbd-virtualization',
        cpuAllocationRatio: 10,
      },
    });

    // Big in-memory databases get more bandwidth and may converge by throttling vCPUs.
    new MigrationPolicy(this, 'large-databases', {
      name: 'large-databases',
      selectors: { instanceLabels: { 'workload-type': 'database' } },
      bandwidthPerMigration: Size.gibibytes(2),
      completionTimeoutPerGiB: Duration.seconds(600),
      allowAutoConverge: true,
    });
  }
}

const app = new GitOpsApp();
new OpenShiftVirtualizationChart(app, 'openshift-virtualization');
app.synth();
