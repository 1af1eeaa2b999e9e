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

/** The ways one kind of data is given (Secret, base64, inline, in that order: the message lists them so), and its inline bytes. */
/** How one kind of data is given: in how many ways, their field names (for a message), and its inline bytes. */
interface DataSources {
  readonly ways: number;
  readonly names: () => string[];
  readonly bytes: number;
}

function dataSources(at: VolumeAt, source: KubeObject, { kind, base64, secretField }: typeof DATA_KINDS[number]): DataSources {
  const secretName = source[secretField]?.name;
  const bySecret = typeof secretName === 'string' && secretName !== '';
  const encoded = source[base64];
  const byBase64 = typeof encoded === 'string' && encoded !== '';
  let bytes = 0;
  if (byBase64) {
    const length = decodedBase64Length(encoded);
    if (length === undefined) {
      at.context.error(at.index, `${at.sourceAt()}.${base64}`, `${what(at)} has ${base64} that is not valid base64, which KubeVirt refuses: encode it again (standard alphabet, with padding), or use ${kind} for plain text`);
    }
    bytes = length ?? 0;
  }
  const plain = source[kind];
  const inline = typeof plain === 'string' && plain !== '';
  if (inline) bytes = Buffer.byteLength(plain, 'utf8');
  const names = (): string[] => [...(bySecret ? [secretField] : []), ...(byBase64 ? [base64] : []), ...(inline ? [kind] : [])];
  return { ways: Number(bySecret) + Number(byBase64) + Number(inline), names, bytes };
}

function checkCloudInit(context: RuleContext, objectIndex: number, holder: string, volume: KubeObject, specPath: string, position: number): void {
  // KubeVirt reads the first of the two (a volume with both is volume-sources' to report).
  const sourceKind = CLOUD_INIT_SOURCES.find((kind) => typeof volume[kind] === 'object' && volume[kind] !== null);
  if (!sourceKind) return;
  const source = volume[sourceKind];
  const at: VolumeAt = { context, index: objectIndex, holder, volume, sourceAt: () => `${specPath}.volumes[${position}].${sourceKind}` };
  let total = 0;
  for (const data of DATA_KINDS) {
    const { ways, names, bytes } = dataSources(at, source, data);
    total += ways;
    if (ways > 1) {
      context.error(objectIndex, at.sourceAt(), `${what(at)} gives its ${data.label} ${ways} ways (${names().join(', ')}), and KubeVirt takes exactly one: keep one`);
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
    for (const { index, vm, holder } of context.vms) {
      const volumes: unknown[] = listOf(vm.spec.volumes);
      volumes.forEach((volume: any, position) => {
        if (typeof volume === 'object' && volume !== null) checkCloudInit(context, index, holder, volume, vm.specPath, position);
      });
    }
  },
};
