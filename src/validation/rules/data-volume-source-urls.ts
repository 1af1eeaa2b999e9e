import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs, isMap } from './data-volume/specs';
import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

// The sources whose url CDI's webhook checks, with an example of a URL it takes.
const URL_SOURCES: Record<string, string> = {
  http: 'https://example.com/images/disk.qcow2',
  s3: 'https://s3.us-east-1.amazonaws.com/bucket/disk.qcow2',
  gcs: 'gs://bucket/disk.qcow2',
  imageio: 'https://engine.example.com/ovirt-engine/api',
  vddk: 'https://vcenter.example.com/sdk',
};
const URL_SOURCE_ENTRIES = Object.entries(URL_SOURCES);
const SCHEMES = ['http', 'https', 'gs'];

/** Why CDI refuses a source URL, or undefined (Go's ParseRequestURI: an absolute URL, whose scheme it lowercases). */
function urlProblem(url: string): string | undefined {
  if (url === '') return 'is empty';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1].toLowerCase();
  if (scheme === undefined) return 'has no scheme';
  if (!SCHEMES.includes(scheme)) return `has scheme ${show(scheme)}`;
  return undefined;
}

function checkUrls(view: DataVolumeSpecView, context: RuleContext): void {
  const { index, spec } = view;
  const source = isMap(spec.source) ? spec.source : {};
  for (const [kind, example] of URL_SOURCE_ENTRIES) {
    const url = isMap(source[kind]) ? source[kind].url : undefined;
    // A missing url of http, s3, gcs and imageio is the schema's to report; vddk's is not required there.
    if (typeof url !== 'string' && !(kind === 'vddk' && isMap(source.vddk))) continue;
    const problem = urlProblem(url ?? '');
    if (!problem) continue;
    const fix = kind === 's3' ? `an https URL of the object, e.g. ${show(example)} (CDI takes no s3:// URL)` : `a full URL, e.g. ${show(example)}`;
    context.error(index, `${view.path}.source.${kind}.url`, `${kind} source of ${view.holder} has url ${show(url ?? '')}, which CDI refuses (it ${problem}; CDI takes http://, https:// and gs:// URLs): give ${fix}`);
  }
}

/** The url of an http, s3, gcs, imageio or vddk source is an absolute http(s) or gs URL. */
export const dataVolumeSourceUrls: Rule = {
  id: 'data-volume-source-urls',
  order: 1085,
  summary: 'the `url` of an http, s3, gcs, imageio or vddk DataVolume source is a full `http://`, `https://` or `gs://` URL, as CDI\'s DataVolume webhook requires',
  // Upstream functions: checkSourceURL and validateSourceURL, called by each source's check.
  reference: `${CDI_WEBHOOKS}/util.go#L216-L240`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkUrls(view, context);
    }
  },
};
