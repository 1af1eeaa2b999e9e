import { NetworkKeys, VmNetworkReference, vmNetworkReferences } from '../declared-networks';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { IssueSeverity, ValidationRule } from '../validation-report';

/** Reports a reference that resolves to no network among the objects and no known network. */
function resolve(
  context: RuleContext, keys: NetworkKeys, reference: string, objectNamespace: string | undefined, index: number, at: { readonly path: string },
): void {
  const { key, bare } = keys.of(reference, objectNamespace);
  if (context.networks.byKey.has(key) || context.knownNetworks.has(key)) return;
  // The path is read only for a message (a VM reference builds it when read).
  const path = at.path;
  if (context.options.unresolvedReferences === IssueSeverity.WARNING) {
    context.warn(index, path, `network ${JSON.stringify(reference)} (NetworkAttachmentDefinition ${JSON.stringify(key)}) is not among the given files: it must exist in the cluster (--known-network ${key} says it does; --closed makes this an error)`);
    return;
  }
  context.error(index, path, `network ${JSON.stringify(reference)} resolves to no NetworkAttachmentDefinition ${JSON.stringify(key)} among these objects${bare ? ' (a bare name means the same namespace)' : ''}: declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already`);
}

/**
 * The OpenShift Cluster Network Operator writes each additional network into a NAD of that
 * name, so both forms in one set (alternatives kept side by side, say) are one network twice.
 */
function sameNetworkTwice(context: RuleContext): void {
  for (const { declaration, first } of context.networks.aliases) {
    context.warn(declaration.index, declaration.path,
      `${declaration.holder} and ${first.holder} are the same network (the Cluster Network Operator creates that NetworkAttachmentDefinition from the additional network): apply only one of the two`);
  }
}

/** Every Multus reference (VM networks, pod annotations) resolves to a network. */
export const multusReferences: Rule = {
  id: ValidationRule.MULTUS_REFERENCES,
  order: 500,
  summary: 'VM networks and pod annotations resolve to a NAD (same or named namespace), an OpenShift additional network, or a network referenced with `NetworkAttachmentDefinition.fromName`; a NAD and an additional network of the same name are one network (a warning: apply one)',
  reference: 'https://github.com/k8snetworkplumbingwg/multi-net-spec',
  source: RuleSource.PROJECT,
  check(context) {
    sameNetworkTwice(context);
    const keys = new NetworkKeys();
    const none: VmNetworkReference[] = [];
    const listed = context.viewsWithNetworks;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, podNetworks, namespace } = listed[n];
      for (const network of vm ? vmNetworkReferences(vm) : none) resolve(context, keys, network.reference, vm?.namespace, index, network);
      if (!podNetworks) continue;
      if (!podNetworks.selections) {
        context.error(index, podNetworks.path, 'is neither a JSON list of networks nor "namespace/name" entries separated by commas: write e.g. [{"name":"repl","ips":["192.168.4.10/24"]}]');
        continue;
      }
      for (const selection of podNetworks.selections) {
        const reference = selection.namespace ? `${selection.namespace}/${selection.name}` : selection.name;
        resolve(context, keys, reference, namespace as string | undefined, index, podNetworks);
      }
    }
  },
};
