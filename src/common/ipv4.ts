/**
 * IPv4 addresses and subnets as 32-bit unsigned numbers. Only dotted-quad notation is accepted
 * (no leading zeros, which some tools read as octal).
 */

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** The number for a dotted-quad address, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  if (typeof text !== 'string' || !IPV4.test(text)) return undefined;
  return text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** The dotted-quad form of a 32-bit number. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** An IPv4 subnet such as 192.168.4.0/24. */
export class Ipv4Subnet {
  /**
   * Parses `a.b.c.d/len`. Returns the subnet or a problem; `strict` refuses host bits
   * (192.168.4.7/24), which is what a subnet field wants.
   */
  public static parse(text: string, strict = true): { subnet?: Ipv4Subnet; address?: number; problem?: string } {
    const match = typeof text === 'string' ? /^([^/]+)\/(\d{1,2})$/.exec(text) : null;
    const address = match ? parseIpv4(match[1]) : undefined;
    const prefix = match ? Number(match[2]) : NaN;
    if (address === undefined || !(prefix >= 0 && prefix <= 32)) {
      return { problem: 'is not an IPv4 CIDR: write the address and prefix length, e.g. "192.168.4.0/24" (IPv6 is not supported yet)' };
    }
    const subnet = new Ipv4Subnet(address - (address % 2 ** (32 - prefix)), prefix);
    if (strict && subnet.network !== address) {
      return { problem: `has host bits set: the subnet is "${subnet}"` };
    }
    return { subnet, address };
  }

  private constructor(
    /** The network address as a number. */
    public readonly network: number,
    /** The prefix length. */
    public readonly prefixLength: number,
  ) {}

  /** The number of addresses, including network and broadcast. */
  public get size(): number {
    return 2 ** (32 - this.prefixLength);
  }

  /** The broadcast address as a number. */
  public get broadcast(): number {
    return this.network + this.size - 1;
  }

  /** Whether the address is inside the subnet. */
  public contains(address: number): boolean {
    return address >= this.network && address <= this.broadcast;
  }

  /** `a.b.c.d/len`. */
  public toString(): string {
    return `${formatIpv4(this.network)}/${this.prefixLength}`;
  }
}

/** An inclusive range of addresses, from `a.b.c.d`, `a.b.c.d-e.f.g.h` or a CIDR. */
export function parseIpv4Range(text: string): { first?: number; last?: number; problem?: string } {
  if (typeof text === 'string' && text.includes('/')) {
    const { subnet, problem } = Ipv4Subnet.parse(text);
    return subnet ? { first: subnet.network, last: subnet.broadcast } : { problem };
  }
  const parts = typeof text === 'string' ? text.split('-') : [];
  const first = parseIpv4(parts[0]?.trim());
  const last = parts.length === 2 ? parseIpv4(parts[1].trim()) : first;
  if (first === undefined || last === undefined || parts.length > 2) {
    return { problem: 'is not an IPv4 address, range or CIDR: write "192.168.4.10", "192.168.4.10-192.168.4.20" or "192.168.4.16/28"' };
  }
  if (last < first) return { problem: 'ends before it starts: write the lower address first' };
  return { first, last };
}

/** Why `cidr` is not a host address with prefix length ("192.168.4.1/24"), or undefined. */
export function hostCidrProblem(cidr: string): string | undefined {
  const { subnet, address, problem } = Ipv4Subnet.parse(cidr, false);
  if (problem) return 'is not an IPv4 address with prefix length: write it like "192.168.4.1/24"';
  if (address === subnet!.network) return `is the network address of ${subnet}: pick a host address inside it`;
  if (address === subnet!.broadcast) return `is the broadcast address of ${subnet}: pick a host address inside it`;
  return undefined;
}
