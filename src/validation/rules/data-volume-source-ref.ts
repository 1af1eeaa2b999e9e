import { CDI_WEBHOOKS, dataVolumeSpecs, isMap } from './data-volume/specs';
import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';

/** Why a sourceRef is refused (the schema reports a missing kind or name; CDI also refuses empty ones). */
function sourceRefProblem(ref: Record<string, any>): { field: string; problem: string } | undefined {
  if (ref.kind === '') return { field: 'kind', problem: 'an empty kind, which CDI refuses: set kind: DataSource' };
  if (typeof ref.kind === 'string' && ref.kind !== 'DataSource') {
    return { field: 'kind', problem: `kind ${show(ref.kind)}, which CDI refuses (a sourceRef can name only a DataSource): set kind: DataSource, or put a claim or snapshot to clone under source.pvc or source.snapshot` };
  }
  if (ref.name === '') return { field: 'name', problem: 'an empty name, which CDI refuses: name the DataSource, e.g. "fedora" (kubectl get datasources -A)' };
  return undefined;
}

/** A DataVolume's `sourceRef` names a DataSource. */
export const dataVolumeSourceRef: Rule = {
  id: 'data-volume-source-ref',
  order: 1060,
  summary: 'a DataVolume\'s `sourceRef` has kind `DataSource` and a name, as CDI\'s DataVolume webhook requires',
  // Upstream function: validateSourceRef.
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L236-L260`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const { index, spec } = view;
      if (!isMap(spec.sourceRef)) continue;
      const found = sourceRefProblem(spec.sourceRef);
      if (found) context.error(index, `${view.path}.sourceRef.${found.field}`, `sourceRef of ${view.holder} has ${found.problem}`);
    }
  },
};
