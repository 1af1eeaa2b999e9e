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

/** The API group of an apiVersion (`kubevirt.io/v1` -> `kubevirt.io`, `v1` -> ``). */
export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function key(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}|${kind}|${namespace ?? ''}|${name}`;
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
  if (apiGroupOf(object.apiVersion) !== 'kubevirt.io') return undefined;
  const base = { object, name: object.metadata?.name, namespace: object.metadata?.namespace };
  if (object.kind === 'VirtualMachine') {
    return {
      ...base,
      kind: 'VirtualMachine',
      spec: object.spec?.template?.spec ?? {},
      specPath: 'spec.template.spec',
      instanceAnnotations: object.spec?.template?.metadata?.annotations ?? {},
    };
  }
  if (object.kind === 'VirtualMachineInstance') {
    return { ...base, kind: 'VirtualMachineInstance', spec: object.spec ?? {}, specPath: 'spec', instanceAnnotations: object.metadata?.annotations ?? {} };
  }
  return undefined;
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

/** Objects by group, kind, namespace and name; built once per validation run. */
export class ObjectIndex {
  private readonly byKey = new Map<string, KubeObject>();
  /** Positions of objects whose group, kind, namespace and name an earlier object has already. */
  public readonly duplicates: number[] = [];

  public constructor(public readonly objects: readonly unknown[]) {
    objects.forEach((object, index) => {
      if (!isKubeObject(object)) return;
      const name = object.metadata?.name;
      if (typeof name !== 'string') return;
      const objectKey = key(apiGroupOf(object.apiVersion), object.kind, object.metadata?.namespace, name);
      if (this.byKey.has(objectKey)) this.duplicates.push(index);
      else this.byKey.set(objectKey, object);
    });
  }

  /** The object of this group and kind with this name, in `namespace` (undefined: cluster-scoped or unset). */
  public find(group: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byKey.get(key(group, kind, namespace, name));
  }
}

/** Whether `value` looks like a Kubernetes object (has string apiVersion and kind). */
export function isKubeObject(value: unknown): value is KubeObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && typeof (value as KubeObject).apiVersion === 'string' && typeof (value as KubeObject).kind === 'string';
}
