import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DeploymentPhase, markedDeploymentPhase } from './deployment-phase';
import { show } from '../common/errors';
import { apiObjectsUnder } from '../core/api-objects';
import { addArgoSyncOptions, annotationsOf } from '../model/prune-protection';

/** Argo CD's per-object sync wave annotation: lower waves are applied (and healthy) first. */
export const ARGO_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** The wave of each phase. */
export type SyncWaveScheme = Record<DeploymentPhase, number>;

/** The default waves: operators 0, cluster CRs 1, networks and storage 2, workloads 3. */
export const DEFAULT_SYNC_WAVES: Readonly<SyncWaveScheme> = {
  [DeploymentPhase.OPERATORS]: 0,
  [DeploymentPhase.CLUSTER]: 1,
  [DeploymentPhase.NETWORKS_AND_STORAGE]: 2,
  [DeploymentPhase.WORKLOADS]: 3,
};

/**
 * API groups whose CRDs come with the virtualization operators, so an Argo CD dry run fails
 * on a fresh cluster until the operator runs: objects of these groups get
 * `SkipDryRunOnMissingResource=true`.
 */
export const OPERATOR_CREATED_API_GROUPS: readonly string[] = [
  'hco.kubevirt.io', 'kubevirt.io', 'cdi.kubevirt.io', 'migrations.kubevirt.io', 'pool.kubevirt.io',
  'snapshot.kubevirt.io', 'clone.kubevirt.io', 'export.kubevirt.io', 'instancetype.kubevirt.io',
  // Multus' CRD: preinstalled on OpenShift, deployed by the network add-ons operator elsewhere.
  'k8s.cni.cncf.io',
  'forklift.konveyor.io',
];

/** Options of `addSyncWaves`. */
export interface SyncWaveOptions {
  /**
   * Waves per phase, overriding the defaults.
   * @default DEFAULT_SYNC_WAVES
   */
  readonly waves?: Partial<SyncWaveScheme>;
  /**
   * Add `SkipDryRunOnMissingResource=true` to objects of operator-created API groups.
   * @default true
   */
  readonly skipDryRunOnMissingResource?: boolean;
}

const OPERATOR_CREATED_GROUPS: ReadonlySet<string> = new Set(OPERATOR_CREATED_API_GROUPS);

const OPERATOR_KINDS = new Set(['Namespace', 'CustomResourceDefinition', 'OperatorGroup', 'Subscription', 'CatalogSource']);
const CLUSTER_KINDS = new Set(['HyperConverged', 'KubeVirt', 'CDI', 'MigrationPolicy']);
const NETWORK_AND_STORAGE_KINDS = new Set([
  'NetworkAttachmentDefinition', 'Network', 'NodeNetworkConfigurationPolicy', 'DataVolume', 'PersistentVolumeClaim',
  'StorageClass', 'Secret', 'ConfigMap', 'DataSource', 'DataImportCron', 'VirtualMachineInstancetype',
  'VirtualMachineClusterInstancetype', 'VirtualMachinePreference', 'VirtualMachineClusterPreference',
]);

/** The phase of an object: set on its construct (or an ancestor), else by kind. */
export function deploymentPhaseOf(obj: ApiObject): DeploymentPhase {
  return markedDeploymentPhase(obj) ?? deploymentPhaseOfKind(obj.kind);
}

/** The phase of a kind, for objects that have no construct (plain objects, YAML). */
export function deploymentPhaseOfKind(kind: string): DeploymentPhase {
  if (OPERATOR_KINDS.has(kind)) return DeploymentPhase.OPERATORS;
  if (CLUSTER_KINDS.has(kind)) return DeploymentPhase.CLUSTER;
  if (NETWORK_AND_STORAGE_KINDS.has(kind)) return DeploymentPhase.NETWORKS_AND_STORAGE;
  return DeploymentPhase.WORKLOADS;
}

/**
 * Gives every object under `scope` (an App or a Chart) an Argo CD sync wave by its deployment
 * phase, so one Application installs the operators, then the cluster CRs, then networks and
 * storage, then the VMs; lets Argo CD skip the dry run for kinds the operators create; and
 * applies CustomResourceDefinitions server-side (too big for client-side apply).
 * A wave already written on an object is kept. Call it after the objects are declared, before
 * `app.synth()` (`GitOpsApp` calls it itself).
 */
export function addSyncWaves(scope: IConstruct, options: SyncWaveOptions = {}): void {
  addSyncWavesTo(apiObjectsUnder(scope), options);
}

/** `addSyncWaves` over objects already collected (GitOpsApp walks its tree once for all its passes). @internal */
export function addSyncWavesTo(objects: readonly ApiObject[], options: SyncWaveOptions = {}): void {
  const waves: SyncWaveScheme = { ...DEFAULT_SYNC_WAVES, ...options.waves };
  for (const [phase, wave] of Object.entries(waves)) {
    if (!Number.isInteger(wave)) {
      throw new Error(`addSyncWaves: the wave of ${show(phase)} is ${show(wave)}: Argo CD sync waves are whole numbers (negative ones run first)`);
    }
  }
  const skipDryRun = options.skipDryRunOnMissingResource ?? true;
  for (const construct of objects) {
    // A wave written on the object by hand wins.
    if (annotationsOf(construct)[ARGO_SYNC_WAVE] === undefined) {
      construct.metadata.addAnnotation(ARGO_SYNC_WAVE, String(waves[deploymentPhaseOf(construct)]));
    }
    if (skipDryRun && OPERATOR_CREATED_GROUPS.has(construct.apiGroup)) {
      addArgoSyncOptions(construct, 'SkipDryRunOnMissingResource=true');
    }
    // Client-side apply stores the whole object in an annotation (at most 256 KiB): operator CRDs
    // such as KubeVirt's are bigger, and only server-side apply can create them.
    if (construct.kind === 'CustomResourceDefinition') addArgoSyncOptions(construct, 'ServerSideApply=true');
  }
}
