import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { IForkliftProvider, providerRefProblems, providerRefs } from './forklift-provider';
import { ForkliftResource } from './forklift-resource';
import { assertPropsObject, constructError, show } from '../../common/errors';
import { forkliftL1 } from '../../core/module-on-first-use';
import { INetworkAttachment } from '../../network/network-attachment';
import { withdrawRefused } from '../../network/refused-construct';

/** Properties of `NetworkMap`. */
export interface NetworkMapProps {
  /**
   * Name and namespace (the providers' namespace).
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** The vSphere provider whose networks are mapped. */
  readonly source: IForkliftProvider;
  /** The target provider (usually `HostProvider.fromExisting(...)`). */
  readonly destination: IForkliftProvider;
}

interface NetworkMapping {
  readonly source: string;
  readonly network?: INetworkAttachment;
}

/**
 * Where each vSphere network goes (`NetworkMap`, forklift.konveyor.io/v1beta1): the pod
 * network (at most one source network, KubeVirt's masquerade binding) or a Multus network.
 */
export class NetworkMap extends ForkliftResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'networkmaps';
  /** The Forklift object. */
  public readonly apiObject: ApiObject;
  public readonly source: IForkliftProvider;
  public readonly destination: IForkliftProvider;
  private readonly mappings: NetworkMapping[] = [];

  public constructor(scope: Construct, id: string, props: NetworkMapProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'NetworkMapProps', '{ source: vsphere, destination: host }');
      this.source = props.source;
      this.destination = props.destination;
      this.apiObject = this.createResource(forkliftL1().NetworkMap.GVK, props.metadata);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The vSphere networks mapped so far. */
  public get sourceNetworks(): string[] {
    return this.mappings.map((m) => m.source);
  }

  /** Sends VMs on vSphere network `sourceNetwork` (its name, e.g. "VM Network") to the pod network. */
  public mapToPodNetwork(sourceNetwork: string): void {
    this.checkSource(sourceNetwork);
    const pod = this.mappings.find((m) => m.network === undefined);
    if (pod) {
      throw constructError(this, `mapToPodNetwork(${show(sourceNetwork)}): ${show(pod.source)} already goes to the pod network, and a VM has one pod interface: map this one to a Multus network`);
    }
    this.mappings.push({ source: sourceNetwork });
  }

  /** Sends VMs on vSphere network `sourceNetwork` to a Multus network (a NetworkAttachmentDefinition). */
  public mapToMultus(sourceNetwork: string, network: INetworkAttachment): void {
    this.checkSource(sourceNetwork);
    if (typeof network?.name !== 'string') throw constructError(this, `mapToMultus(${show(sourceNetwork)}): network must be a NetworkAttachmentDefinition or NetworkAttachmentDefinition.fromName(...)`);
    this.mappings.push({ source: sourceNetwork, network });
  }

  private checkSource(sourceNetwork: string): void {
    if (typeof sourceNetwork !== 'string' || sourceNetwork.trim() === '') {
      throw constructError(this, `source network ${show(sourceNetwork)} is empty: give the vSphere network's name, e.g. "VM Network"`);
    }
    if (this.mappings.some((m) => m.source === sourceNetwork)) {
      throw constructError(this, `source network ${show(sourceNetwork)} is mapped twice: each vSphere network goes to one place`);
    }
  }

  protected problems(): string[] {
    const problems: string[] = [];
    if (this.mappings.length === 0) problems.push('maps no network: add mapToPodNetwork("VM Network") or mapToMultus(...)');
    problems.push(...providerRefProblems(this.source, this.destination));
    for (const mapping of this.mappings) {
      if (mapping.network && (mapping.network.namespace ?? this.namespace) === undefined) {
        problems.push(`network ${show(mapping.network.name)} (for ${show(mapping.source)}) has no namespace and neither has this map: give the network a namespace`);
      }
    }
    return problems;
  }

  protected renderSpec(): object {
    return {
      provider: providerRefs(this.source, this.destination),
      map: this.mappings.map((m) => ({
        source: { name: m.source },
        destination: m.network
          ? { type: 'multus', name: m.network.name, namespace: m.network.namespace ?? this.namespace }
          : { type: 'pod' },
      })),
    };
  }
}
