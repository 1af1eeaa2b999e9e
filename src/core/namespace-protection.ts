import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { apiObjectsUnder } from './api-objects';
import { writtenNamespace } from '../common/cluster-scoped';
import { show } from '../common/errors';
import { addToList, listedWithCount } from '../common/objects';
import { annotationsOf, fullyProtectedFromPrune, protectFromPrune, protectedFromPrune } from '../model/prune-protection';
import { ownerOf } from '../validation/object-owner';

/**
 * Deleting a Namespace deletes every object in it, whatever their sync options. So a Namespace
 * declared in the app that holds objects kept from GitOps deletion (disks, VMs that own disks)
 * is kept the same way (Argo CD `Prune=false,Delete=false`, Flux `prune: disabled`).
 *
 * Returns one warning line per such Namespace (protected here or by `WorkloadNamespace`), naming
 * what it holds and how to delete it.
 */
export function protectNamespacesHoldingData(scope: IConstruct): string[] {
  return protectNamespacesAmong(apiObjectsUnder(scope));
}

/**
 * `protectNamespacesHoldingData` over the objects of an app already collected (GitOpsApp walks
 * its tree once for all its passes), in tree order.
 */
export function protectNamespacesAmong(objects: readonly ApiObject[]): string[] {
  // The objects, not their descriptions: most namespaces that hold disks are not declared in the app.
  const kept = new Map<string, ApiObject[]>();
  for (const object of objects) {
    const namespace = keptObjectNamespace(object);
    if (namespace !== undefined) addToList(kept, namespace, object);
  }
  const warnings: string[] = [];
  for (const object of objects) {
    if (object.apiVersion !== 'v1' || object.kind !== 'Namespace') continue;
    const name = object.metadata.name;
    const holders = name === undefined ? undefined : kept.get(name);
    if (!holders) continue;
    if (!fullyProtectedFromPrune({ metadata: { annotations: annotationsOf(object) } })) protectFromPrune(object);
    warnings.push(`[${ownerOf(object).node.path}] warning: Namespace ${show(name)} is kept from GitOps deletion (Argo CD Prune=false,Delete=false; Flux prune: disabled) because it holds ${listedWithCount(holders.map((o) => `${o.kind} ${o.metadata.name}`))}, and deleting a Namespace deletes everything in it. To remove it, delete its disks first, then the Namespace, by hand`);
  }
  return warnings;
}

/**
 * The namespace of an object kept from GitOps deletion (a disk, a VM owning one), which its
 * Namespace must keep too; undefined for any other construct.
 */
export function keptObjectNamespace(construct: IConstruct): string | undefined {
  // A Namespace object carries the chart's namespace in cdk8s (removed only when rendered).
  if (!(construct instanceof ApiObject) || construct.kind === 'Namespace') return undefined;
  const namespace = writtenNamespace(construct);
  return namespace !== undefined && protectedFromPrune({ metadata: { annotations: annotationsOf(construct) } }) ? namespace : undefined;
}
