import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { OpenShiftAdditionalNetworks } from '../../src/network/openshift-additional-networks';
import { StaticIpPool } from '../../src/network/static-ip-pool';
import { attachWorkloadToNetwork } from '../../src/network/workload-networks';
import { findObject, synthValid } from '../helpers';

describe('NetworkAttachmentDefinition', () => {
  test('renders compact JSON whose name is the object name, with the resourceName annotation', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    const nad = new NetworkAttachmentDefinition(chart, 'br1', {
      metadata: { name: 'br1-vlan100', labels: { team: 'net' } },
      cni: CniPlugin.bridge({ bridge: 'br1', vlan: 100 }),
      resourceName: 'bridge.network.kubevirt.io/br1',
    });
    expect(nad.namespace).toBe('vms');
    expect(findObject(synthValid(chart), 'NetworkAttachmentDefinition')).toEqual({
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'br1-vlan100', namespace: 'vms', labels: { team: 'net' }, annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/br1' } },
      spec: { config: '{"cniVersion":"0.3.1","name":"br1-vlan100","type":"bridge","bridge":"br1","vlan":100}' },
    });
  });

  test('a generated name is used in the config too', () => {
    const chart = new Chart(Testing.app(), 'test');
    const nad = new NetworkAttachmentDefinition(chart, 'lab', { cni: CniPlugin.macvlan() });
    expect(JSON.parse(nad.config).name).toBe(nad.name);
    expect(JSON.parse(findObject(synthValid(chart), 'NetworkAttachmentDefinition').spec.config).name).toBe(nad.name);
  });

  test('refuses a bad resourceName and a bad name', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new NetworkAttachmentDefinition(chart, 'a', { cni: CniPlugin.macvlan(), resourceName: 'br1' })).toThrow(new Error('[test/a] resourceName "br1" is not a device-plugin resource name: write "<domain>/<name>", e.g. "bridge.network.kubevirt.io/br1"'));
    expect(() => new NetworkAttachmentDefinition(chart, 'b', { metadata: { name: 'Lab_Net' }, cni: CniPlugin.macvlan() })).toThrow(new Error('[test/b] metadata.name "Lab_Net" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "lab-net")'));
  });

  test('two networks with the same fixed address fail the synth', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'net', { namespace: 'vms' });
    new NetworkAttachmentDefinition(chart, 'a', { metadata: { name: 'a' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: ['10.0.0.5/24'] }) });
    new NetworkAttachmentDefinition(chart, 'b', { metadata: { name: 'b' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: ['10.0.0.5/24'] }) });
    expect(() => app.synthYaml()).toThrow(new Error('Validation failed with the following errors:\n  [net/b] static IP 10.0.0.5 of NetworkAttachmentDefinition "vms/b" is already used by NetworkAttachmentDefinition "vms/a": each address can be used once in the app; pick another (or let a StaticIpPool allocate it)'));
  });

  test('refuses a pool address that another network took', () => {
    const chart = new Chart(Testing.app(), 'net');
    const ip = new StaticIpPool(chart, 'pool', { cidr: '10.0.0.0/24' }).allocate('db');
    new NetworkAttachmentDefinition(chart, 'a', { metadata: { name: 'a' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: [ip] }) });
    expect(() => new NetworkAttachmentDefinition(chart, 'b', { metadata: { name: 'b' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: [ip] }) }))
      .toThrow(new Error('[net/b] static IP 10.0.0.1 ("db") is already used by NetworkAttachmentDefinition "a": allocate one address per interface'));
    // The refused network left nothing behind: the app still synthesizes, with the first network only.
    expect(synthValid(chart).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['NetworkAttachmentDefinition/a']);
  });

  test('is a resource of one object: metadata reaches the output', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    const nad = new NetworkAttachmentDefinition(chart, 'nad', { metadata: { name: 'br1' }, cni: CniPlugin.bridge({ bridge: 'br1' }) });
    nad.metadata.addLabel('team', 'net');
    expect([nad.kind, nad.name, nad.resourceType]).toEqual(['NetworkAttachmentDefinition', 'br1', 'network-attachment-definitions']);
    expect(findObject(synthValid(chart), 'NetworkAttachmentDefinition').metadata.labels).toEqual({ team: 'net' });
  });

  test('a bad plugin is reported with the construct path, and a caught error leaves nothing half-built', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    expect(() => new NetworkAttachmentDefinition(chart, 'bad', { metadata: { name: 'bad' }, cni: CniPlugin.bridge({ bridge: 'br1', mtu: NaN }) }))
      .toThrow(new Error('[test/bad] cni: CniPlugin.bridge: mtu NaN must be a whole number from 576 to 9216 (1500 for standard Ethernet, 9000 for jumbo frames)'));
    expect(synthValid(chart)).toEqual([]);
  });
});

describe('OpenShiftAdditionalNetworks', () => {
  test('renders the cluster network operator singleton: Raw entries, server-side apply, never pruned, no namespace', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    const networks = new OpenShiftAdditionalNetworks(chart, 'networks', {
      networks: [{ name: 'static-55', namespace: 'vms', cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: ['161.156.177.55/28'] }) }],
    });
    networks.addNetwork({ name: 'lab', namespace: 'lab', cni: CniPlugin.macvlan({ master: 'ens4' }), ipam: Ipam.dhcp() });
    expect(networks.networkNames).toEqual(['vms/static-55', 'lab/lab']);
    expect(findObject(synthValid(chart), 'Network')).toEqual({
      apiVersion: 'operator.openshift.io/v1',
      kind: 'Network',
      metadata: {
        name: 'cluster',
        annotations: {
          'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false,ServerSideApply=true',
          'kustomize.toolkit.fluxcd.io/prune': 'disabled',
        },
      },
      spec: {
        additionalNetworks: [
          { name: 'static-55', namespace: 'vms', type: 'Raw', rawCNIConfig: '{"cniVersion":"0.3.1","name":"static-55","type":"bridge","bridge":"br1","ipam":{"type":"static","addresses":[{"address":"161.156.177.55/28"}]}}' },
          { name: 'lab', namespace: 'lab', type: 'Raw', rawCNIConfig: '{"cniVersion":"0.3.1","name":"lab","type":"macvlan","master":"ens4","mode":"bridge","ipam":{"type":"dhcp"}}' },
        ],
      },
    });
  });

  test.each<[string, object, string]>([
    ['a bad name', { name: 'Lab', namespace: 'vms' }, 'network name "Lab" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "lab")'],
    ['a bad namespace', { name: 'lab', namespace: 'VMs' }, 'network "lab": namespace "VMs" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "vms")'],
    ['a repeated name', { name: 'first', namespace: 'other' }, 'network name "first" is used twice: the operator keys additionalNetworks by name alone, so each needs its own'],
    ['a bad cni version', { name: 'lab', namespace: 'vms', cniVersion: '9' }, 'network "lab": cniVersion "9" is not one of "0.3.1", "0.4.0", "1.0.0"'],
  ])('refuses %s', (_case, options, message) => {
    const networks = new OpenShiftAdditionalNetworks(Testing.chart(), 'networks', { networks: [{ name: 'first', namespace: 'vms', cni: CniPlugin.macvlan() }] });
    expect(() => networks.addNetwork({ cni: CniPlugin.macvlan(), ...options } as never)).toThrow(new Error(`[test/networks] ${message}`));
  });

  test('is a resource of one object: metadata reaches the output', () => {
    const chart = new Chart(Testing.app(), 'test');
    const networks = new OpenShiftAdditionalNetworks(chart, 'networks');
    networks.metadata.addLabel('team', 'net');
    expect([networks.kind, networks.name, networks.resourceType]).toEqual(['Network', 'cluster', 'networks']);
    expect(findObject(synthValid(chart), 'Network').metadata.labels).toEqual({ team: 'net' });
  });

  test('is a singleton per app', () => {
    const app = Testing.app();
    new OpenShiftAdditionalNetworks(new Chart(app, 'a'), 'networks');
    expect(() => new OpenShiftAdditionalNetworks(new Chart(app, 'b'), 'networks')).toThrow(new Error('[b/networks] the app already declares the cluster\'s additional networks at "a/networks": networks.operator.openshift.io/cluster is a singleton; add networks there with addNetwork(...)'));
  });
});

describe('attachWorkloadToNetwork', () => {
  function setup(): { chart: Chart; podnet: NetworkAttachmentDefinition } {
    const chart = new Chart(new App({ outdir: Testing.app().outdir }), 'apps', { namespace: 'mq' });
    const podnet = new NetworkAttachmentDefinition(chart, 'podnet', { metadata: { name: 'repl-pods' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static() });
    return { chart, podnet };
  }

  test('a Deployment with one replica gets a fixed address through the networks annotation', () => {
    const { chart, podnet } = setup();
    const pool = new StaticIpPool(chart, 'pool', { cidr: '192.168.4.0/24', reserved: ['192.168.4.1-192.168.4.9'] });
    const monitor = new kplus.Deployment(chart, 'monitor', { metadata: { name: 'mq-monitor' }, replicas: 1, containers: [{ image: 'registry.example.com/mq-monitor:1.0' }] });
    attachWorkloadToNetwork(monitor, podnet, { ips: [pool.allocate('mq-monitor')], interfaceName: 'repl', macAddress: '02:00:00:00:01:01' });
    attachWorkloadToNetwork(monitor, NetworkAttachmentDefinition.fromName('lab', 'lab-net'));
    const deployment = findObject(synthValid(chart), 'Deployment', 'mq-monitor');
    expect(JSON.parse(deployment.spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'])).toEqual([
      { name: 'repl-pods', namespace: 'mq', ips: ['192.168.4.10/24'], interface: 'repl', mac: '02:00:00:00:01:01' },
      { name: 'lab', namespace: 'lab-net' },
    ]);
  });

  test('a Pod uses its own metadata', () => {
    const { chart, podnet } = setup();
    const pod = new kplus.Pod(chart, 'probe', { metadata: { name: 'probe' }, containers: [{ image: 'busybox' }] });
    attachWorkloadToNetwork(pod, podnet, { ips: ['192.168.4.20/24'] });
    expect(findObject(synthValid(chart), 'Pod', 'probe').metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/networks': '[{"name":"repl-pods","namespace":"mq","ips":["192.168.4.20/24"]}]' });
  });

  test.each<[string, (chart: Chart, podnet: NetworkAttachmentDefinition) => unknown, string]>([
    ['a fixed address on two replicas', (c, n) => attachWorkloadToNetwork(new kplus.Deployment(c, 'w', { replicas: 2, containers: [{ image: 'x' }] }), n, { ips: ['192.168.4.20/24'] }), 'a fixed address can be used by one pod, but this Deployment runs 2 replicas: set replicas: 1, or leave ips out'],
    ['a fixed address on a default Deployment', (c, n) => attachWorkloadToNetwork(new kplus.Deployment(c, 'w', { containers: [{ image: 'x' }] }), n, { ips: ['192.168.4.20/24'] }), 'a fixed address can be used by one pod, but this Deployment runs more than one pod (or one per node): set replicas: 1, or leave ips out'],
    ['a fixed address on a network that cannot take one', (c) => attachWorkloadToNetwork(new kplus.Pod(c, 'w', { containers: [{ image: 'x' }] }), new NetworkAttachmentDefinition(c, 'dhcp', { metadata: { name: 'dhcp-net' }, cni: CniPlugin.macvlan(), ipam: Ipam.dhcp() }), { ips: ['192.168.4.20/24'] }), 'network "dhcp-net" cannot take requested addresses (its IPAM is dhcp): use a network with Ipam.static() and no addresses'],
    ['a bad address', (c, n) => attachWorkloadToNetwork(new kplus.Pod(c, 'w', { containers: [{ image: 'x' }] }), n, { ips: ['192.168.4.20'] }), 'ips[0] "192.168.4.20" is not an IPv4 address with prefix length: write it like "192.168.4.1/24"'],
    ['a long interface name', (c, n) => attachWorkloadToNetwork(new kplus.Pod(c, 'w', { containers: [{ image: 'x' }] }), n, { interfaceName: 'replication-net0' }), 'interfaceName "replication-net0" is longer than the 15 characters of a Linux interface name'],
    ['a bad MAC', (c, n) => attachWorkloadToNetwork(new kplus.Pod(c, 'w', { containers: [{ image: 'x' }] }), n, { macAddress: 'ff:ff:ff:ff:ff:ff' }), 'macAddress "ff:ff:ff:ff:ff:ff" is a multicast address (the lowest bit of the first octet is set): use a unicast one, e.g. starting with "02:"'],
  ])('refuses %s', (_case, act, message) => {
    const { chart, podnet } = setup();
    expect(() => act(chart, podnet)).toThrow(new Error(`[apps/w] attachWorkloadToNetwork: ${message}`));
  });

  test('refuses what is not a cdk8s-plus pod or not a network', () => {
    const { chart, podnet } = setup();
    expect(() => attachWorkloadToNetwork(chart as never, podnet)).toThrow(new Error('attachWorkloadToNetwork: workload must be a cdk8s-plus Pod, Deployment, StatefulSet, DaemonSet or Job'));
    const pod = new kplus.Pod(chart, 'w', { containers: [{ image: 'x' }] });
    expect(() => attachWorkloadToNetwork(pod, { name: 'lab' } as never)).toThrow(new Error('[apps/w] attachWorkloadToNetwork: network must be a NetworkAttachmentDefinition, an OpenShiftAdditionalNetworks entry, or NetworkAttachmentDefinition.fromName("...")'));
    const daemons = new kplus.DaemonSet(chart, 'd', { containers: [{ image: 'x' }] });
    expect(() => attachWorkloadToNetwork(daemons, podnet, { ips: ['192.168.4.30/24'] })).toThrow(new Error('[apps/d] attachWorkloadToNetwork: a fixed address can be used by one pod, but this DaemonSet runs more than one pod (or one per node): set replicas: 1, or leave ips out'));
  });

  test('the same pod address on two pods fails the synth', () => {
    const { chart, podnet } = setup();
    attachWorkloadToNetwork(new kplus.Pod(chart, 'a', { metadata: { name: 'a' }, containers: [{ image: 'x' }] }), podnet, { ips: ['192.168.4.20/24'] });
    attachWorkloadToNetwork(new kplus.Pod(chart, 'b', { metadata: { name: 'b' }, containers: [{ image: 'x' }] }), podnet, { ips: ['192.168.4.20/24'] });
    expect(() => (chart.node.root as App).synthYaml()).toThrow(new Error('Validation failed with the following errors:\n  [apps/b] static IP 192.168.4.20 of Pod "b" network "repl-pods" is already used by Pod "a" network "repl-pods": each address can be used once in the app; pick another (or let a StaticIpPool allocate it)'));
  });
});
