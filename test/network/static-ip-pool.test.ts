import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { formatIpv4, parseIpv4, parseIpv4Range, Ipv4Subnet } from '../../src/common/ipv4';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { StaticIp } from '../../src/network/static-ip';
import { StaticIpPool } from '../../src/network/static-ip-pool';

function pool(props: ConstructorParameters<typeof StaticIpPool>[2]): StaticIpPool {
  return new StaticIpPool(Testing.chart(), 'pool', props);
}

describe('StaticIpPool', () => {
  test('hands out the lowest free host address, skipping the gateway and reserved ranges', () => {
    const replication = pool({ cidr: '192.168.4.0/24', gateway: '192.168.4.1', reserved: ['192.168.4.2-192.168.4.9', '192.168.4.11', '192.168.4.240/28'] });
    const ips = ['a', 'b', 'c'].map((owner) => replication.allocate(owner));
    expect(ips.map(String)).toEqual(['192.168.4.10', '192.168.4.12', '192.168.4.13']);
    expect(ips[0].cidr).toBe('192.168.4.10/24');
    expect(ips[0].prefixLength).toBe(24);
    expect(ips[0].subnet).toBe('192.168.4.0/24');
    expect(ips[0].gateway).toBe('192.168.4.1');
    expect(ips[0].owner).toBe('a');
    expect(replication.addressOf('b')).toBe(ips[1]);
    expect(replication.allocations).toEqual(ips);
  });

  test('takes explicit addresses, and automatic allocation goes around them', () => {
    const replication = pool({ cidr: '192.168.4.0/24' });
    expect(replication.allocate('rdqm-2', '192.168.4.2').address).toBe('192.168.4.2');
    expect(replication.allocate('rdqm-1').address).toBe('192.168.4.1');
    expect(replication.allocate('rdqm-3').address).toBe('192.168.4.3');
  });

  test('skips addresses claimed elsewhere in the app', () => {
    const chart = Testing.chart();
    new NetworkAttachmentDefinition(chart, 'nad', { cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: ['10.0.0.1/24'] }) });
    expect(new StaticIpPool(chart, 'pool', { cidr: '10.0.0.0/24' }).allocate('x').address).toBe('10.0.0.2');
  });

  test('a /30 has two hosts, then it is full', () => {
    const tiny = pool({ cidr: '10.1.1.4/30' });
    expect([tiny.allocate('a').address, tiny.allocate('b').address]).toEqual(['10.1.1.5', '10.1.1.6']);
    expect(() => tiny.allocate('c')).toThrow(new Error('[test/pool] allocate("c"): no free address left in 10.1.1.4/30 (2 allocated, 0 reserved range(s)): use a larger subnet or release reservations'));
  });

  test.each<[string, () => unknown, string]>([
    ['a CIDR with host bits', () => pool({ cidr: '192.168.4.1/24' }), 'cidr "192.168.4.1/24" has host bits set: the subnet is "192.168.4.0/24"'],
    ['an IPv6 CIDR', () => pool({ cidr: 'fd00::/64' }), 'cidr "fd00::/64" is not an IPv4 CIDR: write the address and prefix length, e.g. "192.168.4.0/24" (IPv6 is not supported yet)'],
    ['a /31', () => pool({ cidr: '10.0.0.0/31' }), 'cidr "10.0.0.0/31" has no room for hosts next to its network and broadcast addresses: use a prefix length of 30 or less'],
    ['a gateway outside the subnet', () => pool({ cidr: '192.168.4.0/24', gateway: '192.168.5.1' }), 'gateway "192.168.5.1" is outside the subnet 192.168.4.0/24: use an address from 192.168.4.1 to 192.168.4.254, or correct the cidr'],
    ['the broadcast address as gateway', () => pool({ cidr: '192.168.4.0/24', gateway: '192.168.4.255' }), 'gateway "192.168.4.255" is the broadcast address of 192.168.4.0/24: hosts end at 192.168.4.254'],
    ['a gateway that is not an address', () => pool({ cidr: '192.168.4.0/24', gateway: 'router' }), 'gateway "router" is not an IPv4 address: write it like "192.168.4.254"'],
    ['a reserved range outside the subnet', () => pool({ cidr: '192.168.4.0/24', reserved: ['192.168.4.250-192.168.5.3'] }), 'reserved "192.168.4.250-192.168.5.3" is not inside 192.168.4.0/24: list only addresses of this subnet'],
    ['a reserved CIDR with host bits', () => pool({ cidr: '192.168.4.0/24', reserved: ['192.168.4.241/28'] }), 'reserved "192.168.4.241/28" has host bits set: the subnet is "192.168.4.240/28"'],
    ['a backwards reserved range', () => pool({ cidr: '192.168.4.0/24', reserved: ['192.168.4.20-192.168.4.10'] }), 'reserved "192.168.4.20-192.168.4.10" ends before it starts: write the lower address first'],
    ['a reserved entry that is not an address', () => pool({ cidr: '192.168.4.0/24', reserved: ['dhcp'] }), 'reserved "dhcp" is not an IPv4 address, range or CIDR: write "192.168.4.10", "192.168.4.10-192.168.4.20" or "192.168.4.16/28"'],
  ])('refuses %s', (_case, make, message) => {
    expect(make).toThrow(new Error(`[test/pool] ${message}`));
  });

  const subnet = { cidr: '192.168.4.0/24', gateway: '192.168.4.254', reserved: ['192.168.4.100-192.168.4.199'] };
  test.each<[string, string, string]>([
    ['outside the subnet', '192.168.5.7', '192.168.5.7 is outside the subnet 192.168.4.0/24: use an address from 192.168.4.1 to 192.168.4.254, or correct the cidr'],
    ['the network address', '192.168.4.0', '192.168.4.0 is the network address of 192.168.4.0/24: hosts start at 192.168.4.1'],
    ['the broadcast address', '192.168.4.255', '192.168.4.255 is the broadcast address of 192.168.4.0/24: hosts end at 192.168.4.254'],
    ['the gateway', '192.168.4.254', '192.168.4.254 is the gateway of the pool: pick another address'],
    ['a reserved address', '192.168.4.150', '192.168.4.150 is reserved ("192.168.4.100-192.168.4.199"): pick an address outside the reserved ranges'],
    ['an address with a prefix', '192.168.4.7/24', '"192.168.4.7/24" is not an IPv4 address: write it like "192.168.4.7" (without a prefix length)'],
  ])('allocate refuses %s', (_case, address, message) => {
    expect(() => pool(subnet).allocate('vm', address)).toThrow(new Error(`[test/pool] allocate("vm"): ${message}`));
  });

  test('allocate refuses a taken address and a repeated owner', () => {
    const p = pool(subnet);
    p.allocate('rdqm-1', '192.168.4.1');
    expect(() => p.allocate('rdqm-2', '192.168.4.1')).toThrow(new Error('[test/pool] allocate("rdqm-2"): 192.168.4.1 is already allocated to "rdqm-1": pick another address, or leave it out to get the next free one'));
    expect(() => p.allocate('rdqm-1')).toThrow(new Error('[test/pool] allocate: "rdqm-1" already has 192.168.4.1: use pool.addressOf("rdqm-1"), or a distinct owner per interface'));
    expect(() => p.allocate('')).toThrow(new Error('[test/pool] allocate: owner must be a non-empty name, e.g. the VM\'s name'));
  });

  test('overlapping pools that hand out the same address fail the synth, naming both', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'net');
    new StaticIpPool(chart, 'a', { cidr: '10.0.0.0/24' }).allocate('one', '10.0.0.9');
    new StaticIpPool(chart, 'b', { cidr: '10.0.0.0/16' }).allocate('two', '10.0.0.9');
    expect(() => app.synthYaml()).toThrow(new Error('Validation failed with the following errors:\n  [net/b] static IP 10.0.0.9 of StaticIpPool "net/b" (owner "two") is already used by StaticIpPool "net/a" (owner "one"): each address can be used once in the app; pick another (or let a StaticIpPool allocate it)'));
  });

  test('StaticIp.of: standalone addresses', () => {
    expect(StaticIp.of('10.9.8.7/16').cidr).toBe('10.9.8.7/16');
    expect(StaticIp.of('10.9.8.7/16').subnet).toBe('10.9.0.0/16');
    expect(() => StaticIp.of('10.9.0.0/16')).toThrow(new Error('StaticIp.of: "10.9.0.0/16" is the network address of 10.9.0.0/16: pick a host address inside it'));
    expect(() => StaticIp.of('10.9.255.255/16')).toThrow(new Error('StaticIp.of: "10.9.255.255/16" is the broadcast address of 10.9.0.0/16: pick a host address inside it'));
  });
});

describe('StaticIpPool (properties)', () => {
  // A subnet, a gateway inside it, some reserved ranges, and a mix of explicit and automatic requests.
  const scenario = fc.integer({ min: 24, max: 30 }).chain((prefix) => {
    const size = 2 ** (32 - prefix);
    return fc.record({
      prefix: fc.constant(prefix),
      base: fc.integer({ min: 1, max: 223 }).map((octet) => octet * 2 ** 24),
      gatewayOffset: fc.option(fc.integer({ min: 1, max: size - 2 }), { nil: undefined }),
      reserved: fc.array(fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: 8 })), { maxLength: 3 }),
      requests: fc.array(fc.option(fc.integer({ min: 0, max: size - 1 }), { nil: undefined }), { maxLength: Math.min(size, 80) }),
    });
  });

  test('never hands out a duplicate, an address outside the subnet, the network, broadcast, gateway or a reserved address', () => {
    fc.assert(fc.property(scenario, ({ prefix, base, gatewayOffset, reserved, requests }) => {
      const subnet = Ipv4Subnet.parse(`${formatIpv4(base)}/${prefix}`).subnet!;
      const gateway = gatewayOffset === undefined ? undefined : subnet.network + gatewayOffset;
      const reservedRanges = reserved.map(([start, length]) => {
        const first = subnet.network + start;
        const last = Math.min(first + length, subnet.broadcast);
        return `${formatIpv4(first)}-${formatIpv4(last)}`;
      });
      const p = new StaticIpPool(Testing.chart(), 'pool', { cidr: subnet.toString(), gateway: gateway === undefined ? undefined : formatIpv4(gateway), reserved: reservedRanges });
      const handedOut: number[] = [];
      requests.forEach((request, i) => {
        try {
          const ip = p.allocate(`owner-${i}`, request === undefined ? undefined : formatIpv4(subnet.network + request));
          handedOut.push(parseIpv4(ip.address)!);
        } catch (e) {
          // Refusals are fine (taken, reserved, full); handing out a bad address is not.
          expect(String(e)).toMatch(/^Error: \[test\/pool\] allocate\("owner-\d+"\): /);
        }
      });
      expect(new Set(handedOut).size).toBe(handedOut.length);
      for (const value of handedOut) {
        expect(subnet.contains(value)).toBe(true);
        expect(value).not.toBe(subnet.network);
        expect(value).not.toBe(subnet.broadcast);
        expect(value).not.toBe(gateway);
        for (const range of reservedRanges) {
          const { first, last } = parseIpv4Range(range);
          expect(value >= first! && value <= last!).toBe(false);
        }
      }
    }), { numRuns: 300 });
  });

  test('automatic allocation fills every usable address before it reports the pool full', () => {
    fc.assert(fc.property(fc.integer({ min: 26, max: 30 }), (prefix) => {
      const p = new StaticIpPool(Testing.chart(), 'pool', { cidr: `10.0.0.0/${prefix}` });
      const usable = 2 ** (32 - prefix) - 2;
      for (let i = 0; i < usable; i++) p.allocate(`vm-${i}`);
      expect(p.allocations.map(String)).toEqual(Array.from({ length: usable }, (_, i) => `10.0.0.${i + 1}`));
      expect(() => p.allocate('one-more')).toThrow(/no free address left/);
    }));
  });

  test('IPv4 text round-trips', () => {
    fc.assert(fc.property(fc.ipV4(), (text) => {
      const value = parseIpv4(text);
      if (/(^|\.)0\d/.test(text)) expect(value).toBeUndefined();
      else expect(formatIpv4(value!)).toBe(text);
    }));
  });
});

test('a VM in the app cannot use an address a pool handed to another owner', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const chart = new Chart(app, 'mq');
  const pool2 = new StaticIpPool(chart, 'pool', { cidr: '192.168.4.0/24' });
  pool2.allocate('rdqm-1');
  const nad = new NetworkAttachmentDefinition(chart, 'repl', { metadata: { name: 'repl' }, cni: CniPlugin.bridge({ bridge: 'br1' }) });
  const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'intruder' }, memory: '1Gi', cloudInit: { userData: {} } });
  vm.attachNetwork(nad, { ip: '192.168.4.1/24' });
  expect(() => app.synthYaml()).toThrow(new Error('Validation failed with the following errors:\n  [mq/vm] static IP 192.168.4.1 of VirtualMachine "intruder" interface "repl" is already used by StaticIpPool "mq/pool" (owner "rdqm-1"): each address can be used once in the app; pick another (or let a StaticIpPool allocate it)'));
});

test('a refused pool leaves its id free, and null props get a message', () => {
  const chart = new Chart(Testing.app(), 'test');
  expect(() => new StaticIpPool(chart, 'pool', { cidr: '192.168.4.0/24', gateway: '10.0.0.1' })).toThrow('[test/pool] gateway "10.0.0.1" is outside the subnet 192.168.4.0/24');
  // Before: "There is already a Construct with name 'pool' in Chart [test]".
  expect(new StaticIpPool(chart, 'pool', { cidr: '192.168.4.0/24', gateway: '192.168.4.1' }).allocate('web').address).toBe('192.168.4.2');
  expect(() => new StaticIpPool(chart, 'other', null as never)).toThrow(new Error('[test/other] props null must be an object of StaticIpPoolProps, e.g. { cidr: "192.168.4.0/24" }'));
});
