import { issuesOf, nad } from './rule-fixtures';
import { nadConfig } from '../../../src/validation/rules/nad-config';

const raw = (name: string, config: string): any => ({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name, namespace: 'mq' }, spec: { config } });
const FAILS = '(the plugin fails to set up every pod on this network)';

describe('rule nad-config', () => {
  test('invalid JSON, a JSON array, no type, a list plugin without type', () => {
    expect(issuesOf(nadConfig, [
      raw('a', '{ "cniVersion": "0.3.1", "type": "bridge", }'),
      raw('b', '[]'),
      raw('c', '{ "cniVersion": "0.3.1", "bridge": "br1" }'),
      raw('d', '{ "cniVersion": "0.3.1", "plugins": [{ "type": "bridge" }, { "capabilities": {} }] }'),
    ])).toEqual([
      'error nad-config NetworkAttachmentDefinition a spec.config: NetworkAttachmentDefinition "mq/a": the CNI config is not valid JSON, which the NetworkAttachmentDefinition admission webhook refuses and Multus cannot read: write the CNI config as one JSON object, e.g. \'{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br1"}\'',
      'error nad-config NetworkAttachmentDefinition b spec.config: NetworkAttachmentDefinition "mq/b": the CNI config is [], not a JSON object, which the NetworkAttachmentDefinition admission webhook refuses: write the CNI config as one JSON object, e.g. \'{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br1"}\'',
      'error nad-config NetworkAttachmentDefinition c spec.config: NetworkAttachmentDefinition "mq/c": the CNI config has no "type", which the NetworkAttachmentDefinition admission webhook refuses: name the CNI plugin, e.g. "type": "bridge"',
      'error nad-config NetworkAttachmentDefinition d spec.config: NetworkAttachmentDefinition "mq/d": the CNI config plugins[1] has no "type", which the NetworkAttachmentDefinition admission webhook refuses: name the CNI plugin, e.g. "type": "bridge"',
    ]);
  });

  test('static IPAM: a bad address, a bad gateway, a bad route; a network address is a warning', () => {
    expect(issuesOf(nadConfig, [
      nad('s', 'mq', { type: 'static', addresses: [{ address: '192.168.4.300/24', gateway: '192.168.4.1' }, { address: '10.0.0.5', gateway: 'gw' }], routes: [{ dst: '0.0.0.0', gw: '192.168.4.1' }] }),
      nad('n', 'mq', { type: 'static', addresses: [{ address: '192.168.4.0/24' }] }),
    ])).toEqual([
      `error nad-config NetworkAttachmentDefinition s spec.config: NetworkAttachmentDefinition "mq/s": the CNI config ipam.routes[0].dst "0.0.0.0" is not a CIDR ${FAILS}: write an address and prefix length, e.g. "192.168.4.0/24"`,
      'error nad-config NetworkAttachmentDefinition s spec.config: NetworkAttachmentDefinition "mq/s": the CNI config ipam.addresses[0].address "192.168.4.300/24" is not an address with prefix length (the static plugin fails to set up every pod on this network): write it like "192.168.4.10/24"',
      'error nad-config NetworkAttachmentDefinition s spec.config: NetworkAttachmentDefinition "mq/s": the CNI config ipam.addresses[1].address "10.0.0.5" is not an address with prefix length (the static plugin fails to set up every pod on this network): write it like "192.168.4.10/24"',
      `error nad-config NetworkAttachmentDefinition s spec.config: NetworkAttachmentDefinition "mq/s": the CNI config ipam.addresses[1].gateway "gw" is not an IP address ${FAILS}: write it like "192.168.4.1"`,
      'warning nad-config NetworkAttachmentDefinition n spec.config: NetworkAttachmentDefinition "mq/n": the CNI config ipam.addresses[0].address "192.168.4.0/24" is the network address of 192.168.4.0/24: pick a host address inside it (the plugin assigns it, but no host on the subnet can use it as a peer address)',
    ]);
  });

  test('host-local: host bits, a /31, a range outside the subnet, in a config list', () => {
    const list = (ipam: object) => JSON.stringify({ cniVersion: '0.3.1', name: 'h', plugins: [{ type: 'bridge', bridge: 'br1', ipam }, { type: 'tuning' }] });
    expect(issuesOf(nadConfig, [
      raw('h', list({ type: 'host-local', subnet: '10.1.1.7/24', rangeStart: '10.1.2.1' })),
      raw('r', list({ type: 'host-local', ranges: [[{ subnet: '10.2.0.0/31' }]] })),
    ])).toEqual([
      'error nad-config NetworkAttachmentDefinition h spec.config: NetworkAttachmentDefinition "mq/h": the CNI config plugins[0] ipam.subnet "10.1.1.7/24" has host bits set, which host-local refuses: write the network address, "10.1.1.0/24"',
      'error nad-config NetworkAttachmentDefinition h spec.config: NetworkAttachmentDefinition "mq/h": the CNI config plugins[0] ipam.rangeStart "10.1.2.1" is outside subnet "10.1.1.7/24", which host-local refuses: pick an address inside it, or widen the subnet',
      'error nad-config NetworkAttachmentDefinition r spec.config: NetworkAttachmentDefinition "mq/r": the CNI config plugins[0] ipam.ranges[0][0].subnet "10.2.0.0/31" is too small for host-local to allocate from: use a prefix length of at most 30',
    ]);
  });

  test('stays quiet on the near misses: IPv6, route host bits, whereabouts ranges, empty config, dhcp, a valid list', () => {
    expect(issuesOf(nadConfig, [
      nad('v6', 'mq', { type: 'static', addresses: [{ address: 'fd00:10::5/64', gateway: 'fd00:10::1' }], routes: [{ dst: '::/0' }] }),
      nad('rt', 'mq', { type: 'static', addresses: [{ address: '192.168.4.10/24' }], routes: [{ dst: '10.20.3.4/16', gw: '192.168.4.1' }] }),
      nad('wb', 'mq', { type: 'whereabouts', range: '192.168.2.225/28' }),
      nad('hl', 'mq', { type: 'host-local', subnet: '10.1.1.0/24', rangeStart: '10.1.1.10', rangeEnd: '10.1.1.20', gateway: '10.1.1.1', routes: [{ dst: '0.0.0.0/0' }] }),
      nad('dh', 'mq', { type: 'dhcp' }),
      raw('empty', ''),
      raw('list', JSON.stringify({ cniVersion: '0.4.0', name: 'list', plugins: [{ type: 'bridge' }, { type: 'tuning' }] })),
      { ...raw('other', 'not json'), apiVersion: 'example.com/v1' },
    ])).toEqual([]);
  });
});
