import { k8s } from 'cdk8s-plus-32';
import { show } from '../common/errors';
import { Toleration, tolerationProblem } from '../compute/toleration';

/** Where a group of components runs: the same knobs as a Pod's scheduling. */
export interface NodePlacement {
  /** @default - any node */
  readonly nodeSelector?: Record<string, string>;
  /** @default - none */
  readonly tolerations?: Toleration[];
  /** @default - none */
  readonly affinity?: k8s.Affinity;
}

/** Renders a node placement (`nodeSelector`, `tolerations`, `affinity`), or throws `errorFor(problem)`. */
export function renderNodePlacement(field: string, placement: NodePlacement, errorFor: (problem: string) => Error): Record<string, unknown> {
  for (const [key, value] of Object.entries(placement.nodeSelector ?? {})) {
    if (typeof value !== 'string') throw errorFor(`${field}.nodeSelector[${show(key)}] ${show(value)} must be a string: node labels are strings, write ${show(String(value))}`);
  }
  for (const toleration of placement.tolerations ?? []) {
    const problem = tolerationProblem(toleration);
    if (problem) throw errorFor(`${field}: ${problem}`);
  }
  const tolerations = placement.tolerations?.map((t) => ({
    // Empty strings mean "absent" and are dropped when the operator writes the CR back.
    key: t.key || undefined,
    operator: t.operator,
    value: t.value || undefined,
    effect: t.effect,
    tolerationSeconds: t.tolerationSeconds?.toSeconds(),
  }));
  return {
    nodeSelector: placement.nodeSelector && Object.keys(placement.nodeSelector).length > 0 ? { ...placement.nodeSelector } : undefined,
    tolerations: tolerations?.length ? JSON.parse(JSON.stringify(tolerations)) : undefined,
    affinity: placement.affinity ? k8s.toJson_Affinity(placement.affinity) : undefined,
  };
}
