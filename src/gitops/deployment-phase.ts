import { IConstruct } from 'constructs';

/**
 * The order in which a virtualization stack must be applied: each phase needs the ones before it.
 */
export enum DeploymentPhase {
  /** Operator installs: Namespaces, OperatorGroups, Subscriptions, CRDs, operator release manifests. */
  OPERATORS = 'operators',
  /** Cluster-wide CRs the operators reconcile: HyperConverged, KubeVirt, CDI, MigrationPolicy. */
  CLUSTER = 'cluster',
  /** Networks and storage: NetworkAttachmentDefinitions, DataVolumes, PVCs, Secrets, ConfigMaps. */
  NETWORKS_AND_STORAGE = 'networks-and-storage',
  /** What runs: VirtualMachines, Services, migrations, workloads. */
  WORKLOADS = 'workloads',
}

const marked = new WeakMap<IConstruct, DeploymentPhase>();
/** Whether any construct was ever marked: most programs mark none, and then no object looks up its ancestors. */
let anyMarked = false;

/** Puts every object under `scope` into `phase`, whatever its kind (e.g. an operator's own Deployment). */
export function setDeploymentPhase(scope: IConstruct, phase: DeploymentPhase): void {
  marked.set(scope, phase);
  anyMarked = true;
}

/** The phase set on `scope` or its nearest ancestor, if any. */
export function markedDeploymentPhase(scope: IConstruct): DeploymentPhase | undefined {
  if (!anyMarked) return undefined;
  // Up through the parents (node.scopes would copy the whole path for every object).
  for (let construct: IConstruct | undefined = scope; construct !== undefined; construct = construct.node.scope) {
    const phase = marked.get(construct);
    if (phase !== undefined) return phase;
  }
  return undefined;
}
