import { ApiObject, AppProps } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DEFAULT_MAX_RESOURCES_PER_APPLICATION } from './application-parts';
import { GitOpsBootstrapOptions, bootstrapOptionProblems, renderBootstrap } from './gitops-bootstrap';
import { writeRepositoryLayout } from './layout-writer';
import { LayoutChart, ObjectFiles, chartFolderName, planRepositoryLayout } from './repository-layout';
import { DEFAULT_SYNC_WAVES, SyncWaveOptions, addSyncWavesTo, deploymentPhaseOf } from './sync-waves';
import { checkedAppProps, notOneOf, show } from '../common/errors';
import { protectNamespacesAmong } from '../core/namespace-protection';
import { synthesizeApp } from '../synth/app-synthesis';
import { VirtualizationApp } from '../synth/virtualization-app';
import { AppValidation } from '../validation/app-validation';

/** Properties of `GitOpsApp`. */
export interface GitOpsAppProps extends AppProps, GitOpsBootstrapOptions {
  /**
   * Argo CD sync waves and dry-run skipping (see `addSyncWaves`); `false` leaves them out.
   * @default - the default waves
   */
  readonly syncWaves?: SyncWaveOptions | false;
  /**
   * With `argoCd` or `flux`: the most objects one phase Application (or Kustomization) holds. A
   * bigger phase is split into parts (`workloads-1`, `workloads-2`, ...) in the same sync wave,
   * a VM always in one part with its Secrets and Services. Argo CD keeps one status entry per
   * resource in the Application, and about 3,000 reach etcd's 1.5 MB object limit.
   * @default 1000
   */
  readonly maxResourcesPerApplication?: number;
  /** One file per object, or one `objects.yaml` per folder. @default ObjectFiles.ONE_PER_OBJECT */
  readonly objectFiles?: ObjectFiles;
}

/**
 * A cdk8s App that writes a repository layout GitOps controllers read as is: one folder per
 * chart, inside it one folder per deployment phase (`operators`, `cluster`,
 * `networks-and-storage`, `workloads`) with one file per object (`<kind>-<name>.yaml`, plus the
 * namespace when names repeat), a `kustomization.yaml` in every folder, and one at the top
 * listing the charts. Point an Argo CD Application or a Flux Kustomization at the top folder,
 * at one chart's folder, or at one phase of a chart.
 *
 * `cdk8s synth` runs it like any app; the output goes to the app's outdir (`dist/`, or
 * `CDK8S_OUTDIR`). Everything is checked before the first file is written, and the folders of the
 * previous run are replaced, so deleted objects and charts do not linger.
 *
 * With `argoCd`, it also writes an Argo CD app-of-apps (`argocd/`: an AppProject and one
 * Application per phase, ordered by sync waves, retried, ignoring what KubeVirt owns;
 * `argocd/bootstrap/`: the root Application and the health checks for argocd-cm); with `flux`,
 * one Flux Kustomization per phase (`flux/`), each depending on the one before. Both read the
 * phase folders `phases/<phase>/`.
 *
 * A Namespace declared in the app that holds disks kept from GitOps deletion is kept the same
 * way (deleting a Namespace deletes everything in it); a warning says so.
 */
/** The construct directly under the chart that holds `construct` (a VM holds its Secret and Service). */
function groupOf(construct: IConstruct, chart: IConstruct): string {
  // Up through the parents: node.scopes would copy the whole path for every object.
  let child = construct;
  while (child.node.scope !== undefined && child.node.scope !== chart) child = child.node.scope;
  return child.node.path;
}


export class GitOpsApp extends VirtualizationApp {
  private readonly syncWaves: SyncWaveOptions | false;
  private readonly bootstrap: GitOpsBootstrapOptions;
  private readonly maxResourcesPerApplication: number;
  private readonly objectFiles: ObjectFiles;

  public constructor(props: GitOpsAppProps = {}) {
    super(checkedAppProps(props, 'GitOpsApp', 'GitOpsAppProps'));
    const problems = bootstrapOptionProblems(props);
    if (problems.length > 0) throw new Error(`GitOpsApp: ${problems.join('; ')}`);
    this.syncWaves = props.syncWaves ?? {};
    this.bootstrap = { argoCd: props.argoCd, flux: props.flux };
    const max = props.maxResourcesPerApplication ?? DEFAULT_MAX_RESOURCES_PER_APPLICATION;
    if (!Number.isInteger(max) || max < 1) {
      throw new Error(`GitOpsApp: maxResourcesPerApplication ${show(max)} must be a whole number of at least 1, e.g. ${DEFAULT_MAX_RESOURCES_PER_APPLICATION}`);
    }
    this.maxResourcesPerApplication = max;
    const objectFiles = props.objectFiles ?? ObjectFiles.ONE_PER_OBJECT;
    const badFiles = notOneOf(objectFiles, ObjectFiles);
    if (badFiles) throw new Error(`GitOpsApp: objectFiles ${show(objectFiles)} ${badFiles}`);
    this.objectFiles = objectFiles;
  }

  /** Validates every construct, then writes the layout. */
  public synth(): void {
    // One walk for all of GitOpsApp's passes and the synthesis (the passes add no construct).
    const constructs = this.node.findAll();
    const apiObjects = constructs.filter((c): c is ApiObject => c instanceof ApiObject);
    if (this.syncWaves !== false) addSyncWavesTo(apiObjects, this.syncWaves);
    const warnings = protectNamespacesAmong(apiObjects);
    const synthesized = synthesizeApp(this, constructs);
    AppValidation.of(this)._warn(warnings);
    const charts: LayoutChart[] = synthesized.charts.map(({ chart, objects }) => ({
      folder: chartFolderName(chart.node.path),
      path: chart.node.path,
      objects: objects.map(({ construct, json }) => ({ json, phase: deploymentPhaseOf(construct), group: groupOf(construct, chart) })),
    }));
    const bootstrapped = this.bootstrap.argoCd !== undefined || this.bootstrap.flux !== undefined;
    const layout = planRepositoryLayout(charts, {
      withPhaseFolders: bootstrapped,
      maxObjectsPerPhase: bootstrapped ? this.maxResourcesPerApplication : undefined,
      objectFiles: this.objectFiles,
    });
    const waves = { ...DEFAULT_SYNC_WAVES, ...(this.syncWaves === false ? {} : this.syncWaves.waves) };
    const bootstrapFiles = renderBootstrap(layout.phases, waves, this.bootstrap);
    writeRepositoryLayout(this.outdir, { ...layout, files: new Map([...layout.files, ...bootstrapFiles]) });
  }
}

