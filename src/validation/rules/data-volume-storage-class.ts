import { Rule, RuleSource } from '../rule';
import { CDI_WEBHOOKS, dataVolumeSpecs } from './data-volume/specs';

// A StorageClass name is a DNS-1123 subdomain: at most 253 characters.
const MAX_LENGTH = 253;

/** A DataVolume's storage class name fits in a StorageClass name. */
export const dataVolumeStorageClass: Rule = {
  id: 'data-volume-storage-class',
  order: 1030,
  summary: 'a DataVolume\'s `storageClassName` has at most 253 characters, as CDI\'s DataVolume webhook requires',
  // Upstream function: validateStorageClassName.
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L336-L350`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const { index } = view;
      const found = view.target;
      const name = found?.target.storageClassName;
      if (typeof name !== 'string' || name.length <= MAX_LENGTH) continue;
      context.error(index, `${view.path}.${found!.name}.storageClassName`,
        `${view.holder} names storage class "${name.slice(0, 20)}…" (${name.length} characters), which CDI refuses (no StorageClass name is longer than ${MAX_LENGTH}): use the name of an existing StorageClass (kubectl get storageclass), or leave it out for the default`);
    }
  },
};
