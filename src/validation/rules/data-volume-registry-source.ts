import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs, isMap } from './data-volume/specs';
import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const SCHEMES = ['docker', 'oci-archive'];
const PULL_METHODS = ['pod', 'node'];

/** The scheme of a URL as Go's url.Parse reads it (lowercased), or undefined when it has none. */
function schemeOf(url: string): string | undefined {
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1].toLowerCase();
}

/** Why a registry source is refused: the first problem CDI finds, with its field. */
function registryProblem(registry: Record<string, any>): { field: string; problem: string } | undefined {
  const hasUrl = registry.url !== undefined && registry.url !== null;
  const hasStream = registry.imageStream !== undefined && registry.imageStream !== null;
  if (hasUrl === hasStream) {
    return { field: '', problem: `has ${hasUrl ? 'both url and imageStream' : 'neither url nor imageStream'}, which CDI refuses (it pulls one image): give url, e.g. "docker://quay.io/containerdisks/fedora:40", or an OpenShift imageStream` };
  }
  if (typeof registry.url === 'string' && !SCHEMES.includes(schemeOf(registry.url) ?? '')) {
    const fix = registry.url !== '' && !registry.url.includes('://') ? `"docker://${registry.url}"` : '"docker://quay.io/containerdisks/fedora:40"';
    return { field: '.url', problem: `has url ${show(registry.url)}, which CDI refuses (it needs the docker:// or oci-archive:// scheme): write ${fix}` };
  }
  const method = registry.pullMethod;
  if (typeof method === 'string' && !PULL_METHODS.includes(method)) {
    return { field: '.pullMethod', problem: `has pullMethod ${show(method)}, which CDI refuses (it knows "pod" and "node"): use "node" to pull through the node's container runtime, or leave pullMethod out for "pod"` };
  }
  if (registry.imageStream === '') return { field: '.imageStream', problem: 'has an empty imageStream, which CDI refuses: name the image stream (with its tag), or use url' };
  if (hasStream && method !== 'node') {
    return { field: '.pullMethod', problem: `imports an imageStream with pullMethod ${show(method ?? 'pod')}, which CDI refuses (image streams are pulled only by the node's container runtime): set pullMethod: node` };
  }
  return undefined;
}

function checkRegistry(view: DataVolumeSpecView, context: RuleContext): void {
  const { index, spec } = view;
  const registry = isMap(spec.source) && isMap(spec.source.registry) ? spec.source.registry : undefined;
  if (!registry) return;
  const found = registryProblem(registry);
  if (found) context.error(index, `${view.path}.source.registry${found.field}`, `registry source of ${view.holder} ${found.problem}`);
}

/** A registry source names one image (url with docker:// or oci-archive://, or an image stream pulled by the node). */
export const dataVolumeRegistrySource: Rule = {
  id: 'data-volume-registry-source',
  order: 1080,
  summary: 'a registry DataVolume has `url` (docker:// or oci-archive://) or `imageStream` (with `pullMethod: node`), and `pullMethod` is `pod` or `node`, as CDI\'s DataVolume webhook requires',
  // Upstream function: validateDataVolumeSourceRegistry.
  reference: `${CDI_WEBHOOKS}/util.go#L101-L162`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkRegistry(view, context);
    }
  },
};
