import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CniConfigOptions, Ipam, checkCniConfig, renderCniConfig } from './cni';
import { FixedAddressTracker, INetworkAttachment, describeNetwork } from './network-attachment';
import { withdrawRefused } from './refused-construct';
import * as openshift from '../../imports/operator.openshift.io';
import { withoutNamespace } from '../common/cluster-scoped';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { KubeResource } from '../core/kube-resource';
import { addArgoSyncOptions, protectFromPrune } from '../gitops/prune-protection';

/** One additional network of the OpenShift cluster network operator. */
export interface OpenShiftAdditionalNetworkOptions extends CniConfigOptions {
  /** Name of the NetworkAttachmentDefinition the operator creates (also the CNI config's `name`). */
  readonly name: string;
  /** Namespace the operator creates it in (the VMs' namespace). */
  readonly namespace: string;
}

/** Properties of `OpenShiftAdditionalNetworks`. */
export interface OpenShiftAdditionalNetworksProps {
  /**
   * The networks; more with `addNetwork`.
   * @default - none
   */
  readonly networks?: OpenShiftAdditionalNetworkOptions[];
}

/** An additional network declared through the cluster network operator. */
class OpenShiftAdditionalNetwork implements INetworkAttachment {
  public readonly name: string;
  public readonly namespace: string;
  public readonly ipam: Ipam;
  public readonly config: string;
  private readonly tracker: FixedAddressTracker;

  public constructor(scope: Construct, options: OpenShiftAdditionalNetworkOptions) {
    this.name = options.name;
    this.namespace = options.namespace;
    checkCniConfig(scope, `network ${show(options.name)}: `, options);
    this.ipam = options.ipam ?? Ipam.none();
    this.config = renderCniConfig(options.name, options, (message) => constructError(scope, `network ${show(options.name)}: ${message}`));
    this.tracker = new FixedAddressTracker(describeNetwork('additional network', this.name, this.namespace), this.ipam);
    this.tracker.claim(scope, (message) => constructError(scope, message));
  }

  /** @internal */
  public _attach(holder: string): string | undefined {
    return this.tracker.attach(holder);
  }
}

/**
 * Secondary networks the OpenShift way: entries of `spec.additionalNetworks` (type Raw) in the
 * cluster network operator's singleton `networks.operator.openshift.io/cluster`, from which the
 * operator creates and owns the NetworkAttachmentDefinitions.
 *
 * The object is a singleton that already exists, with settings this app does not own. Apply it
 * with server-side apply so only `additionalNetworks` entries of this app are merged
 * (`kubectl apply --server-side`; the object carries Argo CD's `ServerSideApply=true`), and it
 * is never pruned or deleted by GitOps.
 *
 * @see https://docs.openshift.com/container-platform/latest/networking/multiple_networks/configuring-additional-network.html
 */
export class OpenShiftAdditionalNetworks extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'networks';
  protected readonly apiObject: ApiObject;
  private readonly networks: OpenShiftAdditionalNetwork[] = [];

  public constructor(scope: Construct, id: string, props: OpenShiftAdditionalNetworksProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'OpenShiftAdditionalNetworksProps', '{ networks: [{ name: "lab", namespace: "vms", cni: CniPlugin.bridge({ bridge: "br1" }) }] }');
      const other = this.node.root.node.findAll().find((c) => c instanceof OpenShiftAdditionalNetworks && c !== this);
      if (other) {
        throw constructError(this, `the app already declares the cluster's additional networks at ${show(other.node.path)}: networks.operator.openshift.io/cluster is a singleton; add networks there with addNetwork(...)`);
      }
      for (const network of props.networks ?? []) this.addNetwork(network);
      this.apiObject = new openshift.Network(this, 'Resource', {
        // The operator reads only this name.
        metadata: { name: 'cluster' },
        spec: Lazy.any({
          produce: () => ({
            additionalNetworks: this.networks.map((network) => ({
              name: network.name,
              namespace: network.namespace,
              type: 'Raw',
              rawCniConfig: network.config,
            })),
          }),
        }),
      });
      withoutNamespace(this.apiObject);
      protectFromPrune(this.apiObject);
      addArgoSyncOptions(this.apiObject, 'ServerSideApply=true');
    } catch (error) {
      // A refused network list leaves nothing behind: no half-built singleton, no claimed addresses.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The networks declared so far. */
  public get networkNames(): string[] {
    return this.networks.map((n) => `${n.namespace}/${n.name}`);
  }

  /** Adds a network and returns it for `vm.attachNetwork(...)`. */
  public addNetwork(options: OpenShiftAdditionalNetworkOptions): INetworkAttachment {
    const nameProblem = dnsSubdomainProblem(options?.name);
    if (nameProblem) throw constructError(this, `network name ${show(options?.name)} ${nameProblem}`);
    const namespaceProblem = dnsLabelProblem(options.namespace);
    if (namespaceProblem) throw constructError(this, `network ${show(options.name)}: namespace ${show(options.namespace)} ${namespaceProblem}`);
    // additionalNetworks is a map keyed by name (not by name and namespace).
    if (this.networks.some((n) => n.name === options.name)) {
      throw constructError(this, `network name ${show(options.name)} is used twice: the operator keys additionalNetworks by name alone, so each needs its own`);
    }
    const network = new OpenShiftAdditionalNetwork(this, options);
    this.networks.push(network);
    return network;
  }
}
