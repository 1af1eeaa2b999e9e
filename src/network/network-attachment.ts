import { IConstruct } from 'constructs';
import { AddressRegistry, ipClaim } from './address-registry';
import { Ipam, IpamType } from './cni';
import { StaticIp } from './static-ip';
import { show } from '../common/errors';
import { Ipv4Subnet } from '../common/ipv4';
import { qualifiedName } from '../model/object-index';
import { AppValidation } from '../validation/app-validation';

/**
 * A Multus network a VM or pod can join: a `NetworkAttachmentDefinition` of this app, an entry
 * of `OpenShiftAdditionalNetworks`, or one that exists in the cluster (`NetworkAttachmentDefinition.fromName`).
 */
export interface INetworkAttachment {
  /** Name of the NetworkAttachmentDefinition. */
  readonly name: string;
  /** Its namespace; undefined means the namespace of the VM or pod that uses it. */
  readonly namespace?: string;
  /** Its address management, when declared in this app (undefined for a network referenced by name). */
  readonly ipam?: Ipam;
  /** Records a VM interface or pod using the network; returns a problem when it cannot. @internal */
  _attach(holder: string): string | undefined;
}

/** Whether `value` is a network of this library (a NAD, an OpenShift additional network, or a reference by name). */
export function isNetworkAttachment(value: unknown): value is INetworkAttachment {
  const candidate = value as INetworkAttachment | undefined;
  return typeof candidate?.name === 'string' && typeof candidate._attach === 'function';
}

/** A network referenced by name: declared elsewhere (another repository, the SR-IOV operator, ...). */
export class NetworkAttachmentReference implements INetworkAttachment {
  public readonly ipam?: Ipam = undefined;
  public constructor(public readonly name: string, public readonly namespace?: string) {}
  /** @internal */
  public _attach(): string | undefined {
    return undefined;
  }
}

/**
 * What NetworkAttachmentDefinitions and OpenShift additional networks share: the fixed addresses
 * of static IPAM are claimed app-wide, and such a network can serve one VM or pod only.
 * @internal
 */
export class FixedAddressTracker {
  private user?: string;

  public constructor(
    private readonly describe: string,
    private readonly ipam: Ipam,
  ) {}

  /** Claims the fixed addresses for the network's construct; throws via `errorFor`. */
  public claim(scope: IConstruct, errorFor: (problem: string) => Error): void {
    if (this.ipam.type !== IpamType.STATIC) return;
    const registry = AddressRegistry.of(scope);
    for (const entry of this.ipam.addresses) {
      const ip = entry instanceof StaticIp ? entry : undefined;
      if (ip) {
        const problem = ip._use(this.describe);
        if (problem) throw errorFor(problem);
      }
      const value = ip ? ip._value : Ipv4Subnet.parse(entry as string, false).address!;
      registry.claim({ what: ipClaim(value), holder: this.describe, token: ip ?? {}, scope });
    }
  }

  /** A network whose IPAM gives every attachment the same address serves one user. */
  public attach(holder: string): string | undefined {
    const fixed = this.ipam.type === IpamType.STATIC && this.ipam.addresses.length > 0;
    // Only a network with fixed addresses needs to know its users (a shared network may have thousands).
    if (!fixed) return undefined;
    if (this.user !== undefined && this.user !== holder) {
      const addresses = this.ipam.addresses.map((a) => (a instanceof StaticIp ? a.cidr : a)).join(', ');
      return `${this.describe} has the fixed address ${addresses}, which it gives to every attachment, and ${this.user} already uses it: declare one network per VM (or use Ipam.none() with attachNetwork(..., { ip }))`;
    }
    this.user = holder;
    return undefined;
  }
}

/** `"ns/name"` for messages. */
export function describeNetwork(kind: string, name: string, namespace?: string): string {
  return `${kind} ${show(namespace ? `${namespace}/${name}` : name)}`;
}

/**
 * Tells the app's validation that a network referenced by name exists outside the app, so the
 * Multus-reference rule accepts it. `namespace` is that of the VM or pod using it.
 */
export function noteExternalNetwork(user: IConstruct, network: INetworkAttachment, namespace: string | undefined): void {
  if (network instanceof NetworkAttachmentReference) {
    AppValidation.of(user)._addKnownNetwork(qualifiedName(network.namespace ?? namespace, network.name));
  }
}
