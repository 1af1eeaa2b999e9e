import * as fs from 'fs';
import { posix } from 'path';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import { FleetCluster } from './fleet-cluster';
import { show } from '../common/errors';
import { declareArgoCdBootstrap } from '../gitops/argo-cd/app-of-apps';
import { ArgoCdRetry } from '../gitops/argo-cd/application';
import { ApplicationSetGenerator, ArgoCdApplicationSet } from '../gitops/argo-cd/application-set';
import { FluxKustomization, FluxSourceRef } from '../gitops/flux/flux-kustomization';
import { ChartFolder, bootstrapOptionProblems, renderChartFolders } from '../gitops/gitops-bootstrap';
import { FLUX_PRUNE } from '../model/prune-protection';

/** How the ApplicationSet finds the clusters. */
export enum FleetClusterGenerator {
  /** A list generator with one element per cluster: the program's list is the truth. */
  LIST = 'list',
  /** A Git directory generator over `clusters/*​/argocd`: the folders in Git are the truth. */
  GIT_DIRECTORIES = 'git-directories',
}

/** Options of the Argo CD side of a `Fleet`. */
export interface FleetArgoCdOptions {
  /** The Git repository the output is committed to (URL as Argo CD knows it). */
  readonly repoURL: string;
  /** The output folder's path inside the repository (e.g. "fleet"). */
  readonly path: string;
  /** Branch, tag or commit. @default 'HEAD' */
  readonly targetRevision?: string;
  /** Argo CD's namespace (in the cluster Argo CD runs in). @default 'argocd' */
  readonly namespace?: string;
  /** Name of the ApplicationSet and of the root Application that syncs it. @default 'virtualization-fleet' */
  readonly name?: string;
  /** @default FleetClusterGenerator.LIST */
  readonly generator?: FleetClusterGenerator;
  /** @default - 10 attempts, 15 s doubling to 5 min */
  readonly retry?: ArgoCdRetry;
}

/** Options of the Flux side of a `Fleet`. */
export interface FleetFluxOptions {
  /** The output folder's path inside the source (e.g. "fleet"). */
  readonly path: string;
  /** @default { kind: GitRepository, name: 'flux-system' } */
  readonly sourceRef?: FluxSourceRef;
  /** Namespace of the Kustomizations. @default 'flux-system' */
  readonly namespace?: string;
  /** @default 10 minutes */
  readonly interval?: Duration;
  /** @default 15 minutes */
  readonly timeout?: Duration;
}

interface FleetBootstrapProps {
  readonly argoCd?: FleetArgoCdOptions;
  readonly flux?: FleetFluxOptions;
}

/** Problems of the fleet's Argo CD and Flux options, each naming the option. */
export function fleetBootstrapProblems(props: FleetBootstrapProps): string[] {
  const problems = bootstrapOptionProblems(props);
  const generator = props.argoCd?.generator;
  if (generator !== undefined && !Object.values(FleetClusterGenerator).includes(generator)) {
    problems.push(`argoCd.generator ${show(generator)} is not one of ${Object.values(FleetClusterGenerator).map((g) => show(g)).join(', ')}`);
  }
  return problems;
}

/**
 * Declares the Argo CD objects at the top of a fleet: in `managed` (`argocd/`, synced by the
 * root Application) the ApplicationSet creating each cluster's app-of-apps root; in `bootstrap`
 * (`argocd/bootstrap/`, applied once by hand) that root Application and the argocd-cm health checks.
 */
function declareArgoCd(managed: Chart, bootstrap: Chart, clusters: readonly FleetCluster[], options: FleetArgoCdOptions): void {
  const name = options.name ?? 'virtualization-fleet';
  const namespace = options.namespace ?? 'argocd';
  const clustersPath = posix.join(options.path, 'clusters');
  const byList = (options.generator ?? FleetClusterGenerator.LIST) === FleetClusterGenerator.LIST;
  // With a Git directory generator the cluster is a segment of the matched path: <path>/clusters/<cluster>/argocd.
  const clusterParameter = byList ? '.cluster' : `(index .path.segments ${clustersPath.split('/').length})`;
  new ArgoCdApplicationSet(managed, 'clusters', {
    name,
    namespace,
    generator: byList
      ? ApplicationSetGenerator.list(clusters.map((c) => ({ cluster: c.name })))
      : ApplicationSetGenerator.gitDirectories({
        repoURL: options.repoURL, revision: options.targetRevision, directories: [{ path: posix.join(clustersPath, '*', 'argocd') }],
      }),
    template: {
      name: `{{ ${clusterParameter} }}-virtualization`,
      repoURL: options.repoURL,
      targetRevision: options.targetRevision,
      path: byList ? posix.join(clustersPath, '{{ .cluster }}', 'argocd') : '{{ .path.path }}',
      destination: { namespace },
      retry: options.retry,
    },
  });
  const { repoURL, targetRevision, path: outputPath, retry } = options;
  declareArgoCdBootstrap(bootstrap, { name, namespace, repoURL, targetRevision, path: outputPath, retry });
}

/**
 * One Flux Kustomization per cluster (`<cluster>-virtualization`), applying the cluster's own
 * Kustomizations (`clusters/<cluster>/flux`, which reach the cluster through its kubeconfig).
 * Kept when a cluster leaves the fleet: deleting it would make Flux delete the cluster's phase
 * Kustomizations and, through them, every VM on the cluster.
 */
function declareFlux(chart: Chart, clusters: readonly FleetCluster[], options: FleetFluxOptions): void {
  for (const cluster of clusters) {
    const kustomization = new FluxKustomization(chart, cluster.name, {
      name: `${cluster.name}-virtualization`,
      namespace: options.namespace,
      path: posix.join(options.path, 'clusters', cluster.name, 'flux'),
      sourceRef: options.sourceRef,
      interval: options.interval,
      timeout: options.timeout,
    });
    kustomization.metadata.addAnnotation(FLUX_PRUNE, 'disabled');
  }
}

/** Writes `argocd/` and `flux/` of the fleet into `outdir`, validated like every other object. */
export function renderFleetBootstrap(outdir: string, clusters: readonly FleetCluster[], props: FleetBootstrapProps): void {
  const app = new App();
  const folders: ChartFolder[] = [];
  if (props.argoCd !== undefined) {
    const managed = new Chart(app, 'argocd');
    const bootstrap = new Chart(app, 'argocd-bootstrap');
    declareArgoCd(managed, bootstrap, clusters, props.argoCd);
    folders.push([managed, 'argocd', true], [bootstrap, 'argocd/bootstrap', false]);
  }
  if (props.flux !== undefined) {
    const chart = new Chart(app, 'flux');
    declareFlux(chart, clusters, props.flux);
    folders.push([chart, 'flux', true]);
  }
  if (folders.length === 0) return;
  for (const [file, content] of renderChartFolders(app, folders)) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), content);
  }
}
