import { IConstruct } from 'constructs';

// Which cluster of a Fleet an app is rendered for. A Fleet renders each cluster as an app of its
// own; what must differ or be coordinated between clusters (MAC addresses, shared IP pools) asks here.
const clusterOfApp = new WeakMap<IConstruct, string>();

/** Marks `app` as the app of the Fleet cluster `cluster`. @internal */
export function markFleetCluster(app: IConstruct, cluster: string): void {
  clusterOfApp.set(app, cluster);
}

/** The Fleet cluster the app of `scope` is rendered for, if it is a Fleet's. */
export function fleetClusterOf(scope: IConstruct): string | undefined {
  return clusterOfApp.get(scope.node.root);
}
