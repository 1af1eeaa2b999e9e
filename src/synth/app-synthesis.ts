import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { withFastResolve } from './fast-resolve';
import { AppValidation } from '../validation/app-validation';

/** An object of a synthesized app: its construct and the JSON it rendered (once). */
export interface SynthesizedObject {
  readonly construct: ApiObject;
  readonly json: any;
}

/** A chart of a synthesized app with its objects, in cdk8s' order. */
export interface SynthesizedChart {
  readonly chart: Chart;
  readonly objects: SynthesizedObject[];
}

/** What `cdk8s synth` computes before writing files. */
export interface SynthesizedApp {
  /** The charts in dependency order, each with the objects it owns (not those of nested charts). */
  readonly charts: SynthesizedChart[];
  /** Whether a chart depends on another (cdk8s then numbers the files: `0000-<chart>.k8s.yaml`). */
  readonly hasDependantCharts: boolean;
}

/**
 * Validates an app and orders its objects exactly as cdk8s' `App.synth` does, rendering every
 * object once: the JSON our validation checked is the JSON returned (cdk8s renders each object
 * again per chart, and runs every validation once more for each chart).
 *
 * Throws cdk8s' error (`Validation failed with the following errors: ...`) when a construct is invalid.
 */
export function synthesizeApp(app: App, constructs?: IConstruct[]): SynthesizedApp {
  return withFastResolve(() => synthesize(app, constructs ?? app.node.findAll()));
}

/** `constructs`: every construct of the app in pre-order (`app.node.findAll()`), found by the caller when it walked the tree already. */
function synthesize(app: App, constructs: IConstruct[]): SynthesizedApp {
  const rendered = new Map<ApiObject, unknown>();
  const validation = AppValidation.find(app);
  const validate = () => validateConstructs(constructs);
  if (validation) validation._renderOnceInto(rendered, validate, constructs);
  else validate();
  const { hasDependantCharts, dependent } = resolveDependencies(constructs);
  // Without any dependency (most apps), cdk8s' graph orders charts and objects as the tree does.
  const inTreeOrder = constructs.every((c) => !dependent.has(c) && pathOrderedAsTree(c));
  const byChart = inTreeOrder ? ownObjectsByChart(constructs) : new Map(app.charts.map((chart) => [chart, objectsOf(chart)]));
  const charts = [...byChart].map(([chart, objects]) => ({
    chart,
    objects: objects.map((construct) => ({ construct, json: rendered.get(construct) ?? construct.toJson() })),
  }));
  return { charts, hasDependantCharts };
}

/**
 * Every chart (in tree order) with its own objects (not those of nested charts), in tree order,
 * from one pass over the constructs in pre-order.
 */
function ownObjectsByChart(constructs: IConstruct[]): Map<Chart, ApiObject[]> {
  const byChart = new Map<Chart, ApiObject[]>();
  for (const construct of constructs) {
    if (construct instanceof Chart) {
      byChart.set(construct, []);
    } else if (construct instanceof ApiObject) {
      // The nearest chart above (Chart.of), met before in pre-order.
      let scope = construct.node.scope;
      while (scope !== undefined && !(scope instanceof Chart)) scope = scope.node.scope;
      if (scope !== undefined) byChart.get(scope)!.push(construct);
    }
  }
  return byChart;
}

/** Every object of a synthesized app, chart after chart, as cdk8s writes them into one file. */
export function allObjects(synthesized: SynthesizedApp): any[] {
  return synthesized.charts.flatMap(({ objects }) => objects.map((o) => o.json));
}

/** A chart's own objects in dependency order (cdk8s' `chartToKube`). */
function objectsOf(chart: Chart): ApiObject[] {
  const constructs = chart.node.findAll();
  if (constructs.every(orderedAsTree)) return ownObjectsByChart(constructs).get(chart)!;
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

/** Paths JavaScript orders before all others as object keys (array indices), as DependencyGraph keys its vertices. */
const INDEX_LIKE = /^(0|[1-9]\d*)$/;

/**
 * Whether DependencyGraph places the construct where the tree does: it has no dependency and its
 * path does not read as an array index. When every construct of a scope is, the graph's topology
 * is the tree's pre-order, and building the graph (half a second for 40,000 objects) is skipped.
 */
function orderedAsTree(construct: IConstruct): boolean {
  return construct.node.dependencies.length === 0 && pathOrderedAsTree(construct);
}

/** Whether the construct's path keeps its place in the graph's order (it does not read as an array index). */
function pathOrderedAsTree(construct: IConstruct): boolean {
  // A path of one part is the id of a child of the root; deeper paths hold a "/" (the root's path is empty).
  const scope = construct.node.scope;
  return scope === undefined || scope.node.scope !== undefined || !INDEX_LIKE.test(construct.node.path);
}

function validateConstructs(constructs: IConstruct[]): void {
  const errors: string[] = [];
  for (const construct of constructs) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * cdk8s' dependency resolution: nested charts and construct dependencies across charts become
 * chart dependencies, and construct dependencies become dependencies between their ApiObjects.
 * Returns whether any chart depends on another, and the constructs that have dependencies now.
 */
function resolveDependencies(constructs: IConstruct[]): { hasDependantCharts: boolean; dependent: Set<IConstruct> } {
  const below = new Map<IConstruct, IConstruct[]>();
  const findAll = (c: IConstruct) => {
    let all = below.get(c);
    if (!all) below.set(c, (all = c.node.findAll()));
    return all;
  };
  let hasDependantCharts = false;
  for (const parent of constructs) {
    if (!(parent instanceof Chart)) continue;
    for (const child of parent.node.children) {
      if (!(child instanceof Chart)) continue;
      parent.node.addDependency(child);
      hasDependantCharts = true;
    }
  }
  // Only charts gain dependencies below, so the other constructs' are read once (a fleet has 100,000).
  const otherDependencies = new Map<IConstruct, IConstruct[]>();
  for (const construct of constructs) {
    if (construct instanceof Chart) continue;
    const targets = construct.node.dependencies;
    if (targets.length > 0) otherDependencies.set(construct, targets);
  }
  const dependencies = () => {
    const pairs: Array<{ source: IConstruct; target: IConstruct }> = [];
    for (const source of constructs) {
      const targets = source instanceof Chart ? source.node.dependencies : otherDependencies.get(source);
      for (const target of targets ?? []) pairs.push({ source, target });
    }
    return pairs;
  };
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  const dependent = new Set<IConstruct>(otherDependencies.keys());
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targets = findAll(target).filter((c) => c instanceof ApiObject && Chart.of(c) === targetChart);
    const sources = findAll(source).filter((c) => c instanceof ApiObject && Chart.of(c) === sourceChart);
    for (const t of targets) {
      for (const s of sources) {
        if (t !== s) {
          s.node.addDependency(t);
          dependent.add(s);
        }
      }
    }
  }
  for (const construct of constructs) {
    if (construct instanceof Chart && construct.node.dependencies.length > 0) dependent.add(construct);
  }
  return { hasDependantCharts, dependent };
}
