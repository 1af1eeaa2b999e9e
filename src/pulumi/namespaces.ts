import { KubeObject } from '../model/object-index';

/** Namespaces every cluster has: never created (the create would fail: it exists). */
export const CLUSTER_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Prefixes the platform reserves for its own namespaces (`kube-`; `openshift-` on OpenShift,
 * where the operators create them, e.g. openshift-cnv): used, never created unless declared.
 */
export const PLATFORM_NAMESPACE_PREFIXES: readonly string[] = ['kube-', 'openshift-'];

/** Whether a namespace belongs to the cluster or the platform (never created by a deployment). */
export function isPlatformNamespace(name: string): boolean {
  return CLUSTER_NAMESPACES.includes(name) || PLATFORM_NAMESPACE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Which namespaces a deployment creates (arguments of `ChartDeployment`). */
export interface NamespaceArgs {
  /**
   * Create the namespaces the objects use and do not declare, first (Namespaces are in the
   * `operators` phase, which every later object waits for).
   * @default true
   */
  readonly createNamespaces?: boolean;
  /**
   * Namespaces that exist already (created by another stack or by hand): used, never created.
   * @default - none (besides default and the kube-* and openshift-* namespaces)
   */
  readonly existingNamespaces?: string[];
}

/**
 * Plain Namespace objects for the namespaces `objects` use but do not declare, in order of
 * first use. Nothing else goes into them: a Namespace declared in the chart (for example with
 * `WorkloadNamespace`) is deployed as declared instead.
 */
export function missingNamespaces(objects: KubeObject[], args: NamespaceArgs): KubeObject[] {
  if (args.createNamespaces === false) return [];
  const declared = new Set(objects.filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1').map((o) => o.metadata?.name));
  const existing = new Set(args.existingNamespaces ?? []);
  const used: string[] = [];
  for (const object of objects) {
    const namespace = object.metadata?.namespace;
    if (typeof namespace !== 'string' || declared.has(namespace) || existing.has(namespace) || isPlatformNamespace(namespace) || used.includes(namespace)) continue;
    used.push(namespace);
  }
  return used.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
}
