/**
 * Plain Kubernetes objects (as synthesized, or read from YAML) indexed for cross-object rules:
 * "which PersistentVolumeClaim does this VM volume name", "is there a NAD called x in ns y".
 */

/** A Kubernetes object as plain data. */
export type KubeObject = Record<string, any>;

/** The namespace-qualified name of an object, `ns/name` (or `name` when cluster-scoped). */
export function qualifiedName(namespace: string | undefined, name: string | undefined): string {
  return namespace ? `${namespace}/${name ?? '(unnamed)'}` : name ?? '(unnamed)';
}

// Groups by apiVersion: rules ask for the group of every object, and a fleet repeats a few
// apiVersions tens of thousands of times (a slice each time is a string to collect). Keyed by
// value, so it cannot go stale; bounded against YAML with endless versions.
const groups = new Map<string, string>();
const GROUPS_KEPT = 1024;

/** The API group of an apiVersion (`kubevirt.io/v1` -> `kubevirt.io`, `v1` -> ``). */
export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  let group = groups.get(apiVersion);
  if (group === undefined) {
    const slash = apiVersion.lastIndexOf('/');
    group = slash < 0 ? '' : apiVersion.slice(0, slash);
    if (groups.size < GROUPS_KEPT) groups.set(apiVersion, group);
  }
  return group;
}

/**
 * A VM-like object: a VirtualMachine (whose instance spec is `spec.template.spec`) or a
 * VirtualMachineInstance (`spec`).
 */
export interface VmView {
  readonly object: KubeObject;
  readonly kind: 'VirtualMachine' | 'VirtualMachineInstance';
  readonly name?: string;
  readonly namespace?: string;
  /** The instance spec. */
  readonly spec: KubeObject;
  /** Field path of the instance spec, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** Annotations of the instance (the template's for a VirtualMachine). */
  readonly instanceAnnotations: Record<string, string>;
}

/** The instance view of a VirtualMachine or VirtualMachineInstance, or undefined for other kinds. */
export function vmView(object: KubeObject): VmView | undefined {
  const kind = object.kind;
  if ((kind !== 'VirtualMachine' && kind !== 'VirtualMachineInstance') || apiGroupOf(object.apiVersion) !== 'kubevirt.io') return undefined;
  // Literals with the keys in one order (no spread): one view per VM of a fleet, read by every rule.
  const metadata = object.metadata;
  if (kind === 'VirtualMachine') {
    const template = object.spec?.template;
    return {
      object,
      name: metadata?.name,
      namespace: metadata?.namespace,
      kind,
      spec: template?.spec ?? {},
      specPath: 'spec.template.spec',
      instanceAnnotations: template?.metadata?.annotations ?? {},
    };
  }
  return { object, name: metadata?.name, namespace: metadata?.namespace, kind, spec: object.spec ?? {}, specPath: 'spec', instanceAnnotations: metadata?.annotations ?? {} };
}

/** What may back a VM volume that names `name`: found in the VM's own DataVolume templates or among the objects. */
export interface ClaimBacking {
  /** The VM's DataVolume template of that name. */
  readonly template?: KubeObject;
  /** A DataVolume of that name in the VM's namespace. */
  readonly dataVolume?: KubeObject;
  /** A PersistentVolumeClaim of that name in the VM's namespace (CDI names a DataVolume's claim after it). */
  readonly claim?: KubeObject;
}

/** The DataVolume template, DataVolume and PVC named `name` for a VM's volume. */
export function claimBackingOf(vm: VmView, index: ObjectIndex, name: string): ClaimBacking {
  const templates: KubeObject[] = vm.kind === 'VirtualMachine' && Array.isArray(vm.object.spec?.dataVolumeTemplates) ? vm.object.spec.dataVolumeTemplates : [];
  return {
    template: templates.find((t) => t?.metadata?.name === name),
    dataVolume: index.find('cdi.kubevirt.io', 'DataVolume', vm.namespace, name),
    claim: index.find('', 'PersistentVolumeClaim', vm.namespace, name),
  };
}

/** The namespace as the index keys it: as text, `''` when unset (hand-written YAML may hold a number). */
function namespaceKey(namespace: unknown): string {
  return typeof namespace === 'string' ? namespace : namespace === undefined || namespace === null ? '' : String(namespace);
}

/** A Kubernetes object at its position, with what the index keys it by (its group, kind, name and namespace). */
export interface IndexedObject {
  readonly index: number;
  readonly object: KubeObject;
  readonly group: string;
  readonly kind: string;
  readonly name: unknown;
  readonly namespace: unknown;
}

/** Objects of one kind by group, then namespace (`''`: cluster-scoped), then name. */
type ByGroup = Map<string, Map<string, Map<string, KubeObject>>>;

/** Objects by group, kind, namespace and name; built once per validation run. */
export class ObjectIndex {
  // Nested maps rather than one map of joined keys: a lookup builds no key string (rules look up
  // several claims and Secrets for every VM of a fleet).
  private readonly byKind = new Map<string, ByGroup>();
  /** Positions of objects whose group, kind, namespace and name an earlier object has already. */
  public readonly duplicates: number[] = [];

  /**
   * Indexes the Kubernetes objects among `objects`; or those of `read`, when the caller has read
   * them already (in order, with what the index keys them by), so a run reads each object once.
   */
  public constructor(public readonly objects: readonly unknown[], read?: readonly IndexedObject[]) {
    if (read) {
      for (let n = 0; n < read.length; n++) {
        const { index, object, group, kind, name, namespace } = read[n];
        this.add(index, object, group, kind, name, namespace);
      }
      return;
    }
    for (let index = 0; index < objects.length; index++) {
      const object = objects[index];
      if (!isKubeObject(object)) continue;
      this.add(index, object, apiGroupOf(object.apiVersion), object.kind, object.metadata?.name, object.metadata?.namespace);
    }
  }

  /** The object of this group and kind with this name, in `namespace` (undefined: cluster-scoped or unset). */
  public find(group: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    // As text, as the names were indexed: hand-written YAML may name a claim with a number.
    const names = this.byKind.get(kind)?.get(group)?.get(namespaceKey(namespace));
    return names?.get(typeof name === 'string' ? name : String(name));
  }

  private add(index: number, object: KubeObject, group: string, kind: string, name: unknown, namespace: unknown): void {
    if (typeof name !== 'string') return;
    const names = this.namesOf(group, kind, namespaceKey(namespace));
    if (names.has(name)) this.duplicates.push(index);
    else names.set(name, object);
  }

  private namesOf(group: string, kind: string, namespace: string): Map<string, KubeObject> {
    let byGroup = this.byKind.get(kind);
    if (!byGroup) this.byKind.set(kind, byGroup = new Map());
    let byNamespace = byGroup.get(group);
    if (!byNamespace) byGroup.set(group, byNamespace = new Map());
    let names = byNamespace.get(namespace);
    if (!names) byNamespace.set(namespace, names = new Map());
    return names;
  }
}

/** Whether `value` looks like a Kubernetes object (has string apiVersion and kind). */
export function isKubeObject(value: unknown): value is KubeObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && typeof (value as KubeObject).apiVersion === 'string' && typeof (value as KubeObject).kind === 'string';
}
