import { Construct, IConstruct, IValidation } from 'constructs';
import { formatIpv4 } from '../common/ipv4';

/** One use of a static IP or MAC address by a VM interface, a pod, a network or a pool. */
export interface AddressClaim {
  /** What is claimed, e.g. `static IP 192.168.4.1` or `MAC address 02:00:00:00:00:01`. */
  readonly what: string;
  /** Who claims it, for messages, e.g. `VirtualMachine "mq/rdqm-1" interface "repl"`. */
  readonly holder: string;
  /** Claims with the same token are the same use (an address from a pool, then used by a VM). */
  readonly token: object;
  /** The construct that reports a clash. */
  readonly scope: IConstruct;
}

const REGISTRY_ID = 'kubevirt-constructs.AddressRegistry';

/**
 * The static IP and MAC addresses claimed anywhere in a cdk8s app. A clash is reported at
 * synth time by the construct that claimed the address second, so the error names it.
 */
export class AddressRegistry extends Construct {
  /** The registry of the app `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): AddressRegistry {
    const root = scope.node.root;
    return (root.node.tryFindChild(REGISTRY_ID) as AddressRegistry | undefined) ?? new AddressRegistry(root as Construct, REGISTRY_ID);
  }

  /**
   * Forgets the claims of `construct` and of every construct below it: for a constructor that
   * refuses its input after claiming addresses, so the addresses stay free for the rest of the app.
   */
  public static release(construct: IConstruct): void {
    const registry = construct.node.root.node.tryFindChild(REGISTRY_ID) as AddressRegistry | undefined;
    registry?.releaseBelow(construct);
  }

  // The first claim of each address, and each construct's claims: kept as claims arrive, so a
  // fleet of thousands of VMs costs one map operation per claim.
  private readonly firstByWhat = new Map<string, AddressClaim>();
  private readonly byScope = new Map<IConstruct, AddressClaim[]>();
  /** Arrival order of claims, to find the next first claim when one is released. */
  private readonly order = new Map<AddressClaim, number>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Records a claim; the claiming construct reports clashes when the app is validated. */
  public claim(claim: AddressClaim): void {
    this.order.set(claim, this.order.size);
    if (!this.firstByWhat.has(claim.what)) this.firstByWhat.set(claim.what, claim);
    const own = this.byScope.get(claim.scope);
    if (own) {
      own.push(claim);
      return;
    }
    this.byScope.set(claim.scope, [claim]);
    claim.scope.node.addValidation(new ClashCheck(this, claim.scope));
  }

  /** Whether anything in the app claims `what` already. */
  public isClaimed(what: string): boolean {
    return this.firstByWhat.has(what);
  }

  private releaseBelow(construct: IConstruct): void {
    const released = new Set<string>();
    for (const [scope, claims] of this.byScope) {
      if (scope !== construct && !scope.node.scopes.includes(construct)) continue;
      this.byScope.delete(scope);
      for (const claim of claims) {
        this.order.delete(claim);
        released.add(claim.what);
      }
    }
    for (const what of released) {
      const remaining = [...this.byScope.values()].flat().filter((c) => c.what === what);
      const first = remaining.sort((a, b) => this.order.get(a)! - this.order.get(b)!)[0];
      if (first) this.firstByWhat.set(what, first);
      else this.firstByWhat.delete(what);
    }
  }

  /** Messages for the claims of `scope` that an earlier claim (another use) already holds. @internal */
  public _clashesOf(scope: IConstruct): string[] {
    const messages: string[] = [];
    for (const claim of this.byScope.get(scope) ?? []) {
      const earlier = this.firstByWhat.get(claim.what)!;
      if (earlier.token === claim.token) continue;
      messages.push(`${claim.what} of ${claim.holder} is already used by ${earlier.holder}: each address can be used once in the app; pick another (or let a StaticIpPool allocate it)`);
    }
    return messages;
  }
}

/**
 * The validation a claiming construct gets: its clashes. An object of two fields, where a closure
 * with its context cost three objects per VM of a fleet.
 */
class ClashCheck implements IValidation {
  public constructor(private readonly registry: AddressRegistry, private readonly scope: IConstruct) {}

  public validate(): string[] {
    return this.registry._clashesOf(this.scope);
  }
}

/** The registry key of a static IP. */
export function ipClaim(value: number): string {
  return `static IP ${formatIpv4(value)}`;
}
