import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { AddressRegistry } from './address-registry';
import { macAddressProblem } from './cni';
import { INetworkAttachment, isNetworkAttachment, noteExternalNetwork } from './network-attachment';
import { StaticIp } from './static-ip';
import { constructError, show } from '../common/errors';
import { hostCidrProblem } from '../common/ipv4';
import { dnsLabelProblem } from '../common/names';

/** The pod annotation Multus reads the networks of a pod from. */
export const MULTUS_NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** Options of `attachWorkloadToNetwork`. */
export interface WorkloadNetworkOptions {
  /**
   * Fixed addresses for the pod's interface, e.g. `["192.168.4.10/24"]` or from a `StaticIpPool`.
   * The network needs static IPAM without addresses of its own (`Ipam.static()`), which
   * accepts requested addresses.
   * @default - the network's IPAM decides
   */
  readonly ips?: Array<string | StaticIp>;
  /**
   * Interface name inside the pod.
   * @default - Multus' default (net1, net2, ...)
   */
  readonly interfaceName?: string;
  /**
   * MAC address of the interface.
   * @default - random
   */
  readonly macAddress?: string;
}

interface NetworkSelection {
  readonly name: string;
  readonly namespace?: string;
  readonly ips?: string[];
  readonly interface?: string;
  readonly mac?: string;
}

const selections = new WeakMap<kplus.AbstractPod, NetworkSelection[]>();

/**
 * Joins a cdk8s-plus Pod, Deployment or StatefulSet to a Multus network, next to VMs on the
 * same network, through the pod template's `k8s.v1.cni.cncf.io/networks` annotation.
 * A fixed address needs exactly one replica.
 */
export function attachWorkloadToNetwork(workload: kplus.AbstractPod, network: INetworkAttachment, options: WorkloadNetworkOptions = {}): void {
  if (!(workload instanceof kplus.AbstractPod)) {
    throw new Error('attachWorkloadToNetwork: workload must be a cdk8s-plus Pod, Deployment, StatefulSet, DaemonSet or Job');
  }
  const fail = (problem: string): never => {
    throw constructError(workload, `attachWorkloadToNetwork: ${problem}`);
  };
  const ips = checkAttachment(workload, network, options, fail);
  const holder = `${workload.constructor.name} ${show(workload.name)} network ${show(network.name)}`;
  for (const ip of ips) {
    const problem = ip._use(holder);
    if (problem) fail(problem);
  }
  const attachProblem = network._attach(holder);
  if (attachProblem) fail(attachProblem);
  const registry = AddressRegistry.of(workload);
  for (const ip of ips) registry.claim({ what: ip._claimKey, holder, token: ip, scope: workload });
  if (options.macAddress !== undefined) registry.claim({ what: `MAC address ${options.macAddress.toLowerCase()}`, holder, token: {}, scope: workload });

  noteExternalNetwork(workload, network, workload.metadata.namespace);
  selectionsOf(workload).push({
    name: network.name,
    namespace: network.namespace,
    ips: ips.length > 0 ? ips.map((ip) => ip.cidr) : undefined,
    interface: options.interfaceName,
    mac: options.macAddress,
  });
}

/** Checks the network and options; returns the fixed addresses asked for. */
function checkAttachment(
  workload: kplus.AbstractPod, network: INetworkAttachment, options: WorkloadNetworkOptions, fail: (problem: string) => never,
): StaticIp[] {
  if (!isNetworkAttachment(network)) {
    fail('network must be a NetworkAttachmentDefinition, an OpenShiftAdditionalNetworks entry, or NetworkAttachmentDefinition.fromName("...")');
  }
  const ips = (options.ips ?? []).map((entry, i) => {
    if (entry instanceof StaticIp) return entry;
    const problem = hostCidrProblem(entry as string);
    if (problem) fail(`ips[${i}] ${show(entry)} ${problem}`);
    return StaticIp.of(entry as string);
  });
  if (ips.length > 0) {
    if (network.ipam !== undefined && !network.ipam.acceptsRequestedIps) {
      fail(`network ${show(network.name)} cannot take requested addresses (its IPAM is ${network.ipam.type}${network.ipam.addresses.length ? ' with fixed addresses' : ''}): use a network with Ipam.static() and no addresses`);
    }
    if (!(workload instanceof kplus.Pod)) {
      const replicas = (workload as { replicas?: number }).replicas;
      if (replicas !== 1) {
        fail(`a fixed address can be used by one pod, but this ${workload.constructor.name} runs ${replicas === undefined ? 'more than one pod (or one per node)' : `${replicas} replicas`}: set replicas: 1, or leave ips out`);
      }
    }
  }
  if (options.interfaceName !== undefined) {
    const problem = dnsLabelProblem(options.interfaceName);
    if (problem || options.interfaceName.length > 15) fail(`interfaceName ${show(options.interfaceName)} ${problem ?? 'is longer than the 15 characters of a Linux interface name'}`);
  }
  if (options.macAddress !== undefined) {
    const problem = macAddressProblem(options.macAddress);
    if (problem) fail(`macAddress ${show(options.macAddress)} ${problem}`);
  }
  return ips;
}

/** The networks a workload joins, written (at synth) to its pod template's networks annotation. */
function selectionsOf(workload: kplus.AbstractPod): NetworkSelection[] {
  let list = selections.get(workload);
  if (!list) {
    const entries: NetworkSelection[] = [];
    selections.set(workload, entries);
    const metadata = workload instanceof kplus.Workload ? workload.podMetadata : workload.metadata;
    metadata.addAnnotation(MULTUS_NETWORKS_ANNOTATION, Lazy.any({ produce: () => JSON.stringify(entries) }) as unknown as string);
    list = entries;
  }
  return list;
}
