import { Construct } from 'constructs';
import { AddressRegistry, ipClaim } from './address-registry';
import { withdrawRefused } from './refused-construct';
import { SharedIpPool } from './shared-ip-pool';
import { StaticIp } from './static-ip';
import { assertPropsObject, constructError, show } from '../common/errors';
import { Ipv4Subnet, formatIpv4, parseIpv4, parseIpv4Range } from '../common/ipv4';
import { fleetClusterOf } from '../core/fleet-cluster-identity';

/** Properties of a `StaticIpPool`. */
export interface StaticIpPoolProps {
  /** The subnet, e.g. `"192.168.4.0/24"` (IPv4, prefix length 30 or shorter). */
  readonly cidr: string;
  /**
   * The subnet's gateway; never handed out.
   * @default - no gateway (an isolated segment, e.g. a replication network)
   */
  readonly gateway?: string;
  /**
   * Addresses the pool never hands out (used by hosts, routers, DHCP ranges):
   * `"192.168.4.10"`, `"192.168.4.200-192.168.4.250"` or `"192.168.4.240/28"`.
   * @default - none
   */
  readonly reserved?: string[];
  /**
   * The pool of a network stretched across Fleet clusters that this pool is the local part of
   * (`FleetCluster.ipPool` sets it): it then never hands out an address another cluster of the
   * shared pool uses. `cidr` must be the shared pool's.
   * @default - addresses are unique within this app (cluster) only
   */
  readonly shared?: SharedIpPool;
}

/**
 * Fixed IPv4 addresses for VMs and pods on one subnet, planned at synth time.
 *
 * `allocate(owner)` hands out the lowest free address; `allocate(owner, "192.168.4.7")` takes
 * a given one. Neither ever returns the network or broadcast address, the gateway, a reserved
 * address, or an address already claimed anywhere in the app; an address claimed twice across
 * the app (another pool, an explicit `ip`, a network's static IPAM) fails the synth.
 */
export class StaticIpPool extends Construct {
  /** The subnet in CIDR notation. */
  public readonly cidr: string;
  /** The gateway, when set. */
  public readonly gateway?: string;

  private readonly subnet: Ipv4Subnet;
  private readonly gatewayValue?: number;
  private readonly reserved: Array<{ first: number; last: number; text: string }> = [];
  private readonly byOwner = new Map<string, StaticIp>();
  private readonly byAddress = new Map<number, StaticIp>();
  private cursor = 0;
  private pathText?: string;
  private readonly shared?: { readonly pool: SharedIpPool; readonly cluster: string };

  public constructor(scope: Construct, id: string, props: StaticIpPoolProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'StaticIpPoolProps', '{ cidr: "192.168.4.0/24" }');
      // From plain JavaScript cidr may be missing: the cidr check then names it.
      const given: Partial<StaticIpPoolProps> = props;
      const { subnet, problem } = Ipv4Subnet.parse(given.cidr as string);
      if (problem) throw constructError(this, `cidr ${show(given.cidr)} ${problem}`);
      if (subnet!.prefixLength > 30) {
        throw constructError(this, `cidr ${show(given.cidr)} has no room for hosts next to its network and broadcast addresses: use a prefix length of 30 or less`);
      }
      this.subnet = subnet!;
      this.cidr = subnet!.toString();
      if (given.gateway !== undefined) {
        const gateway = parseIpv4(given.gateway);
        if (gateway === undefined) throw constructError(this, `gateway ${show(given.gateway)} is not an IPv4 address: write it like "192.168.4.254"`);
        const bad = this.hostProblem(gateway);
        if (bad) throw constructError(this, `gateway ${show(given.gateway)} ${bad}`);
        this.gatewayValue = gateway;
        this.gateway = given.gateway;
      }
      for (const text of given.reserved ?? []) {
        const { first, last, problem: rangeProblem } = parseIpv4Range(text);
        if (rangeProblem) throw constructError(this, `reserved ${show(text)} ${rangeProblem}`);
        if (first! < this.subnet.network || last! > this.subnet.broadcast) {
          throw constructError(this, `reserved ${show(text)} is not inside ${this.cidr}: list only addresses of this subnet`);
        }
        this.reserved.push({ first: first!, last: last!, text });
      }
      if (given.shared !== undefined) this.shared = this.sharedPart(given.shared);
    } catch (error) {
      // A refused pool leaves its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The shared pool and the cluster this pool serves, after checking they belong together. */
  private sharedPart(pool: SharedIpPool): { pool: SharedIpPool; cluster: string } {
    if (!(pool instanceof SharedIpPool)) throw constructError(this, `shared ${show(pool)} must be a SharedIpPool: new SharedIpPool({ name, cidr, clusters })`);
    if (pool.cidr !== this.cidr) {
      throw constructError(this, `cidr ${this.cidr} differs from ${pool.cidr} of the SharedIpPool ${show(pool.name)} it is part of: use the shared pool's cidr`);
    }
    const cluster = fleetClusterOf(this);
    if (cluster === undefined || !pool.clusters.includes(cluster)) {
      const where = cluster === undefined ? 'an app that is not a Fleet cluster' : `the cluster ${show(cluster)}`;
      throw constructError(this, `the SharedIpPool ${show(pool.name)} is shared by ${pool.clusters.map((c) => show(c)).join(', ')}, not by ${where}: add the cluster to its clusters, or plan this network per cluster`);
    }
    return { pool, cluster };
  }

  /** The addresses handed out so far, in allocation order. */
  public get allocations(): StaticIp[] {
    return [...this.byOwner.values()];
  }

  /** The address allocated for `owner`, if any. */
  public addressOf(owner: string): StaticIp | undefined {
    return this.byOwner.get(owner);
  }

  /**
   * Allocates an address for `owner` (a name for messages and lookups, e.g. the VM's name):
   * the given one, or the lowest free address of the subnet.
   */
  public allocate(owner: string, address?: string): StaticIp {
    if (typeof owner !== 'string' || owner === '') throw constructError(this, 'allocate: owner must be a non-empty name, e.g. the VM\'s name');
    const previous = this.byOwner.get(owner);
    if (previous) {
      throw constructError(this, `allocate: ${show(owner)} already has ${previous.address}: use pool.addressOf(${show(owner)}), or a distinct owner per interface`);
    }
    const registry = AddressRegistry.of(this);
    let value: number;
    if (address !== undefined) {
      const parsed = parseIpv4(address);
      if (parsed === undefined) throw constructError(this, `allocate(${show(owner)}): ${show(address)} is not an IPv4 address: write it like "192.168.4.7" (without a prefix length)`);
      const problem = this.hostProblem(parsed) ?? this.takenProblem(parsed) ?? this.shared?.pool._takenProblem(this.shared.cluster, parsed);
      if (problem) throw constructError(this, `allocate(${show(owner)}): ${address} ${problem}`);
      value = parsed;
    } else {
      const free = this.firstFree((candidate) => !registry.isClaimed(ipClaim(candidate))
        && this.shared?.pool._takenProblem(this.shared.cluster, candidate) === undefined);
      if (free === undefined) {
        throw constructError(this, `allocate(${show(owner)}): no free address left in ${this.cidr} (${this.byOwner.size} allocated, ${this.reserved.length} reserved range(s)): use a larger subnet or release reservations`);
      }
      value = free;
    }
    const ip = new StaticIp(value, this.subnet, owner, this.gateway);
    this.byOwner.set(owner, ip);
    this.byAddress.set(value, ip);
    // A construct's path never changes: spelled once per pool, not once per address (a fleet allocates thousands).
    this.pathText ??= show(this.node.path);
    registry.claim({ what: ip._claimKey, holder: `StaticIpPool ${this.pathText} (owner ${show(owner)})`, token: ip, scope: this });
    this.shared?.pool._claim(this.shared.cluster, value, `${show(owner)} (StaticIpPool ${this.pathText})`);
    return ip;
  }

  /** Why `value` can never be a host address of this pool, or undefined. */
  private hostProblem(value: number): string | undefined {
    if (!this.subnet.contains(value)) {
      return `is outside the subnet ${this.cidr}: use an address from ${formatIpv4(this.subnet.network + 1)} to ${formatIpv4(this.subnet.broadcast - 1)}, or correct the cidr`;
    }
    if (value === this.subnet.network) return `is the network address of ${this.cidr}: hosts start at ${formatIpv4(value + 1)}`;
    if (value === this.subnet.broadcast) return `is the broadcast address of ${this.cidr}: hosts end at ${formatIpv4(value - 1)}`;
    return undefined;
  }

  /** Why `value` cannot be handed out now (gateway, reserved, allocated), or undefined. */
  private takenProblem(value: number): string | undefined {
    if (value === this.gatewayValue) return 'is the gateway of the pool: pick another address';
    const range = this.reserved.find((r) => value >= r.first && value <= r.last);
    if (range) return `is reserved (${show(range.text)}): pick an address outside the reserved ranges`;
    const holder = this.byAddress.get(value);
    if (holder) return `is already allocated to ${show(holder.owner)}: pick another address, or leave it out to get the next free one`;
    return undefined;
  }

  private firstFree(alsoFree: (candidate: number) => boolean): number | undefined {
    // Taken addresses stay taken, so the search resumes where the last one stopped.
    let candidate = Math.max(this.cursor, this.subnet.network + 1);
    while (candidate < this.subnet.broadcast) {
      const range = this.reserved.find((r) => candidate >= r.first && candidate <= r.last);
      if (range) {
        candidate = range.last + 1;
        continue;
      }
      if (!this.takenProblem(candidate) && alsoFree(candidate)) {
        this.cursor = candidate;
        return candidate;
      }
      candidate++;
    }
    this.cursor = candidate;
    return undefined;
  }
}
