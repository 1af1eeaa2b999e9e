// What an instancetype and a preference share: each is one of a namespaced kind and its
// cluster-scoped twin (`VirtualMachineInstancetype` / `VirtualMachineClusterInstancetype`),
// chosen with `clusterScoped: true`.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { withoutNamespace } from '../common/cluster-scoped';
import { show } from '../common/errors';

/** `clusterScoped` checked (true, false or left out; no namespace when true); `what` names the kind in messages. */
export function clusterScopeOf(
  errorFor: (problem: string) => Error, what: string, props: { readonly clusterScoped?: boolean; readonly metadata?: ApiObjectMetadata },
): boolean {
  const given: unknown = props.clusterScoped;
  if (given !== undefined && typeof given !== 'boolean') throw errorFor(`clusterScoped ${show(given)} must be true or false, or left out`);
  if (given === true && props.metadata?.namespace !== undefined) {
    throw errorFor(`metadata.namespace ${show(props.metadata.namespace)} cannot be set on a cluster-scoped ${what}: leave it out, or drop clusterScoped for a namespaced one`);
  }
  return given ?? false;
}

/**
 * The object (child `Resource`) of the namespaced kind or of its cluster-scoped twin, written
 * without the chart's namespace when cluster-scoped, and its resource type (`<kind>s`).
 */
export function namespacedOrClusterObject(
  scope: Construct, clusterScoped: boolean, kinds: { readonly namespaced: GroupVersionKind; readonly cluster: GroupVersionKind },
  metadata: ApiObjectMetadata | undefined, spec: Record<string, unknown>,
): { apiObject: ApiObject; resourceType: string } {
  const gvk = clusterScoped ? kinds.cluster : kinds.namespaced;
  const object = new ApiObject(scope, 'Resource', { ...gvk, metadata, spec });
  return { apiObject: clusterScoped ? withoutNamespace(object) : object, resourceType: `${gvk.kind.toLowerCase()}s` };
}
