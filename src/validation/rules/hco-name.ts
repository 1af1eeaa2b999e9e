import { show } from '../../common/errors';
import { HYPERCONVERGED_NAME } from '../../model/hyperconverged-name';
import { hcoHolder, hyperConvergedViews } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

/**
 * A HyperConverged is named "kubevirt-hyperconverged", as the construct requires. The CRD's own
 * `metadata.name` pattern (unanchored, so it refuses only names without that text) is lost here
 * because the schema store gives every kind the standard metadata schema; and the operator reads
 * only the CR of that exact name (pkg/util/consts.go HyperConvergedName), so any other is ignored.
 */
export const hcoName: Rule = {
  id: 'hco-name',
  order: 1099,
  summary: 'a HyperConverged is named `kubevirt-hyperconverged`: the CRD refuses names without it, and the operator reconciles only that one',
  // Upstream: the metadata.name pattern of deploy/crds/hco00.crd.yaml (written by tools/crd-creator) and HyperConvergedName.
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/deploy/crds/hco00.crd.yaml',
  source: RuleSource.HCO,
  check(context) {
    for (const { index, object } of hyperConvergedViews(context)) {
      const name = object.metadata?.name;
      // A missing name (or generateName alone) is the names rule's: generateName appends random text, never the operator's name.
      if (typeof name !== 'string' || name === HYPERCONVERGED_NAME) continue;
      const why = name.includes(HYPERCONVERGED_NAME) ? 'the operator ignores it' : 'the CRD refuses it';
      context.error(index, 'metadata.name',
        `${hcoHolder(object)}: name ${show(name)} is not accepted (${why}): the operator reconciles only a HyperConverged named "${HYPERCONVERGED_NAME}"; set metadata.name to "${HYPERCONVERGED_NAME}"`);
    }
  },
};
