import { App, Chart } from 'cdk8s';
import { ArgoCdBootstrapOptions, BootstrapPhase, declareArgoCdAppOfApps } from './argo-cd/app-of-apps';
import { repoUrlProblem, repositoryPathProblem } from './argo-cd/application';
import { FluxBootstrapOptions, declareFluxKustomizations } from './flux/flux-bootstrap';
import { ARGO_CD_FOLDER, FLUX_FOLDER, fileNames, kustomization } from './repository-layout';
import { SyncWaveScheme } from './sync-waves';
import { synthesizeApp } from '../synth/app-synthesis';
import { stringifyYamlDocument } from '../synth/yaml-writer';

/** What GitOpsApp writes beside the layout to deploy it: an Argo CD app-of-apps, Flux Kustomizations. */
export interface GitOpsBootstrapOptions {
  readonly argoCd?: ArgoCdBootstrapOptions;
  readonly flux?: FluxBootstrapOptions;
}

/** Problems of the bootstrap options, each naming the option (`argoCd.path ...`). */
export function bootstrapOptionProblems(options: GitOpsBootstrapOptions): string[] {
  const problems: string[] = [];
  if (options.argoCd !== undefined) {
    const urlProblem = repoUrlProblem(options.argoCd.repoURL);
    if (urlProblem) problems.push(`argoCd.${urlProblem}`);
    const pathProblem = repositoryPathProblem('argoCd.path', options.argoCd.path);
    if (pathProblem) problems.push(pathProblem);
  }
  if (options.flux !== undefined) {
    const pathProblem = repositoryPathProblem('flux.path', options.flux.path);
    if (pathProblem) problems.push(pathProblem);
  }
  return problems;
}

/**
 * The files of the bootstrap (path relative to the output folder -> content), validated like
 * every other object:
 * - `argocd/`: the AppProject and the phase Applications, with a kustomization.yaml (the root
 *   Application syncs this folder); `argocd/bootstrap/`: the root Application and the argocd-cm
 *   health checks, applied once by hand;
 * - `flux/`: one Kustomization per phase, with a kustomization.yaml.
 */
export function renderBootstrap(phases: readonly BootstrapPhase[], waves: SyncWaveScheme, options: GitOpsBootstrapOptions): Map<string, string> {
  if (phases.length === 0 || (options.argoCd === undefined && options.flux === undefined)) return new Map();
  const app = new App();
  const folders: ChartFolder[] = [];
  if (options.argoCd !== undefined) {
    const managed = new Chart(app, ARGO_CD_FOLDER);
    const bootstrap = options.argoCd.rootApplication === false ? undefined : new Chart(app, 'argocd-bootstrap');
    declareArgoCdAppOfApps(managed, bootstrap, phases, waves, options.argoCd);
    folders.push([managed, ARGO_CD_FOLDER, true]);
    if (bootstrap) folders.push([bootstrap, `${ARGO_CD_FOLDER}/bootstrap`, false]);
  }
  if (options.flux !== undefined) {
    const chart = new Chart(app, FLUX_FOLDER);
    declareFluxKustomizations(chart, phases, options.flux);
    folders.push([chart, FLUX_FOLDER, true]);
  }
  return renderChartFolders(app, folders);
}

/** A chart's objects written into a folder, with a kustomization.yaml listing them when `listed`. */
export type ChartFolder = [chart: Chart, folder: string, listed: boolean];

/**
 * Validates `app` and renders each chart into its folder (path relative to the output folder ->
 * content): one file per object, and a kustomization.yaml where the folder is `listed`.
 */
export function renderChartFolders(app: App, folders: readonly ChartFolder[]): Map<string, string> {
  const files = new Map<string, string>();
  const rendered = new Map(synthesizeApp(app).charts.map(({ chart, objects }) => [chart, objects.map((o) => o.json)]));
  for (const [chart, folder, listed] of folders) {
    const objects = rendered.get(chart) ?? [];
    const names = fileNames(objects);
    objects.forEach((object, i) => files.set(`${folder}/${names[i]}`, stringifyYamlDocument(object)));
    // A folder applied by hand (a bootstrap) is not read by kustomize: no kustomization.yaml there.
    if (listed) files.set(`${folder}/kustomization.yaml`, kustomization(names));
  }
  return files;
}
