import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { CloudInitDatasource } from '../../src/compute/cloud-init';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { OpenShiftAdditionalNetworks } from '../../src/network/openshift-additional-networks';
import { PodNetworkBinding, PortProtocol } from '../../src/network/pod-network';
import { SecondaryNetworkBinding } from '../../src/network/secondary-network';
import { StaticIpPool } from '../../src/network/static-ip-pool';
import { findObject, secretData, synthValid } from '../helpers';

function newChart(namespace = 'mq'): Chart {
  return new Chart(new App({ outdir: Testing.app().outdir }), 'test', { namespace });
}

function vm(chart: Chart, props: Partial<VirtualMachineProps> = {}, name = 'rdqm-1'): VirtualMachine {
  return new VirtualMachine(chart, name, { metadata: { name }, memory: '2Gi', ...props });
}

function nad(chart: Chart, name: string, ipam?: Ipam, namespace?: string): NetworkAttachmentDefinition {
  return new NetworkAttachmentDefinition(chart, name, { metadata: { name, namespace }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam });
}

function templateSpec(objects: any[], name = 'rdqm-1'): any {
  return findObject(objects, 'VirtualMachine', name).spec.template.spec;
}

function validationErrors(chart: Chart): string {
  try {
    (chart.node.root as App).synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('vm.attachNetwork', () => {
  test('bridge binding on a NAD in the same namespace, after the masquerade pod interface', () => {
    const chart = newChart();
    const machine = vm(chart);
    const attachment = machine.attachNetwork(nad(chart, 'lab'), { macAddress: '02:00:00:00:00:aa' });
    expect(attachment).toMatchObject({ interfaceName: 'lab', binding: 'bridge', macAddress: '02:00:00:00:00:aa', addresses: [] });
    const spec = templateSpec(synthValid(chart));
    expect(spec.domain.devices.interfaces).toEqual([
      { name: 'default', masquerade: {} },
      { name: 'lab', bridge: {}, macAddress: '02:00:00:00:00:aa' },
    ]);
    expect(spec.networks).toEqual([{ name: 'default', pod: {} }, { name: 'lab', multus: { networkName: 'lab' } }]);
    expect(machine.networkAttachments).toEqual([attachment]);
  });

  test('SR-IOV binding on a network of another namespace, named ns/name', () => {
    const chart = newChart();
    vm(chart).attachNetwork(NetworkAttachmentDefinition.fromName('sriov-data', 'openshift-sriov-network-operator'), { binding: SecondaryNetworkBinding.SRIOV, interfaceName: 'data' });
    const spec = templateSpec(synthValid(chart));
    expect(spec.domain.devices.interfaces[1]).toEqual({ name: 'data', sriov: {} });
    expect(spec.networks[1]).toEqual({ name: 'data', multus: { networkName: 'openshift-sriov-network-operator/sriov-data' } });
  });

  test('a NAD with a static IPAM address: the guest gets it through KubeVirt\'s DHCP (bridge binding)', () => {
    const chart = newChart();
    const attachment = vm(chart).attachNetwork(nad(chart, 'static-55', Ipam.static({ addresses: ['161.156.177.55/28'] })));
    expect(attachment.addresses).toEqual(['161.156.177.55/28']);
    expect(templateSpec(synthValid(chart)).domain.devices.interfaces[1]).toEqual({ name: 'static-55', bridge: {} });
  });

  test('a fixed ip goes to the guest as cloud-init network data matched by stable MAC addresses', () => {
    const chart = newChart();
    const pool = new StaticIpPool(chart, 'replication', { cidr: '192.168.4.0/24' });
    const machine = vm(chart, { cloudInit: { userData: { hostname: 'rdqm-1' } } });
    const repl = nad(chart, 'repl', Ipam.none());
    const lab = nad(chart, 'lab', Ipam.whereabouts({ range: '10.10.0.0/24' }));
    const l2 = nad(chart, 'l2');
    const attachment = machine.attachNetwork(repl, { ip: pool.allocate('rdqm-1') });
    machine.attachNetwork(lab);
    machine.attachNetwork(l2, { macAddress: '02:aa:bb:cc:dd:ee' });
    expect(attachment.addresses).toEqual(['192.168.4.1/24']);
    expect(attachment.ip!.usedBy).toBe('VirtualMachine "mq/rdqm-1" interface "repl"');

    const objects = synthValid(chart);
    const spec = templateSpec(objects);
    const macs = Object.fromEntries(spec.domain.devices.interfaces.map((i: any) => [i.name, i.macAddress]));
    expect(macs).toEqual({ default: expect.stringMatching(/^02(:[0-9a-f]{2}){5}$/), repl: expect.stringMatching(/^02:/), lab: expect.stringMatching(/^02:/), l2: '02:aa:bb:cc:dd:ee' });
    expect(new Set(Object.values(macs)).size).toBe(4);
    expect(spec.volumes[0]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'rdqm-1-cloud-init' }, networkDataSecretRef: { name: 'rdqm-1-cloud-init' } } });
    // JSON (which cloud-init reads as YAML): MACs stay strings even for YAML 1.1 parsers, which
    // would read an all-digit MAC such as 02:00:00:00:00:01 as a base-60 number.
    expect(JSON.parse(secretData(findObject(objects, 'Secret', 'rdqm-1-cloud-init')).networkdata)).toEqual({
      version: 2,
      ethernets: {
        default: { match: { macaddress: macs.default }, dhcp4: true },
        repl: { match: { macaddress: macs.repl }, dhcp4: false, addresses: ['192.168.4.1/24'] },
        lab: { match: { macaddress: macs.lab }, dhcp4: true },
      },
    });
    // The same names give the same MACs on every synth.
    const again = newChart();
    const twin = vm(again, { cloudInit: { userData: { hostname: 'rdqm-1' } } });
    twin.attachNetwork(nad(again, 'repl', Ipam.none()), { ip: '192.168.4.1/24' });
    expect(templateSpec(synthValid(again)).domain.devices.interfaces[0].macAddress).toBe(macs.default);
  });

  test('cloud-init may come after attachNetwork, and from an existing user-data Secret', () => {
    const chart = newChart();
    const machine = vm(chart);
    machine.attachNetwork(nad(chart, 'repl'), { ip: '192.168.4.7/24' });
    machine.addCloudInit({ userDataSecret: 'rdqm-1-userdata' });
    const objects = synthValid(chart);
    expect(templateSpec(objects).volumes[0].cloudInitNoCloud).toEqual({ secretRef: { name: 'rdqm-1-userdata' }, networkDataSecretRef: { name: 'rdqm-1-cloud-init' } });
    expect(Object.keys(secretData(findObject(objects, 'Secret', 'rdqm-1-cloud-init')))).toEqual(['networkdata']);
  });

  test.each<[string, (chart: Chart, machine: VirtualMachine) => unknown, string]>([
    ['a network that is not one', (_c, m) => m.attachNetwork({ name: 'x' } as never), 'network must be a NetworkAttachmentDefinition, an OpenShiftAdditionalNetworks entry, or NetworkAttachmentDefinition.fromName("...")'],
    ['an interface name clash with the pod interface', (c, m) => m.attachNetwork(nad(c, 'lab'), { interfaceName: 'default' }), 'interface name "default" is already used by another interface of this VM: pass a distinct interfaceName'],
    ['the same network twice without a new name', (c, m) => {
      const lab = nad(c, 'lab');
      m.attachNetwork(lab);
      m.attachNetwork(lab);
    }, 'interface name "lab" is already used by another interface of this VM: pass a distinct interfaceName'],
    ['a network name that is no interface name', (_c, m) => m.attachNetwork(NetworkAttachmentDefinition.fromName('lab.net')), 'interface name "lab.net" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "lab-net") (it defaults to the network name: pass interfaceName)'],
    ['an unknown binding', (c, m) => m.attachNetwork(nad(c, 'lab'), { binding: 'macvtap' as SecondaryNetworkBinding }), 'binding "macvtap" is not one of "bridge", "sriov"'],
    ['a bad MAC', (c, m) => m.attachNetwork(nad(c, 'lab'), { macAddress: '02-00-00-00-00-01' }), 'macAddress "02-00-00-00-00-01" is not a MAC address: write six hex pairs separated by colons, e.g. "02:00:00:00:00:01"'],
    ['an ip on a network with its own IPAM', (c, m) => m.attachNetwork(nad(c, 'lab', Ipam.dhcp()), { ip: '10.0.0.5/24' }), 'ip "10.0.0.5/24" is configured in the guest, but network "lab" assigns addresses itself (dhcp IPAM): use a network with Ipam.none(), or leave ip out'],
    ['an ip without prefix', (c, m) => m.attachNetwork(nad(c, 'lab'), { ip: '10.0.0.5' }), 'ip "10.0.0.5" is not an IPv4 address with prefix length: write it like "192.168.4.1/24"'],
    ['a broadcast ip', (c, m) => m.attachNetwork(nad(c, 'lab'), { ip: '10.0.0.255/24' }), 'ip "10.0.0.255/24" is the broadcast address of 10.0.0.0/24: pick a host address inside it'],
    ['SR-IOV on a network with a static address', (c, m) => m.attachNetwork(nad(c, 'lab', Ipam.static({ addresses: ['10.0.0.5/24'] })), { binding: SecondaryNetworkBinding.SRIOV }), 'network "lab" has the static address 10.0.0.5/24, but KubeVirt hands addresses to the guest only with bridge binding: use Ipam.none() on the network and give ip here (configured through cloud-init)'],
    ['a pool address used by a second interface', (c, m) => {
      const ip = new StaticIpPool(c, 'pool', { cidr: '10.0.0.0/24' }).allocate('rdqm-1');
      m.attachNetwork(nad(c, 'a'), { ip });
      m.attachNetwork(nad(c, 'b'), { ip });
    }, 'static IP 10.0.0.1 ("rdqm-1") is already used by VirtualMachine "mq/rdqm-1" interface "a": allocate one address per interface'],
    ['a fixed-address network used by two VMs', (c, m) => {
      const net = nad(c, 'static-55', Ipam.static({ addresses: ['161.156.177.55/28'] }));
      vm(c, {}, 'other').attachNetwork(net);
      m.attachNetwork(net);
    }, 'NetworkAttachmentDefinition "mq/static-55" has the fixed address 161.156.177.55/28, which it gives to every attachment, and VirtualMachine "mq/other" interface "static-55" already uses it: declare one network per VM (or use Ipam.none() with attachNetwork(..., { ip }))'],
  ])('refuses %s', (_case, act, message) => {
    const chart = newChart();
    const machine = vm(chart);
    expect(() => act(chart, machine)).toThrow(new Error(`[test/rdqm-1] attachNetwork: ${message}`));
  });

  test.each<[string, Partial<VirtualMachineProps>, string]>([
    ['no cloud-init', {}, 'interface "repl" (192.168.4.1/24) has a fixed ip, which is configured in the guest through cloud-init network data, but the VM has no cloud-init: add vm.addCloudInit({ ... }) (user data may be empty of everything but ssh keys)'],
    ['ConfigDrive', { cloudInit: { datasource: CloudInitDatasource.CONFIG_DRIVE, userData: {} } }, 'interface "repl" (192.168.4.1/24) has a fixed ip, configured through generated cloud-init network data, which is written for the NoCloud datasource, but the VM uses ConfigDrive: use CloudInitDatasource.NO_CLOUD, or configure the address yourself and drop ip'],
    ['network data of its own', { cloudInit: { userData: {}, networkData: { version: 2 } } }, 'interface "repl" (192.168.4.1/24) has a fixed ip, configured through generated cloud-init network data, but cloud-init already has networkData: put the address into your network data and drop ip, or drop your network data'],
    ['a network data Secret', { cloudInit: { userData: {}, networkDataSecret: 'net' } }, 'interface "repl" (192.168.4.1/24) has a fixed ip, configured through generated cloud-init network data, but cloud-init already has networkDataSecret: put the address into your network data and drop ip, or drop your network data'],
  ])('a fixed ip with %s fails the synth', (_case, props, message) => {
    const chart = newChart();
    vm(chart, props).attachNetwork(nad(chart, 'repl'), { ip: '192.168.4.1/24' });
    expect(validationErrors(chart)).toBe(`Validation failed with the following errors:\n  [test/rdqm-1] ${message}`);
  });

  test('the same address on two VMs fails the synth, and so does a MAC address used twice', () => {
    const chart = newChart();
    const repl = nad(chart, 'repl');
    vm(chart, { cloudInit: { userData: {} } }, 'rdqm-1').attachNetwork(repl, { ip: '192.168.4.1/24', macAddress: '02:00:00:00:00:01' });
    vm(chart, { cloudInit: { userData: {} } }, 'rdqm-2').attachNetwork(repl, { ip: '192.168.4.1/24', macAddress: '02:00:00:00:00:01' });
    expect(validationErrors(chart)).toBe([
      'Validation failed with the following errors:',
      '  [test/rdqm-2] static IP 192.168.4.1 of VirtualMachine "mq/rdqm-2" interface "repl" is already used by VirtualMachine "mq/rdqm-1" interface "repl": each address can be used once in the app; pick another (or let a StaticIpPool allocate it)',
      '  [test/rdqm-2] MAC address 02:00:00:00:00:01 of VirtualMachine "mq/rdqm-2" interface "repl" is already used by VirtualMachine "mq/rdqm-1" interface "repl": each address can be used once in the app; pick another (or let a StaticIpPool allocate it)',
    ].join('\n'));
  });

  test('an OpenShift additional network in the VM\'s namespace is referenced by name', () => {
    const chart = newChart();
    const networks = new OpenShiftAdditionalNetworks(chart, 'networks');
    const net = networks.addNetwork({ name: 'repl', namespace: 'mq', cni: CniPlugin.bridge({ bridge: 'br1' }) });
    vm(chart).attachNetwork(net);
    expect(templateSpec(synthValid(chart)).networks[1]).toEqual({ name: 'repl', multus: { networkName: 'repl' } });
  });
});

describe('pod network', () => {
  test('declared ports on the masquerade interface', () => {
    const chart = newChart();
    vm(chart, { podNetwork: { ports: [{ port: 1414, name: 'mq' }, { port: 9443, name: 'console' }, { port: 161, protocol: PortProtocol.UDP }] } });
    expect(templateSpec(synthValid(chart)).domain.devices.interfaces).toEqual([{
      name: 'default',
      masquerade: {},
      ports: [{ name: 'mq', port: 1414 }, { name: 'console', port: 9443 }, { port: 161, protocol: 'UDP' }],
    }]);
  });

  test.each<[string, object, string]>([
    ['the migration port 49152', { ports: [{ port: 49152 }] }, 'ports[0].port 49152 is reserved by KubeVirt for live migration (49152 and 49153): serve on another port'],
    ['the migration port 49153', { ports: [{ port: 22 }, { port: 49153 }] }, 'ports[1].port 49153 is reserved by KubeVirt for live migration (49152 and 49153): serve on another port'],
    ['port 0', { ports: [{ port: 0 }] }, 'ports[0].port 0 must be a whole number from 1 to 65535'],
    ['an unknown protocol', { ports: [{ port: 22, protocol: 'SCTP' }] }, 'ports[0].protocol "SCTP" is not one of "TCP", "UDP"'],
    ['a long port name', { ports: [{ port: 22, name: 'secure-shell-login' }] }, 'ports[0].name "secure-shell-login" is not a port name: use at most 15 lowercase letters, digits and \'-\' (e.g. "https")'],
    ['a repeated port', { ports: [{ port: 22 }, { port: 22, protocol: PortProtocol.TCP }] }, 'ports[1] 22/TCP is declared twice: declare each port and protocol once'],
    ['a repeated port name', { ports: [{ port: 22, name: 'ssh' }, { port: 2222, name: 'ssh' }] }, 'ports[1].name "ssh" is used twice: port names must be unique'],
    ['ports with bridge binding', { binding: PodNetworkBinding.BRIDGE, ports: [{ port: 22 }] }, 'ports are forwarded only with masquerade or passt binding: drop them (bridge binding exposes every port of the guest) or use PodNetworkBinding.MASQUERADE or PASST'],
  ])('refuses %s', (_case, podNetwork, message) => {
    expect(() => vm(newChart(), { podNetwork })).toThrow(new Error(`[test/rdqm-1] podNetwork.${message}`));
  });
});

describe('vm.exposeViaService', () => {
  test('a Service selecting the virt-launcher pod by the VM name label', () => {
    const chart = newChart();
    const machine = vm(chart, { podNetwork: { ports: [{ port: 1414, name: 'mq' }, { port: 22 }] } });
    machine.exposeViaService({ ports: [{ port: 1414, targetPort: 'mq', name: 'mq' }, { port: 2222, targetPort: 22, name: 'ssh', nodePort: 30222 }], type: kplus.ServiceType.NODE_PORT });
    machine.exposeViaService({ name: 'rdqm-1-lb', ports: [{ port: 1414 }], type: kplus.ServiceType.LOAD_BALANCER });
    const objects = synthValid(chart);
    expect(findObject(objects, 'Service', 'rdqm-1')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'rdqm-1', namespace: 'mq' },
      spec: {
        type: 'NodePort',
        selector: { 'vm.kubevirt.io/name': 'rdqm-1' },
        ports: [
          { name: 'mq', port: 1414, targetPort: 'mq', protocol: 'TCP' },
          { name: 'ssh', port: 2222, targetPort: 22, protocol: 'TCP', nodePort: 30222 },
        ],
      },
    });
    expect(findObject(objects, 'Service', 'rdqm-1-lb').spec).toEqual({ type: 'LoadBalancer', selector: { 'vm.kubevirt.io/name': 'rdqm-1' }, ports: [{ port: 1414, protocol: 'TCP' }] });
    expect(findObject(objects, 'VirtualMachine', 'rdqm-1').spec.template.metadata).toEqual({ labels: { 'vm.kubevirt.io/name': 'rdqm-1' } });
  });

  test.each<[string, Partial<VirtualMachineProps>, object, string]>([
    ['an ExternalName Service', {}, { ports: [{ port: 22 }], type: kplus.ServiceType.EXTERNAL_NAME }, 'type "ExternalName" cannot select pods: use ClusterIP, NodePort or LoadBalancer'],
    ['no ports', {}, { ports: [] }, 'ports is empty: list the ports to expose, e.g. [{ port: 22 }]'],
    ['unnamed ports', {}, { ports: [{ port: 22 }, { port: 80 }] }, 'ports[0] needs a name: a Service with several ports must name each one'],
    ['a port that is not forwarded', { podNetwork: { ports: [{ port: 1414 }] } }, { ports: [{ port: 22 }] }, 'ports[0]: targetPort 22 is not in podNetwork.ports (1414), and masquerade forwards only declared ports: add it there'],
    ['a named target port that is not declared', {}, { ports: [{ port: 443, targetPort: 'https' }] }, 'ports[0]: targetPort "https" names no port of podNetwork.ports: declare { name: "https", port: ... } there, or give the number'],
    ['a VM off the pod network', { podNetwork: { enabled: false } }, { ports: [{ port: 22 }] }, 'ports[0]: the VM is not on the pod network (podNetwork.enabled is false), so a Service cannot reach it'],
    ['a node port on ClusterIP', {}, { ports: [{ port: 22, nodePort: 30022 }] }, 'ports[0].nodePort needs type NodePort or LoadBalancer'],
    ['a node port out of range', {}, { ports: [{ port: 22, nodePort: 70000 }], type: kplus.ServiceType.NODE_PORT }, 'ports[0].nodePort 70000 must be a whole number from 1 to 65535 (usually 30000-32767)'],
    ['port 0', {}, { ports: [{ port: 0 }] }, 'ports[0].port 0 must be a whole number from 1 to 65535'],
    ['an unknown protocol', {}, { ports: [{ port: 22, protocol: 'ICMP' }] }, 'ports[0].protocol "ICMP" is not one of "TCP", "UDP"'],
    ['a bad name', {}, { name: 'RDQM', ports: [{ port: 22 }] }, 'name "RDQM" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "rdqm")'],
  ])('refuses %s', (_case, props, options, message) => {
    const machine = vm(newChart(), props);
    expect(() => machine.exposeViaService(options as never)).toThrow(new Error(`[test/rdqm-1] exposeViaService: ${message}`));
  });

  test('a second Service needs its own name', () => {
    const machine = vm(newChart());
    machine.exposeViaService({ ports: [{ port: 22 }] });
    expect(() => machine.exposeViaService({ ports: [{ port: 80 }] })).toThrow(new Error('[test/rdqm-1] exposeViaService: the VM has a Service already ("rdqm-1"): give this one a name'));
    expect(() => machine.exposeViaService({ name: 'rdqm-1', ports: [{ port: 80 }] })).toThrow(new Error('[test/rdqm-1] exposeViaService: name "rdqm-1" is taken by another Service of this VM: pass another name'));
  });
});
