import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { CniConfigOptions, Ipam, renderCniConfig } from './cni';
import { FixedAddressTracker, INetworkAttachment, NetworkAttachmentReference, describeNetwork } from './network-attachment';
import * as cni from '../../imports/k8s.cni.cncf.io';
import { constructError, show } from '../common/errors';
import { assertObjectName, dnsSubdomainProblem } from '../common/names';
import { AppValidation } from '../validation/app-validation';

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
export class NetworkAttachmentDefinition extends kplus.Resource implements INetworkAttachment {
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
    AppValidation.of(this);
    const annotations = { ...props.metadata?.annotations };
    if (props.resourceName !== undefined) {
      if (typeof props.resourceName !== 'string' || !/^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(props.resourceName)) {
        throw constructError(this, `resourceName ${show(props.resourceName)} is not a device-plugin resource name: write "<domain>/<name>", e.g. "bridge.network.kubevirt.io/br1"`);
      }
      annotations['k8s.v1.cni.cncf.io/resourceName'] = props.resourceName;
    }
    this.apiObject = new cni.NetworkAttachmentDefinition(this, 'Resource', {
      metadata: { ...props.metadata, annotations: Object.keys(annotations).length > 0 ? annotations : undefined },
      // The config carries the object's name, which is known once the object exists.
      spec: Lazy.any({ produce: () => ({ config: this.config }) }),
    });
    const problem = dnsSubdomainProblem(this.name);
    if (problem) throw constructError(this, `metadata.name ${show(this.name)} ${problem}`);
    this.ipam = props.ipam ?? Ipam.none();
    this.config = renderCniConfig(this.name, props, (message) => constructError(this, message));
    this.tracker = new FixedAddressTracker(describeNetwork('NetworkAttachmentDefinition', this.name, this.namespace), this.ipam);
    this.tracker.claim(this, (message) => constructError(this, message));
  }

  /** The namespace, if one is set (explicitly or by the chart). */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** @internal */
  public _attach(holder: string): string | undefined {
    return this.tracker.attach(holder);
  }
}
