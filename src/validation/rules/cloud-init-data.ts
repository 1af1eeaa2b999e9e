import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

// KubeVirt keeps inline cloud-init small (the VMI is copied to many nodes); larger data goes in a Secret.
const MAX_INLINE_BYTES = 2048;
const CLOUD_INIT_SOURCES = ['cloudInitNoCloud', 'cloudInitConfigDrive'];
// The Secret reference of user data is `secretRef` (older than the network data one).
const DATA_KINDS = [
  { kind: 'userData', base64: 'userDataBase64', secretField: 'secretRef', label: 'user data' },
  { kind: 'networkData', base64: 'networkDataBase64', secretField: 'networkDataSecretRef', label: 'network data' },
] as const;

/** Go's base64.StdEncoding, which skips line breaks and wants padding. */
function decodedBase64Length(text: string): number | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').length;
}

/** Where an issue of one cloud-init volume goes and how it names the volume (built for an issue only). */
interface VolumeAt {
  readonly context: RuleContext;
  readonly index: number;
  readonly holder: string;
  readonly volume: KubeObject;
  /** Field path of the volume's cloud-init source, e.g. `spec.template.spec.volumes[1].cloudInitNoCloud`. */
  readonly sourceAt: () => string;
}

const what = (at: VolumeAt): string => `cloud-init volume ${show(at.volume.name)} of ${at.holder}`;

/** Which ways one kind of data is given, in the order messages list them. */
interface Ways {
  readonly secret: boolean;
  readonly base64: boolean;
  readonly inline: boolean;
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value !== '';

/** The field names of the ways (for a message only). */
const namesOf = (ways: Ways, { kind, base64, secretField }: typeof DATA_KINDS[number]): string[] =>
  [...(ways.secret ? [secretField] : []), ...(ways.base64 ? [base64] : []), ...(ways.inline ? [kind] : [])];

/** The inline bytes of one kind of data (inline text wins over base64), reporting base64 that does not decode. */
function inlineBytes(at: VolumeAt, source: KubeObject, { kind, base64 }: typeof DATA_KINDS[number], ways: Ways): number {
  let bytes = 0;
  if (ways.base64) {
    const length = decodedBase64Length(source[base64]);
    if (length === undefined) {
      at.context.error(at.index, `${at.sourceAt()}.${base64}`, `${what(at)} has ${base64} that is not valid base64, which KubeVirt refuses: encode it again (standard alphabet, with padding), or use ${kind} for plain text`);
    }
    bytes = length ?? 0;
  }
  if (ways.inline) bytes = Buffer.byteLength(source[kind], 'utf8');
  return bytes;
}

/** The cloud-init source KubeVirt reads from a volume: the first of the two that is set (a volume with both is volume-sources' to report). */
function sourceKindOf(volume: KubeObject): string | undefined {
  for (const kind of CLOUD_INIT_SOURCES) if (typeof volume[kind] === 'object' && volume[kind] !== null) return kind;
  return undefined;
}

function checkCloudInit(context: RuleContext, objectIndex: number, holder: string, volume: KubeObject, specPath: string, position: number): void {
  const sourceKind = sourceKindOf(volume);
  if (!sourceKind) return;
  const source = volume[sourceKind];
  const at: VolumeAt = { context, index: objectIndex, holder, volume, sourceAt: () => `${specPath}.volumes[${position}].${sourceKind}` };
  let total = 0;
  for (const data of DATA_KINDS) {
    const secret = nonEmpty(source[data.secretField]?.name);
    const base64 = nonEmpty(source[data.base64]);
    const inline = nonEmpty(source[data.kind]);
    const count = Number(secret) + Number(base64) + Number(inline);
    // Only base64 and inline data have bytes to count; a Secret reference (the usual way) has none.
    const bytes = base64 || inline ? inlineBytes(at, source, data, { secret, base64, inline }) : 0;
    total += count;
    if (count > 1) {
      context.error(objectIndex, at.sourceAt(), `${what(at)} gives its ${data.label} ${count} ways (${namesOf({ secret, base64, inline }, data).join(', ')}), and KubeVirt takes exactly one: keep one`);
    }
    if (bytes > MAX_INLINE_BYTES) {
      context.error(objectIndex, at.sourceAt(), `${what(at)} has ${bytes} bytes of inline ${data.label}, and KubeVirt refuses more than ${MAX_INLINE_BYTES}: put it in a Secret and use ${data.secretField}`);
    }
  }
  if (total === 0) {
    context.error(objectIndex, at.sourceAt(), `${what(at)} has neither user data nor network data, which KubeVirt refuses: give userData (or secretRef), or remove the volume`);
  }
}

/** Inline cloud-init data of a VM is one source per kind, valid base64, and at most 2 KiB. */
export const cloudInitData: Rule = {
  id: 'cloud-init-data',
  order: 1225,
  summary: 'a cloud-init volume gives user data and network data one way each (inline, base64 or Secret: `secretRef`, `networkDataSecretRef`), at least one of them, valid base64, and at most 2048 bytes inline, as KubeVirt\'s VMI admission requires',
  // Upstream function: validateVolumes (its cloud-init part).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      const volumes: unknown[] = listOf(vm.spec.volumes);
      for (let position = 0; position < volumes.length; position++) {
        // Holes of a sparse list are skipped, as forEach skips them.
        const volume = volumes[position];
        if (position in volumes && typeof volume === 'object' && volume !== null) checkCloudInit(context, index, holder, volume, vm.specPath, position);
      }
    }
  },
};
