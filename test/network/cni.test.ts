import { Chart, Testing } from 'cdk8s';
import { CniPlugin, CniVersion, Ipam, MacvlanMode } from '../../src/network/cni';
import { NetworkAttachmentDefinition, NetworkAttachmentDefinitionProps } from '../../src/network/network-attachment-definition';
import { OpenShiftAdditionalNetworks } from '../../src/network/openshift-additional-networks';
import { StaticIpPool } from '../../src/network/static-ip-pool';
import { findObject, synthValid } from '../helpers';

/** The parsed spec.config of a NAD named "net" in namespace "vms", schema-checked. */
function config(props: NetworkAttachmentDefinitionProps): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
  new NetworkAttachmentDefinition(chart, 'nad', { metadata: { name: 'net' }, ...props });
  return JSON.parse(findObject(synthValid(chart), 'NetworkAttachmentDefinition', 'net').spec.config);
}

describe('CNI plugins', () => {
  test('bridge with every option', () => {
    expect(config({ cni: CniPlugin.bridge({ bridge: 'br1', vlan: 100, mtu: 9000, macspoofchk: true, isGateway: false, ipMasq: false }) })).toEqual({
      cniVersion: '0.3.1', name: 'net', type: 'bridge', bridge: 'br1', vlan: 100, mtu: 9000, macspoofchk: true, isGateway: false, ipMasq: false,
    });
  });

  test('macvlan defaults to bridge mode', () => {
    expect(config({ cni: CniPlugin.macvlan({ master: 'ens4' }) })).toEqual({ cniVersion: '0.3.1', name: 'net', type: 'macvlan', master: 'ens4', mode: 'bridge' });
    expect(config({ cni: CniPlugin.macvlan({ mode: MacvlanMode.PRIVATE, mtu: 1500 }) })).toEqual({ cniVersion: '0.3.1', name: 'net', type: 'macvlan', mode: 'private', mtu: 1500 });
  });

  test('host-device by name, PCI address or MAC', () => {
    expect(config({ cni: CniPlugin.hostDevice({ device: 'ens2f1' }) })).toMatchObject({ type: 'host-device', device: 'ens2f1' });
    expect(config({ cni: CniPlugin.hostDevice({ pciBusID: '0000:3b:00.1' }) })).toMatchObject({ type: 'host-device', pciBusID: '0000:3b:00.1' });
    expect(config({ cni: CniPlugin.hostDevice({ hwaddr: '52:54:00:12:34:56' }) })).toMatchObject({ type: 'host-device', hwaddr: '52:54:00:12:34:56' });
  });

  test('raw escape hatch keeps the plugin fields, and the network sets name, version and ipam', () => {
    expect(config({ cni: CniPlugin.raw({ type: 'ovn-k8s-cni-overlay', topology: 'localnet', netAttachDefName: 'vms/net' }), ipam: Ipam.dhcp(), cniVersion: CniVersion.V1_0_0 })).toEqual({
      cniVersion: '1.0.0', name: 'net', type: 'ovn-k8s-cni-overlay', topology: 'localnet', netAttachDefName: 'vms/net', ipam: { type: 'dhcp' },
    });
  });

  test.each<[string, () => unknown, string]>([
    ['a bridge without a name', () => CniPlugin.bridge({} as never), 'CniPlugin.bridge: bridge undefined is not a Linux interface name: use 1-15 characters without spaces, \'/\' or \':\', e.g. "br1"'],
    ['a bridge name longer than 15', () => CniPlugin.bridge({ bridge: 'bridge-to-the-lab' }), 'CniPlugin.bridge: bridge "bridge-to-the-lab" is not a Linux interface name: use 1-15 characters without spaces, \'/\' or \':\', e.g. "br1"'],
    ['VLAN 0', () => CniPlugin.bridge({ bridge: 'br1', vlan: 0 }), 'CniPlugin.bridge: vlan 0 must be a VLAN ID from 1 to 4094 (leave it out for untagged traffic)'],
    ['VLAN 4095', () => CniPlugin.bridge({ bridge: 'br1', vlan: 4095 }), 'CniPlugin.bridge: vlan 4095 must be a VLAN ID from 1 to 4094 (leave it out for untagged traffic)'],
    ['a tiny MTU', () => CniPlugin.bridge({ bridge: 'br1', mtu: 100 }), 'CniPlugin.bridge: mtu 100 must be a whole number from 576 to 9216 (1500 for standard Ethernet, 9000 for jumbo frames)'],
    ['an unknown macvlan mode', () => CniPlugin.macvlan({ mode: 'l2' as MacvlanMode }), 'CniPlugin.macvlan: mode "l2" is not one of "bridge", "private", "vepa", "passthru"'],
    ['a macvlan master with a slash', () => CniPlugin.macvlan({ master: 'eth0/1' }), 'CniPlugin.macvlan: master "eth0/1" is not a Linux interface name: use 1-15 characters without spaces, \'/\' or \':\', e.g. "br1"'],
    ['host-device with two selectors', () => CniPlugin.hostDevice({ device: 'ens1', pciBusID: '0000:3b:00.1' }), 'CniPlugin.hostDevice: give exactly one of device, pciBusID or hwaddr to pick the host device (got device, pciBusID)'],
    ['host-device with none', () => CniPlugin.hostDevice({}), 'CniPlugin.hostDevice: give exactly one of device, pciBusID or hwaddr to pick the host device (got none)'],
    ['a bad PCI address', () => CniPlugin.hostDevice({ pciBusID: '3b:00.1' }), 'CniPlugin.hostDevice: pciBusID "3b:00.1" is not a PCI address: write it as "0000:3b:00.1" (see lspci -D)'],
    ['a multicast hwaddr', () => CniPlugin.hostDevice({ hwaddr: '01:00:5e:00:00:01' }), 'CniPlugin.hostDevice: hwaddr "01:00:5e:00:00:01" is a multicast address (the lowest bit of the first octet is set): use a unicast one, e.g. starting with "02:"'],
    ['raw without a type', () => CniPlugin.raw({ bridge: 'br1' }), 'CniPlugin.raw: config must be an object with the plugin\'s "type", e.g. { type: "ovs", bridge: "br-ex" }'],
    ['raw with a name', () => CniPlugin.raw({ type: 'ovs', name: 'x' }), 'CniPlugin.raw: leave "name" out of config: the network sets it (name and cniVersion from the network, ipam from its ipam option)'],
    ['a bridge given its name instead of options', () => (CniPlugin.bridge as (o: unknown) => CniPlugin)('br1'), 'CniPlugin.bridge: options "br1" are not an options object: pass the options in braces, e.g. CniPlugin.bridge({ bridge: "br1", vlan: 100 })'],
    ['raw with ipam', () => CniPlugin.raw({ type: 'ovs', ipam: {} }), 'CniPlugin.raw: leave "ipam" out of config: the network sets it (name and cniVersion from the network, ipam from its ipam option)'],
  ])('refuses %s, reported by the network the plugin is given to', (_case, make, message) => {
    expect(make).not.toThrow();
    expect(() => config({ cni: make() as CniPlugin })).toThrow(new Error(`[test/nad] cni: ${message}`));
  });
});

describe('IPAM', () => {
  const bridge = CniPlugin.bridge({ bridge: 'br1' });

  test('static with addresses, gateway, routes and DNS (the classic demo form)', () => {
    expect(config({ cni: bridge, ipam: Ipam.static({ addresses: ['161.156.177.55/28'], gateway: '161.156.177.49', routes: [{ destination: '0.0.0.0/0', gateway: '161.156.177.49' }], dns: { nameservers: ['161.156.177.50'], domain: 'lab.example', search: ['lab.example'] } }) })).toEqual({
      cniVersion: '0.3.1',
      name: 'net',
      type: 'bridge',
      bridge: 'br1',
      ipam: {
        type: 'static',
        addresses: [{ address: '161.156.177.55/28', gateway: '161.156.177.49' }],
        routes: [{ dst: '0.0.0.0/0', gw: '161.156.177.49' }],
        dns: { nameservers: ['161.156.177.50'], domain: 'lab.example', search: ['lab.example'] },
      },
    });
  });

  test('static with a pool address takes the pool gateway', () => {
    const pool = new StaticIpPool(Testing.chart(), 'pool', { cidr: '10.20.0.0/24', gateway: '10.20.0.1' });
    expect(config({ cni: bridge, ipam: Ipam.static({ addresses: [pool.allocate('db')] }) }).ipam).toEqual({ type: 'static', addresses: [{ address: '10.20.0.2/24', gateway: '10.20.0.1' }] });
  });

  test('static without addresses accepts the ips pods ask for', () => {
    const ipam = Ipam.static();
    expect(ipam.acceptsRequestedIps).toBe(true);
    expect(config({ cni: bridge, ipam })).toEqual({ cniVersion: '0.3.1', name: 'net', type: 'bridge', bridge: 'br1', capabilities: { ips: true }, ipam: { type: 'static' } });
  });

  test('whereabouts', () => {
    expect(config({ cni: bridge, ipam: Ipam.whereabouts({ range: '192.168.2.0/24', exclude: ['192.168.2.0/28'], gateway: '192.168.2.1', routes: [{ destination: '10.0.0.0/8' }] }) }).ipam).toEqual({
      type: 'whereabouts', range: '192.168.2.0/24', exclude: ['192.168.2.0/28'], gateway: '192.168.2.1', routes: [{ dst: '10.0.0.0/8' }],
    });
  });

  test('host-local', () => {
    expect(config({ cni: bridge, ipam: Ipam.hostLocal({ subnet: '192.168.10.0/24', rangeStart: '192.168.10.100', rangeEnd: '192.168.10.199', gateway: '192.168.10.1' }) }).ipam).toEqual({
      type: 'host-local', subnet: '192.168.10.0/24', rangeStart: '192.168.10.100', rangeEnd: '192.168.10.199', gateway: '192.168.10.1',
    });
  });

  test('dhcp, and none (no ipam key at all)', () => {
    expect(config({ cni: bridge, ipam: Ipam.dhcp() }).ipam).toEqual({ type: 'dhcp' });
    expect(config({ cni: bridge, ipam: Ipam.none() })).not.toHaveProperty('ipam');
    expect(config({ cni: bridge })).toEqual({ cniVersion: '0.3.1', name: 'net', type: 'bridge', bridge: 'br1' });
  });

  test.each<[string, () => unknown, string]>([
    ['a static address without prefix', () => Ipam.static({ addresses: ['10.0.0.5'] }), 'Ipam.static: addresses[0] "10.0.0.5" is not an IPv4 address with prefix length: write it like "192.168.4.1/24"'],
    ['a static network address', () => Ipam.static({ addresses: ['161.156.177.48/28'] }), 'Ipam.static: addresses[0] "161.156.177.48/28" is the network address of 161.156.177.48/28: pick a host address inside it'],
    ['a bad gateway', () => Ipam.static({ gateway: '10.0.0.256' }), 'Ipam.static: gateway "10.0.0.256" is not an IPv4 address: write it like "192.168.4.254"'],
    ['a bad route', () => Ipam.static({ routes: [{ destination: 'default' }] }), 'Ipam.static: routes[0].destination "default" is not an IPv4 CIDR: write the address and prefix length, e.g. "192.168.4.0/24" (IPv6 is not supported yet)'],
    ['a bad nameserver', () => Ipam.static({ dns: { nameservers: ['dns.local'] } }), 'Ipam.static: dns nameserver "dns.local" is not an IPv4 address: write it like "192.168.4.254"'],
    ['a whereabouts range with host bits', () => Ipam.whereabouts({ range: '192.168.2.7/24' }), 'Ipam.whereabouts: range "192.168.2.7/24" has host bits set: the subnet is "192.168.2.0/24"'],
    ['a bad whereabouts exclude', () => Ipam.whereabouts({ range: '192.168.2.0/24', exclude: ['192.168.2.5'] }), 'Ipam.whereabouts: exclude[0] "192.168.2.5" is not an IPv4 CIDR: write the address and prefix length, e.g. "192.168.4.0/24" (IPv6 is not supported yet)'],
    ['a host-local range outside the subnet', () => Ipam.hostLocal({ subnet: '192.168.10.0/24', rangeEnd: '192.168.11.10' }), 'Ipam.hostLocal: rangeEnd "192.168.11.10" is outside subnet "192.168.10.0/24": pick an address inside it, or widen the subnet'],
    ['static IPAM given a CIDR instead of options', () => (Ipam.static as (o: unknown) => Ipam)('192.168.4.10/24'), 'Ipam.static: options "192.168.4.10/24" are not an options object: pass the options in braces, e.g. Ipam.static({ addresses: ["192.168.4.10/24"], gateway: "192.168.4.1" })'],
    ['static addresses that are not a list', () => Ipam.static({ addresses: '192.168.4.10/24' as never }), 'Ipam.static: addresses "192.168.4.10/24" must be a list, e.g. ["192.168.4.10/24"]'],
    ['routes that are not a list', () => Ipam.whereabouts({ range: '192.168.2.0/24', routes: { destination: '0.0.0.0/0' } as never }), 'Ipam.whereabouts: routes {"destination":"0.0.0.0/0"} must be a list, e.g. [{ destination: "0.0.0.0/0", gateway: "192.168.4.1" }]'],
    ['host-local given a string', () => (Ipam.hostLocal as (o: unknown) => Ipam)('192.168.10.0/24'), 'Ipam.hostLocal: options "192.168.10.0/24" are not an options object: pass the options in braces, e.g. Ipam.hostLocal({ subnet: "192.168.10.0/24" })'],
  ])('refuses %s, reported by the network the IPAM is given to', (_case, make, message) => {
    expect(make).not.toThrow();
    expect(() => config({ cni: bridge, ipam: make() as Ipam })).toThrow(new Error(`[test/nad] ipam: ${message}`));
  });

  test('every problem of one factory call is reported, and input of the wrong type does not crash the factory', () => {
    const ipam = Ipam.static({ addresses: ['10.0.0.5'], gateway: '10.0.0.256' });
    expect(ipam._problems).toEqual([
      'Ipam.static: addresses[0] "10.0.0.5" is not an IPv4 address with prefix length: write it like "192.168.4.1/24"',
      'Ipam.static: gateway "10.0.0.256" is not an IPv4 address: write it like "192.168.4.254"',
    ]);
    const makers = [
      () => Ipam.whereabouts(undefined as never), () => Ipam.hostLocal(null as never),
      () => CniPlugin.bridge(undefined as never), () => CniPlugin.raw(null as never),
    ];
    for (const make of makers) {
      expect(make).not.toThrow();
      expect(make()._problems.length).toBeGreaterThan(0);
    }
  });

  test('an OpenShift additional network reports a bad IPAM with its path and network name', () => {
    const chart = new Chart(Testing.app(), 'test');
    const networks = new OpenShiftAdditionalNetworks(chart, 'networks');
    expect(() => networks.addNetwork({ name: 'net', namespace: 'vms', cni: bridge, ipam: Ipam.whereabouts({ range: '10.0.0.0/33' }) }))
      .toThrow(new Error('[test/networks] network "net": ipam: Ipam.whereabouts: range "10.0.0.0/33" is not an IPv4 CIDR: write the address and prefix length, e.g. "192.168.4.0/24" (IPv6 is not supported yet)'));
  });
});

describe('CNI config rendering', () => {
  test('cniVersion is selectable, unknown versions are refused', () => {
    expect(config({ cni: CniPlugin.bridge({ bridge: 'br1' }), cniVersion: CniVersion.V0_4_0 }).cniVersion).toBe('0.4.0');
    expect(() => config({ cni: CniPlugin.bridge({ bridge: 'br1' }), cniVersion: '0.2.0' as CniVersion })).toThrow(new Error('[test/nad] cniVersion "0.2.0" is not one of "0.3.1", "0.4.0", "1.0.0"'));
  });

  test('refuses a plugin or IPAM that is not ours', () => {
    expect(() => config({ cni: { type: 'bridge' } as unknown as CniPlugin })).toThrow(new Error('[test/nad] cni must be a CniPlugin, e.g. CniPlugin.bridge({ bridge: "br1" })'));
    expect(() => config({ cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: { type: 'dhcp' } as unknown as Ipam })).toThrow(new Error('[test/nad] ipam must be an Ipam, e.g. Ipam.static({ ... }) or Ipam.none()'));
  });
});
