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
  /**
   * passt user-mode networking: the guest gets the pod's IP without NAT and the pod keeps its own,
   * and it live-migrates. KubeVirt's core `passtBinding` (v1.9.0 schema.go, InterfacePasstBinding),
   * behind the PasstBinding feature gate (beta since v1.8.0, so on by default). Needs no binding
   * plugin registered in the KubeVirt CR.
   */
  PASST = 'passt',
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
  /**
   * Ports the guest serves (masquerade and passt bindings).
   * @default - none declared: every port is forwarded
   */
  readonly ports?: PodNetworkPort[];
}

/** Transport protocol of a port. */
export enum PortProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
}

/**
 * A port the guest listens on. With masquerade binding, declared ports are the only ones
 * forwarded to the guest; with none declared, all are.
 */
export interface PodNetworkPort {
  /** Port number (1-65535; 49152 and 49153 are reserved by KubeVirt for live migration). */
  readonly port: number;
  /**
   * Port name (an IANA service name: up to 15 lowercase letters, digits and '-'), which a
   * Service's `targetPort` can refer to.
   * @default - unnamed
   */
  readonly name?: string;
  /** @default PortProtocol.TCP */
  readonly protocol?: PortProtocol;
}

/** The ports KubeVirt keeps for the live-migration proxy in the virt-launcher pod. */
export const MIGRATION_RESERVED_PORTS: readonly number[] = [49152, 49153];

/** Why `value` is not a port number, or undefined. */
export function portNumberProblem(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 ? undefined : 'must be a whole number from 1 to 65535';
}
