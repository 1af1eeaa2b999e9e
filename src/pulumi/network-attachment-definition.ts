import * as pulumi from '@pulumi/pulumi';
import { Chart } from 'cdk8s';
import { ChartDeployment, inMemoryApp, plainResources } from './chart-deployment';
import { isPlatformNamespace } from './namespaces';
import { asResourceError } from './resource-error';
import { show } from '../common/errors';
import { WorkloadNamespace } from '../core/workload-namespace';
import { CniPlugin, Ipam } from '../network/cni';
import * as network from '../network/network-attachment-definition';

/** Arguments of the Pulumi `NetworkAttachmentDefinition` (flat, so every Pulumi language can pass them). */
export interface NetworkAttachmentDefinitionArgs {
  /**
   * Name of the network (the NetworkAttachmentDefinition and its CNI config).
   * @default - the Pulumi resource name
   */
  networkName?: string;
  /**
   * Namespace (VMs of other namespaces name it as "<namespace>/<name>").
   * @default "default"
   */
  namespace?: string;
  /**
   * Create the namespace first. False when it exists.
   * @default true (never for default and the kube-* and openshift-* namespaces)
   */
  createNamespace?: boolean;
  /** "bridge" (a Linux bridge on the nodes) or "macvlan" (on a node interface). */
  cni: string;
  /**
   * bridge: the node bridge, e.g. "br1".
   * @default - required for "bridge"
   */
  bridge?: string;
  /**
   * bridge: a VLAN tag.
   * @default - untagged
   */
  vlan?: number;
  /**
   * macvlan: the node interface, e.g. "ens4".
   * @default - the node's default-route interface
   */
  master?: string;
  /**
   * MTU.
   * @default - the bridge's or master's
   */
  mtu?: number;
  /**
   * Cluster-wide address allocation (whereabouts) from this range, e.g. "192.168.2.0/24".
   * Leave it out for fixed addresses written into the guest (VirtualMachine networks[].ip).
   * @default - no IPAM
   */
  ipRange?: string;
  /**
   * Node device-plugin resource the network needs, e.g. "bridge.network.kubevirt.io/br1".
   * @default - none
   */
  resourceName?: string;
  /**
   * Take over a network that exists; needs a provider with `upsertExistingObjects: true`.
   * @default false
   */
  adoptExisting?: boolean;
}

/**
 * A Multus NetworkAttachmentDefinition for Pulumi programs in any language, rendered by the
 * cdk8s construct (same validation, same config JSON) and deployed with `ChartDeployment`.
 * VMs join it through `networks: [{ network: <networkName>, networkNamespace: <namespace> }]`.
 */
export class NetworkAttachmentDefinition extends pulumi.ComponentResource {
  /** The network's name. */
  public readonly networkName: pulumi.Output<string>;
  /** Its namespace. */
  public readonly namespace: pulumi.Output<string>;
  /** The URNs of the deployed objects by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;

  public constructor(name: string, args: NetworkAttachmentDefinitionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:NetworkAttachmentDefinition', name, {}, opts);
    const namespace = args.namespace ?? 'default';
    const networkName = args.networkName ?? name;
    const app = inMemoryApp();
    asResourceError(this, () => {
      const chart = new Chart(app, name, { namespace });
      new network.NetworkAttachmentDefinition(chart, 'network', {
        metadata: { name: networkName },
        cni: cniOf(args),
        ipam: args.ipRange !== undefined ? Ipam.whereabouts({ range: args.ipRange }) : Ipam.none(),
        resourceName: args.resourceName,
      });
      if (args.createNamespace !== false && !isPlatformNamespace(namespace)) new WorkloadNamespace(chart, 'namespace', { name: namespace });
    });
    const deployment = new ChartDeployment(`${name}-objects`, { chart: app, createNamespaces: false, retainNamespaces: true, adoptExisting: args.adoptExisting }, {
      parent: this, dependsOn: plainResources(opts.dependsOn),
    });
    this.networkName = pulumi.output(networkName);
    this.namespace = pulumi.output(namespace);
    this.urns = deployment.urns;
    this.registerOutputs({ networkName: this.networkName, namespace: this.namespace, urns: this.urns });
  }
}

function cniOf(args: NetworkAttachmentDefinitionArgs): CniPlugin {
  if (args.cni === 'bridge') {
    if (args.bridge === undefined) throw new Error('NetworkAttachmentDefinition: cni "bridge" needs bridge, the node bridge\'s name, e.g. "br1"');
    return CniPlugin.bridge({ bridge: args.bridge, vlan: args.vlan, mtu: args.mtu });
  }
  if (args.cni === 'macvlan') return CniPlugin.macvlan({ master: args.master, mtu: args.mtu });
  throw new Error(`NetworkAttachmentDefinition: cni ${show(args.cni)} is not one of "bridge", "macvlan"`);
}
