// The Multus networks a set of objects declares and the networks its pods ask for, collected
// once per validation run and shared by the rules that resolve references and count addresses.
import { MULTUS_ANNOTATION, MultusSelection, parseMultusAnnotation, splitNetworkName, staticIpamAddresses } from './network-addresses';
import { listOf } from '../common/objects';
import { KubeObject, VmView, apiGroupOf, isKubeObject, qualifiedName } from '../model/object-index';

/** A NetworkAttachmentDefinition or an OpenShift additional network, where it is first declared. */
export interface DeclaredNetwork {
  /** `namespace/name`. */
  readonly key: string;
  /** `NetworkAttachmentDefinition` or `additional network`. */
  readonly form: string;
  /** How messages name it: `NetworkAttachmentDefinition "mq/repl"`. */
  readonly holder: string;
  /** The addresses its static IPAM gives every attachment. */
  readonly fixed: string[];
  readonly index: number;
  /** Field path of its CNI config. */
  readonly path: string;
}

/** The networks among the objects. */
export interface DeclaredNetworks {
  /** The first declaration of each network, by `namespace/name`. */
  readonly byKey: ReadonlyMap<string, DeclaredNetwork>;
  /** The first declarations, in object order. */
  readonly declarations: readonly DeclaredNetwork[];
  /**
   * A network declared again in the other form (a NAD and an additional network of one name).
   * The same form twice is left out: a duplicate object (the names rule reports it) or a
   * repeated additionalNetworks entry (a list-map keyed by name: the API server refuses it).
   */
  readonly aliases: ReadonlyArray<{ readonly declaration: DeclaredNetwork; readonly first: DeclaredNetwork }>;
}

/** NADs and OpenShift additional networks, with the fixed addresses their static IPAM hands out. */
export function declaredNetworks(objects: readonly unknown[]): DeclaredNetworks {
  const byKey = new Map<string, DeclaredNetwork>();
  const declarations: DeclaredNetwork[] = [];
  const aliases: Array<{ declaration: DeclaredNetwork; first: DeclaredNetwork }> = [];
  const declare = (key: string, form: string, fixed: string[], index: number, path: string) => {
    const declaration = { key, form, holder: `${form} ${JSON.stringify(key)}`, fixed, index, path };
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, declaration);
      declarations.push(declaration);
    } else if (first.form !== form) {
      aliases.push({ declaration, first });
    }
  };
  objects.forEach((object, i) => {
    if (!isKubeObject(object)) return;
    const group = apiGroupOf(object.apiVersion);
    if (group === 'k8s.cni.cncf.io' && object.kind === 'NetworkAttachmentDefinition') {
      declare(qualifiedName(object.metadata?.namespace, object.metadata?.name), 'NetworkAttachmentDefinition', staticIpamAddresses(object.spec?.config), i, 'spec.config');
    } else if (group === 'operator.openshift.io' && object.kind === 'Network') {
      const entries: KubeObject[] = listOf(object.spec?.additionalNetworks);
      entries.forEach((entry, j) => {
        declare(qualifiedName(entry?.namespace ?? 'default', entry?.name), 'additional network', staticIpamAddresses(entry?.rawCNIConfig), i, `spec.additionalNetworks[${j}].rawCNIConfig`);
      });
    }
  });
  return { byKey, declarations, aliases };
}

/** The `namespace/name` a Multus reference means for an object in `objectNamespace`. */
export function networkKeyOf(reference: string, objectNamespace: string | undefined): { key: string; bare: boolean } {
  const { name, namespace } = splitNetworkName(reference);
  return { key: qualifiedName(namespace ?? objectNamespace, name), bare: namespace === undefined };
}

/** A VM network that names a Multus network (`multus.networkName`). */
export interface VmNetworkReference {
  /** The network's name in the VM (its interface's name). */
  readonly name: string;
  /** The Multus network, `name` or `namespace/name`. */
  readonly reference: string;
  /** Field path of `networkName`. */
  readonly path: string;
}

/** A VM network reference whose field path is built when read: messages need it, a valid fleet does not. */
class VmNetworkAt implements VmNetworkReference {
  public constructor(
    public readonly name: string, public readonly reference: string, private readonly specPath: string, private readonly position: number,
  ) {}

  public get path(): string {
    return `${this.specPath}.networks[${this.position}].multus.networkName`;
  }
}

/** The VM's Multus networks, in network order. */
export function vmNetworkReferences(vm: VmView): VmNetworkReference[] {
  const networks: KubeObject[] = listOf(vm.spec.networks);
  const references: VmNetworkReference[] = [];
  // Plain loops here and in cloudInitVolumesOf: two rules call them for every VM.
  for (let j = 0; j < networks.length; j++) {
    const reference = networks[j]?.multus?.networkName;
    if (typeof reference === 'string') references.push(new VmNetworkAt(networks[j].name, reference, vm.specPath, j));
  }
  return references;
}

/**
 * `networkKeyOf` remembered by namespace and reference, for one rule's pass: a fleet's VMs name
 * the same few networks, and each answer is two strings and two objects.
 */
export class NetworkKeys {
  private readonly keys = new Map<string | undefined, Map<string, { key: string; bare: boolean }>>();

  public of(reference: string, objectNamespace: string | undefined): { key: string; bare: boolean } {
    let byReference = this.keys.get(objectNamespace);
    if (!byReference) this.keys.set(objectNamespace, byReference = new Map());
    let found = byReference.get(reference);
    if (found === undefined) byReference.set(reference, found = networkKeyOf(reference, objectNamespace));
    return found;
  }
}

/** The Multus annotation of a pod or of a workload's pod template. */
export interface PodNetworkAnnotation {
  /** Field path of the annotation. */
  readonly path: string;
  /** `Pod "mq/monitor"`. */
  readonly holder: string;
  /** The networks it asks for; undefined when the value is neither form of the annotation. */
  readonly selections?: MultusSelection[];
}

const WORKLOAD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** Where a workload keeps its pod template's metadata, and that metadata. */
function podMetadataOf(object: KubeObject): { path: string; metadata: KubeObject | undefined } | undefined {
  const group = apiGroupOf(object.apiVersion);
  if (object.kind === 'Pod' && group === '') return { path: 'metadata', metadata: object.metadata };
  if (WORKLOAD_TEMPLATE_KINDS.has(object.kind) && (group === 'apps' || group === 'batch')) {
    return { path: 'spec.template.metadata', metadata: object.spec?.template?.metadata };
  }
  if (object.kind === 'CronJob' && group === 'batch') {
    return { path: 'spec.jobTemplate.spec.template.metadata', metadata: object.spec?.jobTemplate?.spec?.template?.metadata };
  }
  return undefined;
}

/** The Multus annotation of `object`'s pods, if it makes pods and they carry one. */
export function podNetworkAnnotationOf(object: KubeObject): PodNetworkAnnotation | undefined {
  const pod = podMetadataOf(object);
  const value = pod?.metadata?.annotations?.[MULTUS_ANNOTATION];
  if (!pod || value === undefined) return undefined;
  return {
    path: `${pod.path}.annotations[${JSON.stringify(MULTUS_ANNOTATION)}]`,
    holder: `${object.kind} ${JSON.stringify(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`,
    selections: parseMultusAnnotation(value),
  };
}
