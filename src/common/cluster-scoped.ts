import { ApiObject, Chart, JsonPatch } from 'cdk8s';

const clusterScoped = new WeakSet<ApiObject>();

/** Removes the namespace a chart writes into every object, for a cluster-scoped object. */
export function withoutNamespace(obj: ApiObject): ApiObject {
  clusterScoped.add(obj);
  if (Chart.of(obj).namespace !== undefined && obj.metadata.namespace === Chart.of(obj).namespace) {
    obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return obj;
}

/**
 * The namespace an object is written with: none for a cluster-scoped object of this library,
 * whose `metadata.namespace` still reads the chart's (cdk8s removes it only when rendering).
 */
export function writtenNamespace(obj: ApiObject): string | undefined {
  return clusterScoped.has(obj) ? undefined : obj.metadata.namespace;
}
