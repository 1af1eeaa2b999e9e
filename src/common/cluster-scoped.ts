import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/** Removes the namespace a chart writes into every object, for a cluster-scoped object. */
export function withoutNamespace(obj: ApiObject): ApiObject {
  if (Chart.of(obj).namespace !== undefined && obj.metadata.namespace === Chart.of(obj).namespace) {
    obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return obj;
}
