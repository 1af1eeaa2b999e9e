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
  { kind: 'userData', secretField: 'secretRef', label: 'user data' },
  { kind: 'networkData', secretField: 'networkDataSecretRef', label: 'network data' },
];

/** Go's base64.StdEncoding, which skips line breaks and wants padding. */
function decodedBase64Length(text: string): number | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').length;
}

interface DataSources {
  readonly names: string[];
  readonly bytes: number;
}

/** Reports an error at a field of the object being checked. */
type Report = (path: string, message: string) => void;

function dataSources(report: Report, at: string, what: string, source: KubeObject, kind: string, secretField: string): DataSources {
  const names: string[] = [];
  let bytes = 0;
  const secretName = source[secretField]?.name;
  if (typeof secretName === 'string' && secretName !== '') names.push(secretField);
  const encoded = source[`${kind}Base64`];
  if (typeof encoded === 'string' && encoded !== '') {
    names.push(`${kind}Base64`);
    const length = decodedBase64Length(encoded);
    if (length === undefined) {
      report(`${at}.${kind}Base64`, `${what} has ${kind}Base64 that is not valid base64, which KubeVirt refuses: encode it again (standard alphabet, with padding), or use ${kind} for plain text`);
    }
    bytes = length ?? 0;
  }
  const plain = source[kind];
  if (typeof plain === 'string' && plain !== '') {
    names.push(kind);
    bytes = Buffer.byteLength(plain, 'utf8');
  }
  return { names, bytes };
}

function checkCloudInit(context: RuleContext, objectIndex: number, holder: string, volume: KubeObject, at: string): void {
  const report: Report = (path, message) => context.error(objectIndex, path, message);
  // KubeVirt reads the first of the two (a volume with both is volume-sources' to report).
  const sourceKind = CLOUD_INIT_SOURCES.find((kind) => typeof volume[kind] === 'object' && volume[kind] !== null);
  if (sourceKind) {
    const source = volume[sourceKind];
    const sourceAt = `${at}.${sourceKind}`;
    const what = `cloud-init volume ${show(volume.name)} of ${holder}`;
    let total = 0;
    for (const { kind, secretField, label } of DATA_KINDS) {
      const { names, bytes } = dataSources(report, sourceAt, what, source, kind, secretField);
      total += names.length;
      if (names.length > 1) {
        report(sourceAt, `${what} gives its ${label} ${names.length} ways (${names.join(', ')}), and KubeVirt takes exactly one: keep one`);
      }
      if (bytes > MAX_INLINE_BYTES) {
        report(sourceAt, `${what} has ${bytes} bytes of inline ${label}, and KubeVirt refuses more than ${MAX_INLINE_BYTES}: put it in a Secret and use ${secretField}`);
      }
    }
    if (total === 0) {
      report(sourceAt, `${what} has neither user data nor network data, which KubeVirt refuses: give userData (or secretRef), or remove the volume`);
    }
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
        if (typeof volume === 'object' && volume !== null) checkCloudInit(context, index, holder, volume, `${vm.specPath}.volumes[${position}]`);
      });
    }
  },
};
