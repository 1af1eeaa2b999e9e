import { Rule, RuleSource } from '../rule';
import { CDI_WEBHOOKS, dataVolumeSpecs, isMap } from './data-volume/specs';

// Constants, not literals in the loop: the rule visits every DataVolume spec of a fleet.
const CLONE_KINDS = [['pvc', 'claim'], ['snapshot', 'VolumeSnapshot']] as const;
const CLONE_FIELDS = ['name', 'namespace'];

/** A clone source (claim or snapshot) has a name and a namespace that are not empty. */
export const dataVolumeCloneSource: Rule = {
  id: 'data-volume-clone-source',
  order: 1095,
  summary: 'a DataVolume cloned from a claim or snapshot names it and its namespace (KubeVirt fills the namespace in for VM templates), as CDI\'s DataVolume webhook requires',
  // Upstream function: validateDataVolumeSpec (its clone-source checks).
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L211-L231`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const { index, spec, fromTemplate } = view;
      if (!isMap(spec.source)) continue;
      const source = spec.source;
      for (let i = 0; i < CLONE_KINDS.length; i++) {
        const kind = CLONE_KINDS[i][0];
        const what = CLONE_KINDS[i][1];
        if (!isMap(source[kind])) continue;
        // A missing name or namespace is the schema's to report; CDI also refuses empty ones.
        // KubeVirt gives a template's empty namespace the VM's before CDI sees it.
        const empty = CLONE_FIELDS.filter((field) => source[kind][field] === '' && !(fromTemplate && field === 'namespace'));
        for (const field of empty) {
          context.error(index, `${view.path}.source.${kind}.${field}`, `${kind} source of ${view.holder} has an empty ${field}, which CDI refuses (it clones one ${what} it must find): set ${field} to the ${what}'s ${field}`);
        }
      }
    }
  },
};
