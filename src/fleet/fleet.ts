import * as path from 'path';
import { FleetArgoCdOptions, FleetFluxOptions, fleetBootstrapProblems, renderFleetBootstrap } from './fleet-bootstrap';
import { clusterProblems, FleetCluster, FleetClusterProps } from './fleet-cluster';
import { discardStaging, prepareStaging, publishStaging } from './fleet-output';
import { HeapGrowthLimit } from './heap-growth';
import { propsObjectProblem, show } from '../common/errors';
import { markFleetCluster } from '../core/fleet-cluster-identity';
import { GitOpsApp } from '../gitops/gitops-app';
import { ObjectFiles } from '../gitops/repository-layout';
import { SyncWaveOptions } from '../gitops/sync-waves';
import { SharedIpPool } from '../network/shared-ip-pool';
import { AppValidation } from '../validation/app-validation';

/** Properties of a `Fleet`. */
export interface FleetProps {
  /** The clusters, in the order they are rendered (and their shared addresses allocated). */
  readonly clusters: FleetClusterProps[];
  /** Declares one cluster's charts in `app` (a `GitOpsApp`); called once per cluster per synth. */
  readonly build: (cluster: FleetCluster, app: GitOpsApp) => void;
  /** The output folder. @default - `CDK8S_OUTDIR` (set by `cdk8s synth`), else "dist" */
  readonly outdir?: string;
  /** An Argo CD ApplicationSet creating each cluster's app-of-apps. @default - none */
  readonly argoCd?: FleetArgoCdOptions;
  /** Flux Kustomizations applying each cluster's phases through its kubeconfig Secret. @default - none */
  readonly flux?: FleetFluxOptions;
  /** @default 1000 (see `GitOpsAppProps.maxResourcesPerApplication`) */
  readonly maxResourcesPerApplication?: number;
  /**
   * One `objects.yaml` per folder, or one file per object. A fleet's clusters hold tens of
   * thousands of objects: as files, each is a write at every synth and a file in every clone
   * Argo CD makes.
   * @default ObjectFiles.ONE_PER_FOLDER
   */
  readonly objectFiles?: ObjectFiles;
  /** @default - the default waves (see `GitOpsAppProps.syncWaves`) */
  readonly syncWaves?: SyncWaveOptions | false;
  /** Receives each cluster's synth warnings, prefixed with the cluster. @default - console.warn, one line each */
  readonly onWarnings?: (lines: string[]) => void;
}

/**
 * One program, many clusters: for each cluster, a `GitOpsApp` built by `build` and written to
 * `clusters/<name>/` (the layout GitOpsApp writes, its Applications and Kustomizations named
 * `<cluster>-virtualization-<phase>`), one cluster at a time, so memory does not grow with the
 * fleet. At the top, `argocd/` holds an ApplicationSet that creates every cluster's app-of-apps
 * and `flux/` one Kustomization per cluster.
 *
 * Each cluster is validated on its own: static IPs and MACs must be unique within a cluster (two
 * clusters may use the same subnet), and across the clusters of a `SharedIpPool`. Errors name
 * the cluster. Nothing is written until every cluster rendered: the output of the previous run
 * is then replaced, so a cluster removed from the list leaves Git (its disks stay protected on
 * the cluster: nothing prunes them).
 */
export class Fleet {
  /** The clusters, as `build` sees them. */
  public readonly clusters: readonly FleetCluster[];
  public readonly outdir: string;
  private readonly props: FleetProps;

  public constructor(props: FleetProps) {
    const problem = propsObjectProblem(props, 'FleetProps', '{ clusters: [{ name: "lab", platform: VirtualizationPlatform.KUBEVIRT }], build: (cluster, app) => { ... } }');
    if (problem) throw new Error(`Fleet: ${problem}`);
    const problems = fleetProblems(props);
    if (problems.length > 0) throw new Error(`Fleet: ${problems.join('; ')}`);
    this.props = props;
    this.clusters = props.clusters.map((cluster) => new FleetCluster(cluster));
    this.outdir = props.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
  }

  /**
   * Renders and checks every cluster, one at a time, then replaces the previous output. From the
   * second cluster on, V8's `--heap-growing-percent` is 40 (reset to V8's default when this
   * returns or throws; a value the program was started with is kept), so memory stays near one
   * cluster's however many clusters the fleet has.
   */
  public synth(): void {
    for (const pool of this.sharedPools()) pool._reset();
    const staging = prepareStaging(this.outdir);
    const heap = new HeapGrowthLimit();
    try {
      this.clusters.forEach((cluster, index) => {
        heap.beforeCluster(index);
        this.renderCluster(cluster, path.join(staging, 'clusters', cluster.name));
      });
      renderFleetBootstrap(staging, this.clusters, this.props);
      publishStaging(this.outdir, staging);
    } catch (error) {
      discardStaging(staging);
      throw error;
    } finally {
      heap.release();
    }
  }

  private renderCluster(cluster: FleetCluster, outdir: string): void {
    const { argoCd, flux } = this.props;
    const prefix = `${cluster.name}-virtualization`;
    const clusterPath = (base: string) => path.posix.join(base, 'clusters', cluster.name);
    try {
      const app = new GitOpsApp({
        outdir,
        maxResourcesPerApplication: this.props.maxResourcesPerApplication,
        objectFiles: this.props.objectFiles ?? ObjectFiles.ONE_PER_FOLDER,
        syncWaves: this.props.syncWaves,
        argoCd: argoCd && {
          ...argoCd, name: prefix, path: clusterPath(argoCd.path), destination: cluster.props.argoCdDestination, rootApplication: false,
        },
        flux: flux && { ...flux, name: prefix, path: clusterPath(flux.path), kubeConfig: cluster.props.fluxKubeConfig },
      });
      markFleetCluster(app, cluster.name);
      const sink = this.props.onWarnings ?? ((lines: string[]) => lines.forEach((line) => console.warn(line)));
      AppValidation.of(app).configure({ onWarnings: (lines) => sink(lines.map((line) => `[cluster ${cluster.name}] ${line}`)) });
      this.props.build(cluster, app);
      app.synth();
    } catch (error) {
      throw new Error(`Fleet cluster ${show(cluster.name)}: ${(error as Error).message}`);
    }
  }

  /** The shared pools the clusters' address plans use. */
  private sharedPools(): Set<SharedIpPool> {
    return new Set(this.clusters.flatMap((c) => Object.values(c.props.networks ?? {})).filter((p): p is SharedIpPool => p instanceof SharedIpPool));
  }
}

/** Everything wrong with the fleet's props, found before anything is built. */
function fleetProblems(props: FleetProps): string[] {
  const problems: string[] = [];
  if (!Array.isArray(props.clusters) || props.clusters.length === 0) {
    return [`clusters ${show(props.clusters)} must list at least one cluster, e.g. [{ name: "lab", platform: VirtualizationPlatform.KUBEVIRT }]`];
  }
  if (typeof props.build !== 'function') problems.push(`build ${show(props.build)} must be a function (cluster, app) => { ... } that declares a cluster's charts in app`);
  props.clusters.forEach((cluster, i) => problems.push(...clusterProblems(cluster, i)));
  const names = props.clusters.map((c) => c?.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) problems.push(`the cluster names ${[...new Set(repeated)].map((n) => show(n)).join(', ')} are used twice: each cluster writes clusters/<name>`);
  for (const cluster of props.clusters) {
    for (const plan of Object.values(cluster?.networks ?? {})) {
      if (!(plan instanceof SharedIpPool)) continue;
      const missing = plan.clusters.filter((name) => !names.includes(name));
      if (missing.length > 0) problems.push(`the SharedIpPool ${show(plan.name)} lists ${missing.map((m) => show(m)).join(', ')}, which the fleet does not have: list only the fleet's clusters`);
    }
  }
  problems.push(...fleetBootstrapProblems(props));
  return [...new Set(problems)];
}
