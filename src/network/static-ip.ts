import { ipClaim } from './address-registry';
import { show } from '../common/errors';
import { Ipv4Subnet, formatIpv4, hostCidrProblem } from '../common/ipv4';

/**
 * A fixed IPv4 address with its subnet, e.g. from `StaticIpPool.allocate(...)`.
 * It can be used by one VM interface or pod; a second use is refused.
 */
export class StaticIp {
  /** A standalone address from CIDR notation (`"192.168.4.1/24"`), outside any pool. */
  public static of(cidr: string, owner = cidr): StaticIp {
    const problem = hostCidrProblem(cidr);
    if (problem) throw new Error(`StaticIp.of: ${show(cidr)} ${problem}`);
    const { subnet, address } = Ipv4Subnet.parse(cidr, false);
    return new StaticIp(address!, subnet!, owner);
  }

  /** The address, e.g. `192.168.4.1`. */
  public readonly address: string;
  private holder?: string;
  private claimKey?: string;

  /** @internal */
  public constructor(
    /** The address as a number. @internal */
    public readonly _value: number,
    private readonly _subnet: Ipv4Subnet,
    /** Who the address was allocated for. */
    public readonly owner: string,
    /** The default gateway of the subnet, when the pool has one. */
    public readonly gateway?: string,
  ) {
    this.address = formatIpv4(_value);
  }

  /** The prefix length of the subnet, e.g. 24. */
  public get prefixLength(): number {
    return this._subnet.prefixLength;
  }

  /** The address with its prefix length, e.g. `192.168.4.1/24` (what network configs want). */
  public get cidr(): string {
    return `${this.address}/${this.prefixLength}`;
  }

  /** The subnet, e.g. `192.168.4.0/24`. */
  public get subnet(): string {
    return this._subnet.toString();
  }

  /** The VM interface or pod using the address, once one does. */
  public get usedBy(): string | undefined {
    return this.holder;
  }

  /**
   * The address's key in the AddressRegistry, made once: the pool that allocates it and the VM
   * that uses it claim it by the same string (a fleet claims thousands). @internal
   */
  public get _claimKey(): string {
    return this.claimKey ??= ipClaim(this._value);
  }

  /** The address. */
  public toString(): string {
    return this.address;
  }

  /** Records the one user of the address; returns a problem when another already uses it. @internal */
  public _use(holder: string): string | undefined {
    const problem = this._conflict(holder);
    if (problem === undefined) this.holder = holder;
    return problem;
  }

  /**
   * The problem `_use(holder)` would return, without recording anything; without a holder,
   * any user is a conflict (for checks that run before the new user's name is known). @internal
   */
  public _conflict(holder?: string): string | undefined {
    if (this.holder !== undefined && this.holder !== holder) {
      return `static IP ${this.address} (${show(this.owner)}) is already used by ${this.holder}: allocate one address per interface`;
    }
    return undefined;
  }
}
