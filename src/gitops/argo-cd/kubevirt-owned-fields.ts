import type { ArgoCdIgnoreDifference } from './application';
import { apiGroupOf } from '../../model/object-index';

/** What this library does about a field KubeVirt, CDI or HCO writes into an object we emit. */
export enum OwnedFieldHandling {
  /** We write the value the cluster would keep (deterministic), so there is nothing to differ. */
  WRITTEN = 'written',
  /** Left out of Argo CD's comparison (`ignoreDifferences`), for objects that do not set it themselves. */
  IGNORED = 'ignored',
  /** We never write the form the cluster would change (e.g. zero values, `spec.running`). */
  AVOIDED = 'avoided',
}

/** A field the cluster writes into an object we emit, and what we do about it. */
export interface KubeVirtOwnedField {
  readonly group: string;
  readonly kind: string;
  /** JSON pointer (RFC 6901) of the field (`*` for every item of a list), or a description for a family of fields. */
  readonly field: string;
  /** Who writes it, and when. */
  readonly writer: string;
  readonly handling: OwnedFieldHandling;
  /** How (for WRITTEN and AVOIDED), or why it is safe to ignore. */
  readonly note: string;
  /** The upstream code that writes it. */
  readonly reference: string;
}

const KV = 'https://github.com/kubevirt/kubevirt/blob/v1.9.0';
const CDI = 'https://github.com/kubevirt/containerized-data-importer/blob/v1.66.0';
const HCO = 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1';
const KMP = 'https://github.com/k8snetworkplumbingwg/kubemacpool/blob/main';
const VM = { group: 'kubevirt.io', kind: 'VirtualMachine' };
const ignored = (base: { group: string; kind: string }, field: string, writer: string, note: string, reference: string): KubeVirtOwnedField =>
  ({ ...base, field, writer, handling: OwnedFieldHandling.IGNORED, note, reference });

/**
 * The fields KubeVirt (v1.9), CDI (v1.66), HCO (v1.18) and kubemacpool write into the spec or
 * metadata of objects this library emits, read from their mutating webhooks and controllers.
 * The IGNORED ones become Argo CD `ignoreDifferences`; README's drift table is generated from this list.
 */
export const KUBEVIRT_OWNED_FIELDS: readonly KubeVirtOwnedField[] = [
  { ...VM, field: '/spec/template/spec/domain/firmware/uuid', writer: 'virt-api VM mutator on create (random UUID v4); virt-controller back-fills when empty', handling: OwnedFieldHandling.WRITTEN, note: 'UUID v5 of namespace/name (or `firmwareIdentity.uuid`)', reference: `${KV}/pkg/virt-api/webhooks/mutating-webhook/mutators/vm-mutator.go` },
  { ...VM, field: '/spec/template/spec/domain/firmware/serial', writer: 'virt-api VM mutator on create (random)', handling: OwnedFieldHandling.WRITTEN, note: 'UUID v5 of namespace/name (or `firmwareIdentity.serial`)', reference: `${KV}/pkg/virt-api/webhooks/mutating-webhook/mutators/vm-mutator.go` },
  { ...VM, field: 'quantities (memory, resources, disk sizes)', writer: 'virt-api VM mutator re-marshals the spec: quantities in canonical form', handling: OwnedFieldHandling.WRITTEN, note: 'written in the canonical form the API server prints (`1024Mi` as `1Gi`)', reference: 'https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go' },
  { ...VM, field: 'zero values of optional fields (`readonly: false`, empty lists)', writer: 'virt-api VM mutator re-marshals the spec: Go `omitempty` drops them', handling: OwnedFieldHandling.AVOIDED, note: 'never written', reference: `${KV}/staging/src/kubevirt.io/api/core/v1/schema.go` },
  { ...VM, field: '/spec/running', writer: 'virtctl start/stop flips it (deprecated field)', handling: OwnedFieldHandling.AVOIDED, note: 'never written: `runStrategy` only. `virtctl start/stop` flips `Always`/`Halted`, which Argo CD self-heal reverts: use `RunStrategy.MANUAL` for VMs people start and stop by hand', reference: `${KV}/pkg/virt-api/rest/lifecycle.go` },
  ignored(VM, '/spec/template/spec/domain/machine/type', 'virt-api VM mutator: the cluster\'s default machine type', 'cluster-dependent; written when `machineType` is set, ignored otherwise', `${KV}/pkg/defaults/defaults.go`),
  ignored(VM, '/spec/template/spec/architecture', 'virt-api VM mutator: the preference\'s, the DataSource\'s or the cluster\'s architecture', 'cluster-dependent', `${KV}/pkg/defaults/defaults.go`),
  ignored(VM, '/spec/template/metadata/annotations/kubevirt.io~1pci-topology-version', 'virt-api VM mutator on create (v1.8+), virt-controller from the running VMI', 'depends on the KubeVirt version that created the VM', `${KV}/pkg/virt-api/webhooks/mutating-webhook/mutators/vm-mutator.go`),
  ignored(VM, '/spec/template/metadata/annotations/kubevirt.io~1pci-interface-slot-count', 'virt-controller, from the running VMI', 'runtime state', `${KV}/pkg/virt-controller/watch/vm/vm.go`),
  ignored(VM, '/spec/template/metadata/creationTimestamp', 'virt-api VM mutator of KubeVirt 1.7 and older writes `null`', 'meaningless', `${KV}/vendor/k8s.io/apimachinery/pkg/apis/meta/v1/types.go`),
  ignored(VM, '/metadata/annotations/kubevirt.io~1latest-observed-api-version', 'virt-controller, first reconcile', 'bookkeeping', `${KV}/pkg/controller/controller.go`),
  ignored(VM, '/metadata/annotations/kubevirt.io~1storage-observed-api-version', 'virt-controller, first reconcile', 'bookkeeping', `${KV}/pkg/controller/controller.go`),
  ignored(VM, '/metadata/annotations/kubemacpool.io~1transaction-timestamp', 'kubemacpool webhook (OpenShift Virtualization, CNAO) on every change', 'bookkeeping', `${KMP}/pkg/webhook/virtualmachine/virtualmachine.go`),
  ignored(VM, '/metadata/finalizers', 'virt-controller (and the snapshot controller while a snapshot runs)', 'deletion bookkeeping', `${KV}/pkg/virt-controller/watch/vm/vm.go`),
  ignored(VM, '/spec/template/spec/domain/devices/interfaces/*/macAddress', 'kubemacpool webhook (OpenShift Virtualization, CNAO) on create, for interfaces without one', 'from the cluster\'s MAC pool; ignored only on interfaces that have no MAC of ours', `${KMP}/pkg/pool-manager/virtualmachine_pool.go`),
  ignored({ group: 'cdi.kubevirt.io', kind: 'DataVolume' }, '/metadata/annotations/cdi.kubevirt.io~1storage.usePopulator', 'CDI DataVolume controller, first reconcile', 'how CDI fills the claim', `${CDI}/pkg/controller/datavolume/util.go`),
  ignored({ group: 'cdi.kubevirt.io', kind: 'DataVolume' }, '/metadata/annotations/cdi.kubevirt.io~1storage.clone.token', 'CDI DataVolume webhook on create (clones)', 'a signed token', `${CDI}/pkg/apiserver/webhooks/datavolume-mutate.go`),
  ignored({ group: 'cdi.kubevirt.io', kind: 'DataVolume' }, '/metadata/annotations/cdi.kubevirt.io~1storage.extended.clone.token', 'CDI clone controller', 'a signed token', `${CDI}/pkg/controller/datavolume/pvc-clone-controller.go`),
  ignored({ group: 'cdi.kubevirt.io', kind: 'DataVolume' }, '/metadata/annotations/cdi.kubevirt.io~1storage.prePopulated', 'CDI DataVolume controller (claim existed)', 'bookkeeping', `${CDI}/pkg/controller/datavolume/controller-base.go`),
  ignored({ group: 'kubevirt.io', kind: 'KubeVirt' }, '/metadata/annotations/kubevirt.io~1latest-observed-api-version', 'virt-operator, once', 'bookkeeping', `${KV}/pkg/virt-operator/kubevirt.go`),
  ignored({ group: 'kubevirt.io', kind: 'KubeVirt' }, '/metadata/annotations/kubevirt.io~1storage-observed-api-version', 'virt-operator, once', 'bookkeeping', `${KV}/pkg/virt-operator/kubevirt.go`),
  ignored({ group: 'kubevirt.io', kind: 'KubeVirt' }, '/metadata/finalizers', 'virt-operator', 'deletion bookkeeping', `${KV}/pkg/virt-operator/util/client.go`),
  ignored({ group: 'cdi.kubevirt.io', kind: 'CDI' }, '/metadata/annotations/cdi.kubevirt.io~1configAuthority', 'cdi-operator, once', 'bookkeeping', `${CDI}/pkg/operator/controller/callbacks.go`),
  ignored({ group: 'cdi.kubevirt.io', kind: 'CDI' }, '/metadata/finalizers', 'cdi-operator', 'deletion bookkeeping', `${CDI}/pkg/operator/controller/controller.go`),
  ignored({ group: 'hco.kubevirt.io', kind: 'HyperConverged' }, '/metadata/labels/app', 'HCO controller, when empty', 'the CR\'s name', `${HCO}/controllers/hyperconverged/hyperconverged_controller.go`),
  ignored({ group: 'hco.kubevirt.io', kind: 'HyperConverged' }, '/metadata/finalizers', 'HCO controller', 'deletion bookkeeping', `${HCO}/controllers/hyperconverged/hyperconverged_controller.go`),
  ignored({ group: 'hco.kubevirt.io', kind: 'HyperConverged' }, '/spec/ksmConfiguration', 'HCO webhook on create (v1beta1), when unset', '`{}`, KSM on every node; written when set', `${HCO}/pkg/webhooks/mutator/hyperConvergedMutator.go`),
  ignored({ group: 'hco.kubevirt.io', kind: 'HyperConverged' }, '/spec/evictionStrategy', 'HCO webhook (v1beta1), when unset', 'LiveMigrate on highly available clusters; written when set', `${HCO}/pkg/webhooks/mutator/hyperConvergedMutator.go`),
  ignored({ group: 'hco.kubevirt.io', kind: 'HyperConverged' }, '/spec/virtualization/ksmConfiguration', 'HCO webhook on create (v1), when unset', 'as above', `${HCO}/pkg/webhooks/mutator/hyperConvergedMutator.go`),
  ignored({ group: 'hco.kubevirt.io', kind: 'HyperConverged' }, '/spec/virtualization/evictionStrategy', 'HCO webhook (v1), when unset', 'as above', `${HCO}/pkg/webhooks/mutator/hyperConvergedMutator.go`),
  { group: 'hco.kubevirt.io', kind: 'HyperConverged', field: '/spec/featureGates (v1)', writer: 'HCO conversion: stored as v1beta1, read back in canonical order, non-default gates only', handling: OwnedFieldHandling.WRITTEN, note: 'written in that canonical form', reference: `${HCO}/api/v1beta1/zz_generated.featuregates_conversion.go` },
  { group: 'hco.kubevirt.io', kind: 'HyperConverged', field: 'schema defaults (`liveMigrationConfig`, `featureGates`, ...)', writer: 'API server, from the CRD\'s defaults', handling: OwnedFieldHandling.IGNORED, note: 'added keys in maps: Argo CD\'s default diff does not compare keys Git does not have', reference: `${HCO}/deploy/crds/hco00.crd.yaml` },
];

/** An object of an Application's phase: what the ignoreDifferences are computed from. */
interface PhaseObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

/**
 * Argo CD `ignoreDifferences` for the objects of one Application: every IGNORED field (a JSON
 * pointer) of their kinds. A field some of the objects write themselves (a VM with
 * `machineType`) is ignored only on the others, by name, so a change to it in Git still syncs.
 */
export function ignoreDifferencesFor(objects: readonly PhaseObject[]): ArgoCdIgnoreDifference[] {
  const result: ArgoCdIgnoreDifference[] = [];
  const kinds = new Map<string, { group: string; kind: string; objects: PhaseObject[] }>();
  for (const object of objects) {
    const group = apiGroupOf(object.apiVersion);
    const key = `${group}/${object.kind}`;
    let ofKind = kinds.get(key);
    if (ofKind === undefined) kinds.set(key, (ofKind = { group, kind: object.kind, objects: [] }));
    ofKind.objects.push(object);
  }
  // Code-unit order of the keys: the same on every machine, and no ICU collator to load (localeCompare's first call: 5 ms).
  for (const [, { group, kind, objects: ofKind }] of [...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { fixed, listed } = ignoredPointersOf(group, kind);
    if (fixed.length === 0 && listed.length === 0) continue;
    const everywhere = fixed.filter((p) => ofKind.every((o) => valueAtKeys(o, p.keys) === undefined));
    if (everywhere.length > 0) result.push({ group, kind, jsonPointers: everywhere.map((p) => p.pointer) });
    const somewhere = fixed.filter((p) => !everywhere.includes(p));
    for (const object of ofKind) {
      const own: string[] = [];
      for (const p of somewhere) if (valueAtKeys(object, p.keys) === undefined) own.push(p.pointer);
      for (const p of listed) expandUnset(object, p, own);
      if (own.length > 0) result.push({ group, kind, name: object.metadata?.name, namespace: object.metadata?.namespace, jsonPointers: own });
    }
  }
  return result;
}

/** A JSON pointer and its keys (unescaped). */
interface ParsedPointer {
  readonly pointer: string;
  readonly keys: readonly string[];
}

/** A pointer with one `*`: the list's pointer and the field's inside each item. */
interface ListPointer {
  readonly list: ParsedPointer;
  readonly field: ParsedPointer;
}

/** The IGNORED pointers of each kind, parsed once (the table is constant; every object of a phase reads them). */
const ignoredPointers = new Map<string, { fixed: ParsedPointer[]; listed: ListPointer[] }>();

function ignoredPointersOf(group: string, kind: string): { fixed: ParsedPointer[]; listed: ListPointer[] } {
  const key = `${group}/${kind}`;
  let pointers = ignoredPointers.get(key);
  if (pointers === undefined) {
    const all = KUBEVIRT_OWNED_FIELDS
      .filter((f) => f.group === group && f.kind === kind && f.handling === OwnedFieldHandling.IGNORED && f.field.startsWith('/'))
      .map((f) => f.field);
    pointers = {
      fixed: all.filter((p) => !p.includes('/*/')).map(parsed),
      listed: all.filter((p) => p.includes('/*/')).map((p) => {
        const [list, field] = p.split('/*/');
        return { list: parsed(list), field: parsed(`/${field}`) };
      }),
    };
    ignoredPointers.set(key, pointers);
  }
  return pointers;
}

function parsed(pointer: string): ParsedPointer {
  return { pointer, keys: pointerKeysOf(pointer) };
}

/** Appends to `own` the pointers to the items of a list where the field is unset. */
function expandUnset(object: unknown, { list, field }: ListPointer, own: string[]): void {
  const items = valueAtKeys(object, list.keys);
  if (!Array.isArray(items)) return;
  items.forEach((item, i) => {
    if (valueAtKeys(item, field.keys) === undefined) own.push(`${list.pointer}/${i}${field.pointer}`);
  });
}

/** The keys of each JSON pointer read (a handful of pointers, read for every object of a cluster). */
const pointerKeys = new Map<string, string[]>();

function pointerKeysOf(pointer: string): string[] {
  let keys = pointerKeys.get(pointer);
  if (keys === undefined) {
    keys = pointer.split('/').slice(1).map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (pointerKeys.size < 1000) pointerKeys.set(pointer, keys);
  }
  return keys;
}

/** The value at a JSON pointer, if any. */
export function valueAt(object: unknown, pointer: string): unknown {
  return valueAtKeys(object, pointerKeysOf(pointer));
}

function valueAtKeys(object: unknown, keys: readonly string[]): unknown {
  let node: any = object;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}
