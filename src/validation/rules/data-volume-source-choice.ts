import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs, externallyPopulated, isMap } from './data-volume/specs';

// The members of CDI's DataVolumeSource; the webhook counts those that are set.
const SOURCE_KINDS = ['http', 's3', 'gcs', 'registry', 'pvc', 'upload', 'blank', 'imageio', 'vddk', 'snapshot'];

function checkChoice(view: DataVolumeSpecView, context: RuleContext): void {
  const { index, spec, fromTemplate } = view;
  if (externallyPopulated(view)) return; // data-volume-external-population judges those
  const source = isMap(spec.source) ? spec.source : undefined;
  const sourceRef = isMap(spec.sourceRef) ? spec.sourceRef : undefined;
  if (!source && !sourceRef) {
    context.error(index, `${view.path}.source`, `${view.holder} has neither source nor sourceRef, which CDI refuses (it would not know what to fill the disk with): add a source, e.g. source: { blank: {} } for an empty disk, or sourceRef to a DataSource`);
    return;
  }
  if (source && sourceRef) {
    // From a template, KubeVirt replaces both by the source of the DataSource a sourceRef names.
    if (fromTemplate && sourceRef.kind === 'DataSource') return;
    context.error(index, `${view.path}.source`, `${view.holder} has both source and sourceRef, which CDI refuses (it fills the disk from one of them): keep source, or sourceRef to a DataSource, not both`);
    return;
  }
  if (!source) return;
  const isGiven = (kind: string) => source[kind] !== undefined && source[kind] !== null;
  // Counted first: the usual source has one kind, and needs no list of them.
  let count = 0;
  for (let i = 0; i < SOURCE_KINDS.length; i++) if (isGiven(SOURCE_KINDS[i])) count++;
  if (count === 1) return;
  const given = SOURCE_KINDS.filter(isGiven);
  if (given.length === 0) {
    context.error(index, `${view.path}.source`, `${view.holder} has a source with no kind of source in it, which CDI refuses: add one of ${SOURCE_KINDS.join(', ')}, e.g. source: { blank: {} } for an empty disk`);
  } else if (given.length > 1) {
    context.error(index, `${view.path}.source`, `${view.holder} has ${given.length} kinds of source (${given.join(', ')}), which CDI refuses (it imports from one): keep one, and make another DataVolume for the other`);
  }
}

/** A DataVolume fills its disk from exactly one source: one `source` kind, or a `sourceRef`. */
export const dataVolumeSourceChoice: Rule = {
  id: 'data-volume-source-choice',
  order: 1040,
  summary: 'a DataVolume that is not externally populated has `source` or `sourceRef` (not both), and its `source` has exactly one kind (http, registry, pvc, blank, ...), as CDI\'s DataVolume webhook requires',
  // Upstream functions: validateDataVolumeSpec (source or sourceRef) and validateNumberOfSources (util.go#L34-L57).
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L149-L167`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkChoice(view, context);
    }
  },
};
