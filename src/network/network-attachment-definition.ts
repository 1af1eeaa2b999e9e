import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CniConfigOptions, Ipam, checkCniConfig, renderCniConfig } from './cni';
import { FixedAddressTracker, INetworkAttachment, NetworkAttachmentReference, describeNetwork } from './network-attachment';
import { withdrawRefused } from './refused-construct';
import { StaticIp } from './static-ip';
import * as cni from '../../imports/k8s.cni.cncf.io';
import { assertPropsObject, constructError, show } from '../common/errors';
import { assertObjectName } from '../common/names';
import { KubeResource } from '../core/kube-resource';

/** Properties of a `NetworkAttachmentDefinition`. */
export interface NetworkAttachmentDefinitionProps extends CniConfigOptions {
  /**
   * Name, namespace, labels and annotations. The name is also the CNI config's `name`.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Device-plugin resource the network needs on the node, written to the
   * `k8s.v1.cni.cncf.io/resourceName` annotation, e.g. `bridge.network.kubevirt.io/br1`
   * (bridge-marker: schedule only where the bridge exists) or an SR-IOV resource.
   * @default - none
   */
  readonly resourceName?: string;
}

/**
 * A Multus NetworkAttachmentDefinition (`k8s.cni.cncf.io/v1`): a secondary network that VMs
 * (`vm.attachNetwork(nad, ...)`) and pods (`attachWorkloadToNetwork(...)`) can join.
 *
 * `spec.config` is rendered as compact JSON with a fixed key order, and its `name` is always
 * the object's name, so the same program gives the same bytes.
 *
 * @see https://github.com/k8snetworkplumbingwg/multus-cni/blob/master/docs/how-to-use.md
 */
export class NetworkAttachmentDefinition extends KubeResource implements INetworkAttachment {
  /** A network that exists in the cluster already, by name (and namespace, when it is not the VM's). */
  public static fromName(name: string, namespace?: string): INetworkAttachment {
    assertObjectName('NetworkAttachmentDefinition.fromName', 'name', name);
    if (namespace !== undefined) assertObjectName('NetworkAttachmentDefinition.fromName', 'namespace', namespace);
    return new NetworkAttachmentReference(name, namespace);
  }

  /** @see kplus.Resource */
  public readonly resourceType = 'network-attachment-definitions';
  /** The address management. */
  public readonly ipam: Ipam;
  /** The rendered CNI config (`spec.config`). */
  public readonly config: string;

  protected readonly apiObject: ApiObject;
  private readonly tracker: FixedAddressTracker;

  public constructor(scope: Construct, id: string, props: NetworkAttachmentDefinitionProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'NetworkAttachmentDefinitionProps', '{ cni: CniPlugin.bridge({ bridge: "br1" }) }');
      const annotations = { ...props.metadata?.annotations };
      if (props.resourceName !== undefined) {
        if (typeof props.resourceName !== 'string' || !/^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(props.resourceName)) {
          throw constructError(this, `resourceName ${show(props.resourceName)} is not a device-plugin resource name: write "<domain>/<name>", e.g. "bridge.network.kubevirt.io/br1"`);
        }
        annotations['k8s.v1.cni.cncf.io/resourceName'] = props.resourceName;
      }
      this.assertMetadataName(props.metadata);
      checkCniConfig(this, '', props);
      this.ipam = props.ipam ?? Ipam.none();
      for (const ip of this.ipam.addresses) {
        const problem = ip instanceof StaticIp ? ip._conflict() : undefined;
        if (problem) throw constructError(this, problem);
      }
      this.apiObject = new cni.NetworkAttachmentDefinition(this, 'Resource', {
        metadata: { ...props.metadata, annotations: Object.keys(annotations).length > 0 ? annotations : undefined },
        // The config carries the object's name, which is known once the object exists.
        spec: Lazy.any({ produce: () => ({ config: this.config }) }),
      });
      this.config = renderCniConfig(this.name, props, (message) => constructError(this, message));
      this.tracker = new FixedAddressTracker(describeNetwork('NetworkAttachmentDefinition', this.name, this.namespace), this.ipam);
      this.tracker.claim(this, (message) => constructError(this, message));
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** @internal */
  public _attach(holder: string): string | undefined {
    return this.tracker.attach(holder);
  }
}
