/** How the VM's interface is connected to the pod network. */
export enum PodNetworkBinding {
  /**
   * NAT behind the virt-launcher pod's IP. The only binding that live-migrates without extra
   * annotations, so it is the default here (upstream KubeVirt defaults to bridge).
   */
  MASQUERADE = 'masquerade',
  /**
   * The guest takes the pod's IP through an in-pod bridge. Cannot live-migrate unless the VM
   * carries `kubevirt.io/allow-pod-bridge-network-live-migration`.
   */
  BRIDGE = 'bridge',
}

/** The VM's primary interface on the cluster's pod network. */
export interface PodNetworkOptions {
  /**
   * Attach the VM to the pod network at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The binding.
   * @default PodNetworkBinding.MASQUERADE
   */
  readonly binding?: PodNetworkBinding;
  /**
   * Name of the interface and its network entry.
   * @default "default"
   */
  readonly interfaceName?: string;
}
