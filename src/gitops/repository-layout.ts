import { DeploymentPhase } from './deployment-phase';
import { show } from '../common/errors';
import { stringifyYamlDocument } from '../synth/yaml-writer';

/** The phases in the order they are applied. */
export const PHASE_ORDER: readonly DeploymentPhase[] = [
  DeploymentPhase.OPERATORS, DeploymentPhase.CLUSTER, DeploymentPhase.NETWORKS_AND_STORAGE, DeploymentPhase.WORKLOADS,
];

/** Top-level folders the layout writes beside the chart folders (a chart cannot take these names). */
export const PHASES_FOLDER = 'phases';
export const ARGO_CD_FOLDER = 'argocd';
export const FLUX_FOLDER = 'flux';
const RESERVED_FOLDERS = [PHASES_FOLDER, ARGO_CD_FOLDER, FLUX_FOLDER];

/** One rendered object and the phase it is applied in. */
export interface LayoutObject {
  readonly json: any;
  readonly phase: DeploymentPhase;
}

/** A chart's folder name (from its construct path) and its objects. */
export interface LayoutChart {
  readonly folder: string;
  /** Who the folder belongs to, for messages (the chart's construct path). */
  readonly path: string;
  readonly objects: readonly LayoutObject[];
}

/** The files of a layout (path relative to the output folder -> content) and what it holds. */
export interface RepositoryLayout {
  readonly files: ReadonlyMap<string, string>;
  /** The chart folders, in chart order. */
  readonly chartFolders: readonly string[];
  /** Each phase that holds objects, in apply order, with the `<chart>/<phase>` folders that make it up. */
  readonly phases: ReadonlyArray<{ readonly phase: DeploymentPhase; readonly folders: readonly string[] }>;
}

/**
 * Plans the repository layout without writing anything, so every problem is found before the
 * first file is touched:
 *
 * ```
 * kustomization.yaml              -> the chart folders
 * <chart>/kustomization.yaml      -> the chart's phase folders, in apply order
 * <chart>/<phase>/*.yaml          -> one file per object, and a kustomization.yaml
 * phases/<phase>/kustomization.yaml -> every chart's folder of that phase (with `withPhaseFolders`)
 * ```
 *
 * A phase folder is what an Argo CD Application or a Flux Kustomization of that phase points at.
 */
export function planRepositoryLayout(charts: readonly LayoutChart[], withPhaseFolders: boolean): RepositoryLayout {
  assertDistinctFolders(charts);
  const files = new Map<string, string>();
  const folders = new Map<DeploymentPhase, string[]>();
  for (const chart of charts) {
    const chartPhases = PHASE_ORDER.filter((phase) => chart.objects.some((o) => o.phase === phase));
    for (const phase of chartPhases) {
      const objects = chart.objects.filter((o) => o.phase === phase).map((o) => o.json);
      const names = fileNames(objects);
      objects.forEach((obj, i) => files.set(`${chart.folder}/${phase}/${names[i]}`, stringifyYamlDocument(obj)));
      files.set(`${chart.folder}/${phase}/kustomization.yaml`, kustomization(names));
      folders.set(phase, [...(folders.get(phase) ?? []), `${chart.folder}/${phase}`]);
    }
    files.set(`${chart.folder}/kustomization.yaml`, kustomization(chartPhases));
  }
  files.set('kustomization.yaml', kustomization(charts.map((c) => c.folder)));
  const phases = PHASE_ORDER.filter((phase) => folders.has(phase)).map((phase) => ({ phase, folders: folders.get(phase)! }));
  if (withPhaseFolders) {
    for (const { phase, folders: members } of phases) {
      files.set(`${PHASES_FOLDER}/${phase}/kustomization.yaml`, kustomization(members.map((m) => `../../${m}`)));
    }
  }
  return { files, chartFolders: charts.map((c) => c.folder), phases };
}

/** A chart's folder: its construct path, lower-cased, with characters a path must not hold left out. */
export function chartFolderName(chartPath: string): string {
  return chartPath.replace(/\//g, '-').replace(/[^A-Za-z0-9._-]/g, '').toLowerCase();
}

function assertDistinctFolders(charts: readonly LayoutChart[]): void {
  const owners = new Map<string, string>();
  for (const { folder, path } of charts) {
    if (folder === '' || /^\.+$/.test(folder)) {
      throw new Error(`GitOpsApp: the chart ${show(path)} would write the folder ${show(folder)}, which is not a folder inside the output: give the chart an id with letters or digits`);
    }
    if (RESERVED_FOLDERS.includes(folder)) {
      throw new Error(`GitOpsApp: the chart ${show(path)} would write the folder ${show(folder)}, which GitOpsApp keeps for its ${folder} files: give the chart another id`);
    }
    const other = owners.get(folder);
    if (other !== undefined) {
      throw new Error(`GitOpsApp: the charts ${show(other)} and ${show(path)} would both write the folder ${show(folder)}: give the charts ids that differ by more than case or punctuation`);
    }
    owners.set(folder, path);
  }
}

/** `<kind>-<name>.yaml`, with the namespace where that repeats, and a counter as a last resort. */
export function fileNames(objects: readonly any[]): string[] {
  const base = (obj: any, withNamespace: boolean) => [obj.kind, withNamespace ? obj.metadata?.namespace : undefined, obj.metadata?.name]
    .filter((part) => part !== undefined && part !== '')
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-');
  const simple = objects.map((o) => base(o, false));
  const names = objects.map((o, i) => (simple.indexOf(simple[i]) !== simple.lastIndexOf(simple[i]) ? base(o, true) : simple[i]));
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return `${count === 1 ? name : `${name}-${count}`}.yaml`;
  });
}

/** A kustomize `Kustomization` listing `resources` (files or folders). */
export function kustomization(resources: readonly string[]): string {
  return stringifyYamlDocument({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}
