import { MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject } from '../../../model/object-index';
import { MigrationCheck } from '../../migration-check';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** A node selector or required node affinity that admits exactly one node by name. */
function pinnedNode(spec: KubeObject): { path: string; what: string; node: string } | undefined {
  const selected = spec.nodeSelector?.[HOSTNAME_LABEL];
  if (typeof selected === 'string') return { path: `nodeSelector[${JSON.stringify(HOSTNAME_LABEL)}]`, what: 'nodeSelector', node: selected };
  const terms: KubeObject[] = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  // Terms are ORed: the VM is pinned only if every term admits the same single node.
  const nodes = terms.map((term) => {
    const expressions = [
      ...(term?.matchExpressions ?? []).filter((e: KubeObject) => e?.key === HOSTNAME_LABEL),
      ...(term?.matchFields ?? []).filter((e: KubeObject) => e?.key === 'metadata.name'),
    ];
    const single = expressions.find((e: KubeObject) => e.operator === 'In' && Array.isArray(e.values) && e.values.length === 1);
    return single?.values[0] as string | undefined;
  });
  const first = nodes[0];
  if (first === undefined || nodes.some((n) => n !== first)) return undefined;
  return { path: 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution', what: 'required node affinity', node: first };
}

/**
 * A VM pinned to one node by name. KubeVirt reports such a VM migratable, and the migration
 * then never finds a target node: this reason is ours.
 */
export const nodeAffinity: MigrationCheck = {
  id: 'node-affinity',
  order: 900,
  reasons: [{ reason: MigrationBlockerReason.NODE_AFFINITY, when: 'a node selector or required node affinity that admits one node by name; ours: KubeVirt has no condition for it, the migration just never finds a target' }],
  reference: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/',
  check(subject) {
    const pinned = pinnedNode(subject.spec);
    if (pinned) {
      subject.block(MigrationBlockerReason.NODE_AFFINITY, `${subject.specPath}.${pinned.path}`, `${pinned.what} pins the VM to node ${JSON.stringify(pinned.node)}, so no other node can take it: select nodes by a label that several nodes share`);
    }
  },
};
