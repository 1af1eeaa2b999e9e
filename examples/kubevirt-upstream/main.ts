// Upstream KubeVirt and CDI on plain Kubernetes: the KubeVirt CR with software emulation (for
// nodes without /dev/kvm, e.g. kind or CI runners) and the CDI CR.
//
// The operators come from the release manifests. Download them once next to this file (air-gapped
// clusters mirror them), and they are included in the output:
//   mkdir -p manifests
//   curl -L -o manifests/kubevirt-operator.yaml https://github.com/kubevirt/kubevirt/releases/download/v1.6.0/kubevirt-operator.yaml
//   curl -L -o manifests/cdi-operator.yaml https://github.com/kubevirt/containerized-data-importer/releases/download/v1.62.0/cdi-operator.yaml
// Without them, only the CRs are written (for clusters whose operators are installed already).
import * as fs from 'fs';
import * as path from 'path';
import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Cdi, EvictionStrategy, KubeVirt, OperatorManifests, VirtualizationApp, WorkloadUpdateMethod, addSyncWaves } from 'kubevirt-constructs';

/** The release manifest in ./manifests, when it has been downloaded. */
function releaseManifest(file: string): OperatorManifests | undefined {
  const location = path.join(__dirname, 'manifests', file);
  return fs.existsSync(location) ? OperatorManifests.fromFile(location) : undefined;
}

export class KubeVirtUpstreamChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    new KubeVirt(this, 'kubevirt', {
      operatorManifests: releaseManifest('kubevirt-operator.yaml'),
      emulation: true,
      featureGates: ['Snapshot', 'HotplugVolumes'],
      migrations: { parallelMigrationsPerCluster: 5, completionTimeoutPerGiB: Duration.seconds(300) },
      evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
      workloadUpdateStrategy: { methods: [WorkloadUpdateMethod.LIVE_MIGRATE] },
    });

    new Cdi(this, 'cdi', {
      operatorManifests: releaseManifest('cdi-operator.yaml'),
      scratchSpaceStorageClass: 'local-path',
      uploadProxyUrl: 'https://cdi-uploadproxy.example.com',
      filesystemOverhead: { global: 0.055 },
      featureGates: ['HonorWaitForFirstConsumer'],
    });
  }
}

const app = new VirtualizationApp();
new KubeVirtUpstreamChart(app, 'kubevirt-upstream');
// Argo CD: operators first, then the KubeVirt and CDI CRs (whose CRDs the operators create).
addSyncWaves(app);
app.synth();
