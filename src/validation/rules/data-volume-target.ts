import { Rule, RuleSource } from '../rule';
import { CDI_WEBHOOKS, dataVolumeSpecs, isMap } from './data-volume/specs';

/** A DataVolume defines its claim once: `storage` or `pvc`, not neither, not both. */
export const dataVolumeTarget: Rule = {
  id: 'data-volume-target',
  order: 1000,
  summary: 'a DataVolume (or VM DataVolume template) has exactly one of `spec.storage` and `spec.pvc`, as CDI\'s DataVolume webhook requires',
  // Upstream function: validateDataVolumeSpec (its first two checks).
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L70-L85`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const { index, spec } = view;
      const pvc = isMap(spec.pvc);
      const storage = isMap(spec.storage);
      if (!pvc && !storage) {
        context.error(index, `${view.path}.storage`,
          `${view.holder} has neither storage nor pvc, which CDI refuses (it would not know what claim to make): add storage with resources.requests.storage (CDI fills in access and volume modes from the storage profile)`);
      } else if (pvc && storage) {
        context.error(index, view.path,
          `${view.holder} has both storage and pvc, which CDI refuses (it takes one definition of the claim): keep storage (CDI completes it from the storage profile) or pvc (used as written), not both`);
      }
    }
  },
};
