import { addToList, listedWithCount } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { fullyProtectedFromPrune, protectedFromPrune } from '../../model/prune-protection';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

/**
 * Deleting a Namespace deletes everything in it, whatever the objects' own sync options say. A
 * disk kept from GitOps deletion (`Prune=false,Delete=false`, Flux `prune: disabled`) is lost
 * anyway when its Namespace, managed in the same Application or Kustomization, is pruned or
 * deleted with it: such a Namespace must carry the same protection.
 */
export const namespaceKeepsData: Rule = {
  id: ValidationRule.NAMESPACE_KEEPS_DATA,
  order: 900,
  summary: 'a Namespace holding disks kept from GitOps deletion is kept the same way',
  reference: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#deleting-a-namespace',
  source: RuleSource.PROJECT,
  check(context) {
    // Most object sets declare no Namespace: nothing to check, and no annotation to parse.
    if (!context.viewsOfKind('Namespace').some(({ object }) => isNamespace(object))) return;
    const kept = new Map<string, string[]>();
    const listed = context.views;
    for (let n = 0; n < listed.length; n++) {
      const { object } = listed[n];
      const namespace = object.metadata?.namespace;
      if (typeof namespace !== 'string' || !protectedFromPrune(object)) continue;
      addToList(kept, namespace, `${object.kind} ${object.metadata?.name}`);
    }
    const namespaces = context.viewsOfKind('Namespace');
    for (let n = 0; n < namespaces.length; n++) {
      const { index, object } = namespaces[n];
      if (!isNamespace(object) || fullyProtectedFromPrune(object)) continue;
      const holders = kept.get(object.metadata?.name);
      if (!holders) continue;
      context.warn(index, 'metadata.annotations', `Namespace ${JSON.stringify(object.metadata?.name)} holds objects kept from GitOps deletion (${listedWithCount(holders)}), but deleting or pruning the Namespace deletes them with it: add the annotations argocd.argoproj.io/sync-options: Prune=false,Delete=false and kustomize.toolkit.fluxcd.io/prune: disabled to the Namespace (GitOpsApp does), or create the Namespace outside Git`);
    }
  },
};

function isNamespace(object: KubeObject): boolean {
  return object.apiVersion === 'v1' && object.kind === 'Namespace';
}
