import { createHash } from 'crypto';
import { INetworkAttachment } from './network-attachment';
import { StaticIp } from './static-ip';

/** How a VM interface is connected to a Multus secondary network. */
export enum SecondaryNetworkBinding {
  /**
   * An in-pod Linux bridge. With static IPAM on the network, KubeVirt's in-pod DHCP server hands
   * the network's address to the guest.
   */
  BRIDGE = 'bridge',
  /** An SR-IOV virtual function passed through to the guest (needs an SR-IOV network). */
  SRIOV = 'sriov',
}

/**
 * The state of a VM's interface on a secondary network. KubeVirt v1.9.0 applies a change to the
 * running VM (HotplugNICs is GA, and the default LiveUpdate rollout strategy carries it):
 * an interface added to the manifest is hot-plugged, one set to `ABSENT` is hot-unplugged
 * (pkg/network/vmliveupdate/restart.go; removing it outright needs a restart).
 */
export enum InterfaceState {
  /** Link up (KubeVirt's default). */
  UP = 'up',
  /** Plugged in with its link down. */
  DOWN = 'down',
  /** Unplugged from the running VM, and not plugged in at the next start (bridge binding only). */
  ABSENT = 'absent',
}

/** Options of `vm.attachNetwork`. */
export interface AttachNetworkOptions {
  /**
   * Name of the interface (and of its network entry in the VM).
   * @default - the network's name
   */
  readonly interfaceName?: string;
  /** @default SecondaryNetworkBinding.BRIDGE */
  readonly binding?: SecondaryNetworkBinding;
  /**
   * MAC address of the guest's NIC.
   * @default - chosen by KubeVirt; with `ip`, a stable locally administered address derived from the VM and interface names
   */
  readonly macAddress?: string;
  /**
   * A fixed address configured in the guest through cloud-init network data (NoCloud):
   * `"192.168.4.1/24"` or an address from a `StaticIpPool`. The network must not assign
   * addresses itself (`Ipam.none()`).
   * @default - none: the network's IPAM (if any) decides
   */
  readonly ip?: string | StaticIp;
  /**
   * The interface's state: `InterfaceState.ABSENT` hot-unplugs it (then remove it from the code
   * once the VM has restarted), `DOWN` sets its link down.
   * @default - up (KubeVirt's default; nothing written)
   */
  readonly state?: InterfaceState;
}

/** A VM's interface on a secondary network, as `vm.attachNetwork` returns it. */
export interface NetworkAttachment {
  /** The interface name in the VM. */
  readonly interfaceName: string;
  /** The network. */
  readonly network: INetworkAttachment;
  /** The binding. */
  readonly binding: SecondaryNetworkBinding;
  /** The MAC address, when fixed. */
  readonly macAddress?: string;
  /** The fixed address configured in the guest, when `ip` was given. */
  readonly ip?: StaticIp;
  /**
   * The addresses the guest gets on this interface, known at synth time: `ip`, or the static
   * IPAM addresses of the network (handed out by KubeVirt's DHCP with bridge binding).
   */
  readonly addresses: string[];
  /** The state, when given. */
  readonly state?: InterfaceState;
}

/**
 * A stable, locally administered unicast MAC address for an interface: the same names always
 * give the same address, so guest network config can match on it.
 */
export function stableMacAddress(...names: string[]): string {
  const digest = createHash('sha256').update(names.join('/')).digest();
  const octets = [0x02, ...digest.subarray(0, 5)];
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}
