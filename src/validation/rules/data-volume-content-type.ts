import { Rule, RuleSource } from '../rule';
import { CDI_WEBHOOKS, dataVolumeSpecs, isMap } from './data-volume/specs';

/** A DataVolume's content type suits its source: no `archive` for a blank disk or a registry image. */
export const dataVolumeContentType: Rule = {
  id: 'data-volume-content-type',
  order: 1070,
  summary: 'a blank DataVolume is not `contentType: archive`, and a registry DataVolume is `kubevirt` (or leaves it out), as CDI\'s DataVolume webhook requires',
  // Upstream functions: validateBlankSource and validateRegistrySource (the contentType checks).
  reference: `${CDI_WEBHOOKS}/util.go#L72-L92`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const { index, spec } = view;
      const contentType = spec.contentType;
      const source = isMap(spec.source) ? spec.source : {};
      // Other values than these two are the schema's to report (an enum).
      if (contentType !== 'archive') continue;
      if (isMap(source.blank)) {
        context.error(index, `${view.path}.contentType`, `${view.holder} is a blank disk with contentType "archive", which CDI refuses (there is no archive to unpack): leave contentType out for an empty disk image, or import the archive with an http source`);
      } else if (isMap(source.registry)) {
        context.error(index, `${view.path}.contentType`, `${view.holder} imports from a registry with contentType "archive", which CDI refuses (a registry image is always a disk image): leave contentType out, or set "kubevirt"`);
      }
    }
  },
};
