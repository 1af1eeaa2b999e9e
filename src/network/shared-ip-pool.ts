import { propsObjectProblem, show } from '../common/errors';
import { Ipv4Subnet, formatIpv4 } from '../common/ipv4';
import { dnsLabelProblem } from '../common/names';

/** Properties of a `SharedIpPool`. */
export interface SharedIpPoolProps {
  /** Names the network in messages, e.g. `"replication"`. */
  readonly name: string;
  /** The subnet the clusters share, e.g. `"10.30.0.0/24"`. */
  readonly cidr: string;
  /** The Fleet clusters on this network (at least two: one cluster needs no shared pool). */
  readonly clusters: string[];
}

/** Who holds an address of a shared pool. */
interface SharedClaim {
  readonly cluster: string;
  readonly holder: string;
}

/**
 * The addresses of a network stretched across clusters (a DR pair on one L2 segment): a
 * `StaticIpPool` given this pool (`FleetCluster.ipPool`) in each cluster hands out only
 * addresses no other cluster of the pool uses, and refuses an address another one took, naming
 * it. Uniqueness spans the clusters listed here; every other network is planned per cluster.
 *
 * Automatic allocation runs cluster by cluster in the Fleet's order, so removing a cluster from
 * the front of the list can move another cluster's automatic addresses: give addresses that
 * must never move explicitly (`pool.allocate(owner, address)`), as a replication network needs.
 */
export class SharedIpPool {
  public readonly name: string;
  public readonly cidr: string;
  public readonly clusters: readonly string[];
  private readonly claims = new Map<number, SharedClaim>();

  public constructor(props: SharedIpPoolProps) {
    const problem = propsObjectProblem(props, 'SharedIpPoolProps', '{ name: "replication", cidr: "10.30.0.0/24", clusters: ["prod-east", "prod-west"] }');
    if (problem) throw new Error(`SharedIpPool: ${problem}`);
    const given: Partial<SharedIpPoolProps> = props;
    const name = given.name;
    const nameProblem = typeof name === 'string' ? dnsLabelProblem(name) : 'must be a string';
    if (nameProblem) throw new Error(`SharedIpPool: name ${show(name)} ${nameProblem}`);
    const label = `SharedIpPool ${show(name)}`;
    const parsed = Ipv4Subnet.parse(given.cidr as string);
    if (parsed.problem) throw new Error(`${label}: cidr ${show(given.cidr)} ${parsed.problem}`);
    const clusters = given.clusters;
    if (!Array.isArray(clusters) || clusters.length < 2 || clusters.some((c) => typeof c !== 'string') || new Set(clusters).size !== clusters.length) {
      throw new Error(`${label}: clusters ${show(clusters)} must list two or more distinct Fleet cluster names, e.g. ["prod-east", "prod-west"]: a network used by one cluster needs no shared pool`);
    }
    this.name = name!;
    this.cidr = parsed.subnet!.toString();
    this.clusters = [...clusters];
  }

  /** Why `cluster` cannot take `address` (another cluster holds it), or undefined. @internal */
  public _takenProblem(cluster: string, address: number): string | undefined {
    const claim = this.claims.get(address);
    if (!claim || claim.cluster === cluster) return undefined;
    return `is already used by ${claim.holder} in cluster ${show(claim.cluster)} on the network ${show(this.name)} shared by ${this.clusters.map((c) => show(c)).join(', ')}: pick another address`;
  }

  /** Records that `holder` in `cluster` uses `address`. @internal */
  public _claim(cluster: string, address: number, holder: string): void {
    if (!this.claims.has(address)) this.claims.set(address, { cluster, holder });
  }

  /** Forgets every claim: a Fleet starts each synthesis afresh. @internal */
  public _reset(): void {
    this.claims.clear();
  }

  /** The addresses used so far, by cluster, for messages and tests. */
  public get allocations(): ReadonlyArray<{ readonly address: string; readonly cluster: string; readonly holder: string }> {
    return [...this.claims].sort(([a], [b]) => a - b).map(([address, claim]) => ({ address: formatIpv4(address), ...claim }));
  }
}
