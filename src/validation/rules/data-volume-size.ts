import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs, isMap } from './data-volume/specs';
import { show } from '../../common/errors';
import { parseQuantity } from '../../common/quantity';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

// KubeVirt refuses disks under 1 MiB, and CDI refuses such DataVolumes to match.
const MIB = 2 ** 20;

/** Whether CDI can take the size from the source: a clone of a claim or snapshot, or a DataSource. */
function sizedBySource(spec: Record<string, any>): boolean {
  const source = isMap(spec.source) ? spec.source : {};
  return isMap(spec.sourceRef) || isMap(source.pvc) || isMap(source.snapshot);
}

/** The field a size issue is at (built for an issue only). */
const sizeField = (view: DataVolumeSpecView, name: string): string => `${view.path}.${name}.resources.requests.storage`;

/** Quantities parsed once per run: a fleet's DataVolumes repeat a few sizes. */
type ParsedSizes = Map<string, number | undefined>;

function checkSize(view: DataVolumeSpecView, context: RuleContext, sizes: ParsedSizes): void {
  const { index, spec } = view;
  const found = view.target;
  if (!found) return; // data-volume-target reports it
  const { name, target } = found;
  const requests = isMap(target.resources) && isMap(target.resources.requests) ? target.resources.requests : {};
  const size = requests.storage;
  if (size === undefined || size === null) {
    if (name === 'storage' && sizedBySource(spec)) return;
    const fix = name === 'pvc' && sizedBySource(spec)
      ? 'set resources.requests.storage, or use storage instead of pvc to let CDI take the size from the source'
      : 'set resources.requests.storage to the disk\'s capacity, e.g. "30Gi" (only clones of a claim, snapshot or DataSource under storage may leave it out)';
    context.error(index, sizeField(view, name), `${view.holder} has no size (${name}.resources.requests.storage), which CDI refuses: ${fix}`);
    return;
  }
  if (typeof size !== 'string' && typeof size !== 'number') return; // the schema reports it
  const text = String(size);
  if (!sizes.has(text)) sizes.set(text, parseQuantity(text));
  const bytes = sizes.get(text);
  if (bytes === undefined) return; // the schema reports it
  if (bytes <= 0) {
    context.error(index, sizeField(view, name), `${view.holder} asks for size ${show(size)}, which CDI refuses (a disk needs a capacity above zero): give the disk's capacity, e.g. "30Gi"`);
  } else if (Math.ceil(bytes) < MIB) {
    context.error(index, sizeField(view, name), `${view.holder} asks for size ${show(size)} (${Math.ceil(bytes)} bytes), under 1 MiB, which CDI refuses (KubeVirt takes no disk that small): ask for at least "1Mi" (note "1M" is 1,000,000 bytes)`);
  }
}

/** A DataVolume's size is given (unless CDI takes it from a clone source) and at least 1 MiB. */
export const dataVolumeSize: Rule = {
  id: 'data-volume-size',
  order: 1010,
  summary: 'a DataVolume asks for a size of at least 1 MiB, and leaves it out only under `storage` when cloning a claim, snapshot or DataSource, as CDI\'s DataVolume webhook requires',
  // Upstream function: validateStorageSize.
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L352-L397`,
  source: RuleSource.CDI,
  check(context) {
    const sizes: ParsedSizes = new Map();
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkSize(view, context, sizes);
    }
  },
};
