import { Construct } from 'constructs';
import { show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { ArgoCdDestination } from '../gitops/argo-cd/application';
import { FluxKubeConfig } from '../gitops/flux/flux-kustomization';
import { SharedIpPool } from '../network/shared-ip-pool';
import { StaticIpPool, StaticIpPoolProps } from '../network/static-ip-pool';

/** The virtualization product a cluster runs. */
export enum VirtualizationPlatform {
  /** OpenShift Virtualization, installed through OLM (`OpenShiftVirtualization`). */
  OPENSHIFT = 'openshift',
  /** Upstream KubeVirt and CDI (`KubeVirt`, `Cdi`). */
  KUBEVIRT = 'kubevirt',
}

/** The address plan of one network in one cluster: its own subnet, or a pool shared with other clusters. */
export type NetworkPlan = Omit<StaticIpPoolProps, 'shared'> | SharedIpPool;

/** One cluster of a `Fleet`: where its objects go and what the charts built for it need to know. */
export interface FleetClusterProps {
  /** The cluster's name: its folder (`clusters/<name>`) and the prefix of its Applications. A DNS label. */
  readonly name: string;
  /** OpenShift Virtualization or upstream KubeVirt. */
  readonly platform: VirtualizationPlatform;
  /** Software emulation, for nodes without hardware virtualization (a lab). @default false */
  readonly emulation?: boolean;
  /** Storage classes by role, e.g. `{ rwx: 'ocs-storagecluster-ceph-rbd-virtualization' }`. @default - none */
  readonly storageClasses?: Record<string, string>;
  /** Address plans by network, e.g. `{ backend: { cidr: '10.10.0.0/24' }, replication: sharedPool }`. @default - none */
  readonly networks?: Record<string, NetworkPlan>;
  /** Where Argo CD applies this cluster's objects. @default - the cluster Argo CD runs in */
  readonly argoCdDestination?: ArgoCdDestination;
  /** The kubeconfig Secret Flux applies this cluster's objects with. @default - the cluster Flux runs in */
  readonly fluxKubeConfig?: FluxKubeConfig;
}

/**
 * A cluster of a `Fleet`, as the function that builds its charts sees it: its settings, and
 * helpers that read them with messages naming the cluster.
 */
export class FleetCluster {
  public readonly name: string;
  public readonly platform: VirtualizationPlatform;
  public readonly emulation: boolean;
  public readonly props: FleetClusterProps;

  /** @internal */
  public constructor(props: FleetClusterProps) {
    this.props = props;
    this.name = props.name;
    this.platform = props.platform;
    this.emulation = props.emulation ?? false;
  }

  /** Whether the cluster runs OpenShift Virtualization. */
  public get isOpenShift(): boolean {
    return this.platform === VirtualizationPlatform.OPENSHIFT;
  }

  /** The storage class of `role`; throws, naming the cluster, when the cluster has none. */
  public storageClass(role: string): string {
    const storageClass = this.props.storageClasses?.[role];
    if (storageClass === undefined) {
      const known = Object.keys(this.props.storageClasses ?? {});
      throw new Error(`Fleet cluster ${show(this.name)}: no storage class for ${show(role)}: add it to the cluster's storageClasses (it has ${known.length > 0 ? known.map((k) => show(k)).join(', ') : 'none'})`);
    }
    return storageClass;
  }

  /**
   * A `StaticIpPool` for `network` from the cluster's address plan: its own subnet (addresses
   * unique in this cluster; another cluster may use the same subnet), or its part of a
   * `SharedIpPool` (addresses unique across the clusters that share it).
   */
  public ipPool(scope: Construct, id: string, network: string): StaticIpPool {
    const plan = this.props.networks?.[network];
    if (plan === undefined) {
      const known = Object.keys(this.props.networks ?? {});
      throw new Error(`Fleet cluster ${show(this.name)}: no address plan for the network ${show(network)}: add it to the cluster's networks (it has ${known.length > 0 ? known.map((k) => show(k)).join(', ') : 'none'})`);
    }
    return plan instanceof SharedIpPool ? new StaticIpPool(scope, id, { cidr: plan.cidr, shared: plan }) : new StaticIpPool(scope, id, plan);
  }
}

/** Problems of one cluster's settings, each naming the cluster and the field. */
export function clusterProblems(props: FleetClusterProps, position: number): string[] {
  if (typeof props !== 'object' || props === null) return [`clusters[${position}] ${show(props)} must be an object of FleetClusterProps, e.g. { name: "lab", platform: VirtualizationPlatform.KUBEVIRT }`];
  const label = typeof props.name === 'string' ? `cluster ${show(props.name)}` : `clusters[${position}]`;
  const problems: string[] = [];
  const nameProblem = typeof props.name === 'string' ? dnsLabelProblem(props.name) : 'must be a string';
  if (nameProblem) problems.push(`${label}: name ${show(props.name)} ${nameProblem}`);
  if (!Object.values(VirtualizationPlatform).includes(props.platform)) {
    problems.push(`${label}: platform ${show(props.platform)} is not one of ${Object.values(VirtualizationPlatform).map((p) => show(p)).join(', ')}`);
  }
  for (const [role, storageClass] of Object.entries(props.storageClasses ?? {})) {
    const problem = typeof storageClass === 'string' ? dnsSubdomainProblem(storageClass) : 'must be a string';
    if (problem) problems.push(`${label}: storageClasses.${role} ${show(storageClass)} ${problem}`);
  }
  const destination = props.argoCdDestination;
  if (destination?.server !== undefined && destination.name !== undefined) {
    problems.push(`${label}: argoCdDestination gives both server and name: Argo CD takes one of them`);
  }
  const secret = props.fluxKubeConfig?.secretName;
  if (props.fluxKubeConfig !== undefined) {
    const problem = typeof secret === 'string' ? dnsSubdomainProblem(secret) : 'must be a string';
    if (problem) problems.push(`${label}: fluxKubeConfig.secretName ${show(secret)} ${problem}`);
  }
  for (const [network, plan] of Object.entries(props.networks ?? {})) {
    if (plan instanceof SharedIpPool && !plan.clusters.includes(props.name)) {
      problems.push(`${label}: networks.${network} is the SharedIpPool ${show(plan.name)} of ${plan.clusters.map((c) => show(c)).join(', ')}: add ${show(props.name)} to its clusters, or give this cluster a plan of its own`);
    }
  }
  return problems;
}
