import { posix } from 'path';
import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { ArgoCdAppProject } from './app-project';
import { ArgoCdApplication, ArgoCdDestination, ArgoCdRetry } from './application';
import { ignoreDifferencesFor } from './kubevirt-owned-fields';
import { DeploymentPhase } from '../deployment-phase';
import { argoCdHealthCustomizations } from '../health/health-checks';
import { PHASES_FOLDER } from '../repository-layout';
import { SyncWaveScheme } from '../sync-waves';

/** Options of the Argo CD app-of-apps `GitOpsApp` writes beside the layout (`argocd/`). */
export interface ArgoCdBootstrapOptions {
  /** The Git repository the output is committed to (URL as Argo CD knows it). */
  readonly repoURL: string;
  /** Branch, tag or commit. @default 'HEAD' */
  readonly targetRevision?: string;
  /** The output folder's path inside the repository (e.g. "dist" or "clusters/prod"). */
  readonly path: string;
  /** Prefix of the Applications' names; also the AppProject's name. @default 'virtualization' */
  readonly name?: string;
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /** An existing AppProject to use instead of the one written here. @default - an AppProject named `name` */
  readonly project?: string;
  /** @default - the cluster Argo CD runs in */
  readonly destination?: ArgoCdDestination;
  /** @default - 10 attempts, 15 s doubling to 5 min */
  readonly retry?: ArgoCdRetry;
  /**
   * Write `argocd/bootstrap/` (the root Application and the argocd-cm health checks); false when
   * something else creates the root Application, as a Fleet's ApplicationSet does.
   * @default true
   */
  readonly rootApplication?: boolean;
}

/** A folder of `phases/` (a phase, or a part of one), with its objects (rendered). */
export interface BootstrapPhase {
  readonly phase: DeploymentPhase;
  /** The folder under `phases/`: the phase's name, or `<phase>-<n>` for a part. */
  readonly name: string;
  readonly objects: readonly any[];
}

/** The argocd-cm entries the app-of-apps relies on (health checks), as a ConfigMap to merge. */
export const ARGO_CD_CM = 'argocd-cm';

/**
 * Declares the Argo CD objects of an app-of-apps:
 * - in `managed`: the AppProject and one Application per phase (`<name>-<phase>`, pointing at
 *   `<path>/phases/<phase>`), ordered by sync waves, retried with backoff, with the
 *   ignoreDifferences of the KubeVirt-owned fields of the kinds in the phase;
 * - in `bootstrap`, when given: the root Application (`<name>`, pointing at `<path>/argocd`), applied once by
 *   hand, and the argocd-cm health checks without which Argo CD does not wait for an
 *   Application, a HyperConverged or a VM before the next wave.
 */
export function declareArgoCdAppOfApps(
  managed: Chart, bootstrap: Chart | undefined, phases: readonly BootstrapPhase[], waves: SyncWaveScheme, options: ArgoCdBootstrapOptions,
): void {
  const name = options.name ?? 'virtualization';
  const namespace = options.namespace ?? 'argocd';
  const { repoURL, targetRevision, destination, retry } = options;
  const common = { namespace, repoURL, targetRevision, destination, retry };
  const project = options.project ?? name;
  if (options.project === undefined) {
    const sameCluster = options.destination?.name === undefined ? options.destination?.server : undefined;
    new ArgoCdAppProject(managed, 'project', {
      name,
      namespace,
      sourceRepos: [options.repoURL],
      destinationServer: sameCluster,
      destinationName: options.destination?.name,
      description: 'Virtualization stack written by kubevirt-constructs: operators, runtime, networks and storage, VMs',
      syncWave: Math.min(...phases.map((p) => waves[p.phase])) - 1,
    });
  }
  for (const { phase, name: folder, objects } of phases) {
    new ArgoCdApplication(managed, folder, {
      ...common,
      name: `${name}-${folder}`,
      project,
      path: posix.join(options.path, PHASES_FOLDER, folder),
      syncWave: waves[phase],
      // Server-side apply only for the objects that carry it (CRDs too big for client-side apply).
      syncOptions: ['RespectIgnoreDifferences=true'],
      ignoreDifferences: ignoreDifferencesFor(objects),
    });
  }
  if (bootstrap === undefined) return;
  // The root writes Applications, which only the Argo CD that reads them can act on: into its own cluster and namespace.
  declareArgoCdBootstrap(bootstrap, { ...common, name, path: options.path, destination: { namespace } });
}

/** What `declareArgoCdBootstrap` writes: the root Application's name, source and retry. */
export interface ArgoCdRootOptions {
  readonly name: string;
  readonly namespace: string;
  readonly repoURL: string;
  readonly targetRevision?: string;
  /** The output folder's path in the repository: the root reads `<path>/argocd`. */
  readonly path: string;
  readonly destination?: ArgoCdDestination;
  readonly retry?: ArgoCdRetry;
}

/**
 * The objects applied once by hand (`argocd/bootstrap/`): the root Application, reading
 * `<path>/argocd`, and the argocd-cm health checks without which Argo CD does not wait for an
 * Application, a HyperConverged or a VM before the next wave.
 */
export function declareArgoCdBootstrap(bootstrap: Chart, options: ArgoCdRootOptions): void {
  new ArgoCdApplication(bootstrap, 'root', {
    name: options.name,
    namespace: options.namespace,
    project: 'default',
    repoURL: options.repoURL,
    targetRevision: options.targetRevision,
    path: posix.join(options.path, 'argocd'),
    destination: options.destination,
    retry: options.retry ?? { limit: 5, backoff: Duration.seconds(15) },
  });
  new kplus.ConfigMap(bootstrap, 'health', {
    metadata: { name: ARGO_CD_CM, namespace: options.namespace, labels: { 'app.kubernetes.io/name': ARGO_CD_CM, 'app.kubernetes.io/part-of': 'argocd' } },
    data: argoCdHealthCustomizations(),
  });
}
