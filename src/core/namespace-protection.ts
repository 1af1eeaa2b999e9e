import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { writtenNamespace } from '../common/cluster-scoped';
import { show } from '../common/errors';
import { fullyProtectedFromPrune, protectFromPrune, protectedFromPrune } from '../model/prune-protection';

/**
 * Deleting a Namespace deletes every object in it, whatever their sync options. So a Namespace
 * declared in the app that holds objects kept from GitOps deletion (disks, VMs that own disks)
 * is kept the same way (Argo CD `Prune=false,Delete=false`, Flux `prune: disabled`).
 *
 * Returns one warning line per such Namespace (protected here or by `WorkloadNamespace`), naming
 * what it holds and how to delete it.
 */
export function protectNamespacesHoldingData(scope: IConstruct): string[] {
  const objects = scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  const kept = new Map<string, string[]>();
  for (const object of objects) {
    const metadata = object.metadata.toJson();
    const namespace = writtenNamespace(object);
    // A Namespace object carries the chart's namespace in cdk8s (removed only when rendered).
    if (namespace === undefined || object.kind === 'Namespace' || !protectedFromPrune({ metadata })) continue;
    kept.set(namespace, [...(kept.get(namespace) ?? []), `${object.kind} ${metadata.name}`]);
  }
  const warnings: string[] = [];
  for (const object of objects) {
    if (object.apiVersion !== 'v1' || object.kind !== 'Namespace') continue;
    const name = object.metadata.name;
    const holders = name === undefined ? undefined : kept.get(name);
    if (!holders) continue;
    if (!fullyProtectedFromPrune({ metadata: object.metadata.toJson() })) protectFromPrune(object);
    warnings.push(`[${ownerPath(object)}] warning: Namespace ${show(name)} is kept from GitOps deletion (Argo CD Prune=false,Delete=false; Flux prune: disabled) because it holds ${holders.join(', ')}, and deleting a Namespace deletes everything in it. To remove it, delete its disks first, then the Namespace, by hand`);
  }
  return warnings;
}

/** The construct a user declared: the cdk8s-plus construct, not its inner `Resource`. */
function ownerPath(object: ApiObject): string {
  const parent = object.node.scope;
  return object.node.id === 'Resource' && parent ? parent.node.path : object.node.path;
}
