import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { PlannedObject, objectKey, waveOf } from './deployment-order';
import { hasDataVolumeTemplates, templateDataVolumes, vmWithoutTemplates } from './disk-retention';
import { NamespaceArgs, missingNamespaces } from './namespaces';
import { deploymentPhaseOf, deploymentPhaseOfKind } from '../gitops/sync-waves';
import { KubeObject, isKubeObject } from '../model/object-index';
import { synthesizeApp } from '../synth/app-synthesis';
import { formatValidationIssue, validateObjects } from '../validation/validate-objects';

/** What a deployment is asked to deploy, and how it treats disks (the planning part of `ChartDeploymentArgs`). */
export interface PlanArgs extends NamespaceArgs {
  readonly chart?: Chart | App;
  readonly objects?: KubeObject[];
  /** Whether VMs' DataVolume templates become DataVolumes of their own (kept when the VM goes). */
  readonly splitTemplates: boolean;
  /** Keys of VMs whose DataVolume templates stay theirs (deleted with them). */
  readonly deleteDisksWithVms?: string[];
  /** Keys of VMs whose DataVolume templates stay theirs (the VM is retained instead). */
  readonly retainVms?: string[];
}

/** The planned objects, and the keys of the VMs whose templates were split off. */
export interface Plan {
  readonly entries: PlannedObject[];
  readonly splitVms: ReadonlySet<string>;
}

/** A cdk8s App for rendering in memory (nothing is written to its outdir: ChartDeployment never synthesizes files). */
export function inMemoryApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), 'kubevirt-constructs-pulumi') });
}

/**
 * The objects a Chart or App renders, validated and with cdk8s dependencies resolved as
 * `cdk8s synth` would (no YAML is written): the whole app is validated, each object rendered once.
 */
function renderedObjects(scope: Chart | App): Map<ApiObject, KubeObject> {
  const app = scope instanceof App ? scope : App.of(scope);
  return new Map(synthesizeApp(app).charts.flatMap((chart) => chart.objects.map((o) => [o.construct, o.json] as const)));
}

function entryOf(object: KubeObject, construct?: ApiObject): PlannedObject {
  const phase = construct ? deploymentPhaseOf(construct) : deploymentPhaseOfKind(object.kind);
  return { key: objectKey(object), object, phase, wave: waveOf(object, phase), construct };
}

/** The declared objects: rendered from the chart, or checked plain objects. Throws plain Errors with the fix. */
function declaredEntries(args: PlanArgs): PlannedObject[] {
  if ((args.chart === undefined) === (args.objects === undefined)) {
    throw new Error('ChartDeployment: give exactly one of chart (a cdk8s Chart or App) and objects (plain Kubernetes objects)');
  }
  if (args.chart !== undefined) {
    if (!(args.chart instanceof Chart) && !(args.chart instanceof App)) {
      throw new Error('ChartDeployment: chart must be a cdk8s Chart or App (of the cdk8s version this package uses)');
    }
    const rendered = renderedObjects(args.chart);
    return args.chart.node.findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject)
      .map((construct) => entryOf(rendered.get(construct) ?? construct.toJson(), construct));
  }
  const objects = args.objects!;
  objects.forEach((object, i) => {
    if (!isKubeObject(object)) throw new Error(`ChartDeployment: objects[${i}] is not a Kubernetes object (it needs apiVersion and kind)`);
  });
  const report = validateObjects(objects);
  if (!report.valid) throw new Error(`ChartDeployment: the objects are not valid:\n  ${report.errors.map(formatValidationIssue).join('\n  ')}`);
  return objects.map((object) => entryOf(object));
}

/** The VM keys of `deleteDisksWithVms` and `retainVms`, each checked to be a VM with DataVolume templates here. */
function vmsKeepingTemplates(declared: PlannedObject[], args: PlanArgs): Set<string> {
  const candidates = declared.filter((e) => hasDataVolumeTemplates(e.object)).map((e) => e.key);
  for (const field of ['deleteDisksWithVms', 'retainVms'] as const) {
    for (const key of args[field] ?? []) {
      if (!candidates.includes(key)) {
        throw new Error(`ChartDeployment: ${field} names ${key}, which is no VirtualMachine with DataVolume templates here: use one of ${candidates.length > 0 ? candidates.join(', ') : '(none)'}`);
      }
    }
  }
  return new Set([...(args.deleteDisksWithVms ?? []), ...(args.retainVms ?? [])]);
}

/**
 * Everything to deploy: the declared objects, the DataVolumes of VMs' templates (when they are
 * to be kept), and the namespaces used but not declared. Each key once.
 */
export function planDeployment(args: PlanArgs): Plan {
  const declared = declaredEntries(args);
  const keepTogether = vmsKeepingTemplates(declared, args);
  const splitVms = new Set<string>();
  const entries: PlannedObject[] = [];
  for (const entry of declared) {
    if (!args.splitTemplates || !hasDataVolumeTemplates(entry.object) || keepTogether.has(entry.key)) {
      entries.push(entry);
      continue;
    }
    splitVms.add(entry.key);
    entries.push({ ...entry, object: vmWithoutTemplates(entry.object) }, ...templateDataVolumes(entry.object).map((dv) => entryOf(dv)));
  }
  entries.push(...missingNamespaces(entries.map((e) => e.object), args).map((ns) => entryOf(ns)));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.key)) {
      const why = entry.construct === undefined && entry.object.kind === 'DataVolume' ? ' (a DataVolume template of a VM has the name of another DataVolume)' : '';
      throw new Error(`ChartDeployment: ${entry.key} is declared twice${why}: each object can be deployed once`);
    }
    seen.add(entry.key);
  }
  return { entries, splitVms };
}
