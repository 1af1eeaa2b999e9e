import { assignParts } from './application-parts';
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

/** One rendered object, the phase it is applied in, and the group it stays with. */
export interface LayoutObject {
  readonly json: any;
  readonly phase: DeploymentPhase;
  /** Objects of one group (a VM with its Secret and Service) are never split into two Applications. */
  readonly group: string;
}

/** A chart's folder name (from its construct path) and its objects. */
export interface LayoutChart {
  readonly folder: string;
  /** Who the folder belongs to, for messages (the chart's construct path). */
  readonly path: string;
  readonly objects: readonly LayoutObject[];
}

/**
 * A folder of `phases/`: a whole phase, or one part of a phase too big for one Argo CD
 * Application (`workloads-1`, `workloads-2`, ...).
 */
export interface LayoutPhase {
  readonly phase: DeploymentPhase;
  /** The folder name under `phases/`, also the suffix of its Application and Kustomization. */
  readonly name: string;
  /** The `<chart>/<phase>[/part-<n>]` folders that make it up. */
  readonly folders: readonly string[];
  readonly objects: readonly any[];
}

/** How a layout folder holds its objects. */
export enum ObjectFiles {
  /** One file per object (`<kind>-<name>.yaml`): small diffs, one object per review comment. */
  ONE_PER_OBJECT = 'one-per-object',
  /**
   * One multi-document `objects.yaml` per folder: a few files instead of tens of thousands for a
   * fleet (every file is a write at synth, and a file in every Git clone Argo CD makes).
   */
  ONE_PER_FOLDER = 'one-per-folder',
}

/** The name of the file of a folder's objects with `ObjectFiles.ONE_PER_FOLDER`. */
export const OBJECTS_FILE = 'objects.yaml';

/** A file of a layout: its text, or the objects written into it as YAML documents (rendered while writing). */
export type LayoutFile = string | { readonly documents: readonly unknown[] };

/** The files of a layout (path relative to the output folder -> content) and what it holds. */
export interface RepositoryLayout {
  readonly files: ReadonlyMap<string, LayoutFile>;
  /** The chart folders, in chart order. */
  readonly chartFolders: readonly string[];
  /** The phase folders that hold objects, in apply order (parts of a phase in part order). */
  readonly phases: readonly LayoutPhase[];
}

/** How to plan a layout. */
export interface LayoutOptions {
  /** Write `phases/<phase>/` folders, which the Argo CD Applications and Flux Kustomizations read. */
  readonly withPhaseFolders: boolean;
  /** Split a phase into parts of at most this many objects. @default - no split */
  readonly maxObjectsPerPhase?: number;
  /** @default ObjectFiles.ONE_PER_OBJECT */
  readonly objectFiles?: ObjectFiles;
}

/**
 * Plans the repository layout without writing anything, so every problem is found before the
 * first file is touched:
 *
 * ```
 * kustomization.yaml                -> the chart folders
 * <chart>/kustomization.yaml        -> the chart's phase folders, in apply order
 * <chart>/<phase>/*.yaml            -> one file per object, and a kustomization.yaml
 * phases/<phase>/kustomization.yaml -> every chart's folder of that phase (withPhaseFolders)
 * ```
 *
 * A phase with more objects than `maxObjectsPerPhase` is split into parts: its objects go to
 * `<chart>/<phase>/part-<n>/`, and `phases/<phase>-<n>/` gathers part n of every chart.
 */
export function planRepositoryLayout(charts: readonly LayoutChart[], options: LayoutOptions): RepositoryLayout {
  assertDistinctFolders(charts);
  const files = new Map<string, LayoutFile>();
  const phases: LayoutPhase[] = [];
  const chartPhases = new Map<LayoutChart, DeploymentPhase[]>(charts.map((chart) => [chart, []]));
  for (const phase of PHASE_ORDER) {
    const parts = phaseParts(charts, phase, options.maxObjectsPerPhase ?? Infinity);
    parts.forEach((byChart, part) => {
      const name = parts.length === 1 ? phase : `${phase}-${part + 1}`;
      const folders: string[] = [];
      const objects: any[] = [];
      for (const [chart, own] of byChart) {
        const folder = parts.length === 1 ? `${chart.folder}/${phase}` : `${chart.folder}/${phase}/part-${part + 1}`;
        writeObjectFolder(files, folder, own, options.objectFiles ?? ObjectFiles.ONE_PER_OBJECT);
        folders.push(folder);
        objects.push(...own);
      }
      if (folders.length > 0) phases.push({ phase, name, folders, objects });
    });
    for (const chart of charts) {
      const own = parts.map((byChart, part) => (byChart.has(chart) ? `part-${part + 1}` : undefined)).filter((f): f is string => f !== undefined);
      if (own.length === 0) continue;
      chartPhases.get(chart)!.push(phase);
      if (parts.length > 1) files.set(`${chart.folder}/${phase}/kustomization.yaml`, kustomization(own));
    }
  }
  for (const chart of charts) files.set(`${chart.folder}/kustomization.yaml`, kustomization(chartPhases.get(chart)!));
  files.set('kustomization.yaml', kustomization(charts.map((c) => c.folder)));
  if (options.withPhaseFolders) {
    for (const { name, folders } of phases) {
      files.set(`${PHASES_FOLDER}/${name}/kustomization.yaml`, kustomization(folders.map((m) => `../../${m}`)));
    }
  }
  return { files, chartFolders: charts.map((c) => c.folder), phases };
}

/** A phase's objects by part, then by chart (in chart order); no parts when the phase is empty. */
function phaseParts(charts: readonly LayoutChart[], phase: DeploymentPhase, max: number): Array<Map<LayoutChart, any[]>> {
  const members = charts.flatMap((chart) => chart.objects.filter((o) => o.phase === phase).map((object) => ({ chart, object })));
  if (members.length === 0) return [];
  const { parts, partOf } = assignParts(members.map((m) => m.object), max);
  const byPart = Array.from({ length: parts }, () => new Map<LayoutChart, any[]>());
  members.forEach(({ chart, object }, i) => {
    const byChart = byPart[partOf[i]];
    const own = byChart.get(chart);
    if (own) own.push(object.json);
    else byChart.set(chart, [object.json]);
  });
  return byPart;
}

/** The objects of `folder` (one file each, or one file), and its kustomization.yaml. */
function writeObjectFolder(files: Map<string, LayoutFile>, folder: string, objects: readonly any[], objectFiles: ObjectFiles): void {
  if (objectFiles === ObjectFiles.ONE_PER_FOLDER) {
    files.set(`${folder}/${OBJECTS_FILE}`, { documents: objects });
    files.set(`${folder}/kustomization.yaml`, kustomization([OBJECTS_FILE]));
    return;
  }
  const names = fileNames(objects);
  objects.forEach((obj, i) => files.set(`${folder}/${names[i]}`, { documents: [obj] }));
  files.set(`${folder}/kustomization.yaml`, kustomization(names));
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
