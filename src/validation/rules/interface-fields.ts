import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

const NAME = /^[A-Za-z0-9_-]+$/;
const MODELS = ['e1000', 'e1000e', 'igb', 'ne2k_pci', 'pcnet', 'rtl8139', 'virtio'];
// The six-byte forms Go's net.ParseMAC reads (one separator throughout); longer forms are "too long".
const MAC = /^(?:[\da-fA-F]{2}:){5}[\da-fA-F]{2}$|^(?:[\da-fA-F]{2}-){5}[\da-fA-F]{2}$|^[\da-fA-F]{4}\.[\da-fA-F]{4}\.[\da-fA-F]{4}$/;
// domain:bus:slot.function in hex, as KubeVirt parses it.
const PCI_ADDRESS = /^[\da-fA-F]{4}:[\da-fA-F]{2}:[\da-fA-F]{2}\.[0-7]$/;
const PROTOCOLS = ['TCP', 'UDP'];

interface Problem {
  readonly field: string;
  readonly problem: string;
}

/** Why a port name is not an IANA service name (as Kubernetes' IsValidPortName checks), or undefined. */
function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may contain only lowercase letters, digits and \'-\'';
  if (!/[a-z]/.test(name)) return 'must contain a letter';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) return 'may not start or end with \'-\' nor contain \'--\'';
  return undefined;
}

function deviceProblems(iface: KubeObject, problems: Problem[]): void {
  if (typeof iface.name === 'string' && !NAME.test(iface.name)) {
    problems.push({ field: 'name', problem: 'has a name KubeVirt refuses (only letters, digits, \'-\' and \'_\'): rename it, and its network, e.g. "nic-1"' });
  }
  if (typeof iface.model === 'string' && iface.model !== '' && !MODELS.includes(iface.model)) {
    problems.push({ field: 'model', problem: `has model ${show(iface.model)}, which KubeVirt does not support (it knows ${MODELS.map((m) => show(m)).join(', ')}): use one of those, or leave model out for virtio` });
  }
  if (typeof iface.macAddress === 'string' && iface.macAddress !== '' && !MAC.test(iface.macAddress)) {
    problems.push({ field: 'macAddress', problem: `has MAC address ${show(iface.macAddress)}, which KubeVirt cannot parse as six bytes: write it as e.g. "02:00:5e:00:53:01"` });
  }
  if (typeof iface.pciAddress === 'string' && iface.pciAddress !== '' && !PCI_ADDRESS.test(iface.pciAddress)) {
    problems.push({ field: 'pciAddress', problem: `has PCI address ${show(iface.pciAddress)}, which KubeVirt cannot parse: write it as domain:bus:slot.function in hex, e.g. "0000:00:0a.0"` });
  }
}

/** Whether a port before `position` has this name (a VM forwards a few ports: a scan, not a Set). */
function namedBefore(ports: KubeObject[], position: number, name: string): boolean {
  for (let i = 0; i < position; i++) if (ports[i].name === name) return true;
  return false;
}

function portProblems(ports: KubeObject[], problems: Problem[]): void {
  ports.forEach((port, position) => {
    if (typeof port.name === 'string' && port.name !== '') {
      if (namedBefore(ports, position, port.name)) problems.push({ field: `ports[${position}].name`, problem: `names two ports ${show(port.name)}, and KubeVirt needs port names unique: rename one` });
      const nameProblem = portNameProblem(port.name);
      if (nameProblem) problems.push({ field: `ports[${position}].name`, problem: `has port name ${show(port.name)}, which KubeVirt refuses (a port name ${nameProblem}): write e.g. "http", or leave name out` });
    }
    if (typeof port.port === 'number' && (port.port <= 0 || port.port >= 65536)) {
      problems.push({ field: `ports[${position}].port`, problem: `forwards port ${show(port.port)}, and KubeVirt needs a port number from 1 to 65535: set one` });
    }
    if (typeof port.protocol === 'string' && port.protocol !== '' && !PROTOCOLS.includes(port.protocol)) {
      problems.push({ field: `ports[${position}].protocol`, problem: `forwards a port with protocol ${show(port.protocol)}, and KubeVirt allows only "TCP" or "UDP": use one of those, or leave protocol out for TCP` });
    }
  });
}

function dhcpProblems(dhcp: KubeObject): Problem[] {
  const problems: Problem[] = [];
  const options: KubeObject[] = listOf(dhcp.privateOptions);
  const numbers = options.map((o) => o?.option);
  numbers.forEach((option, position) => {
    const field = `dhcpOptions.privateOptions[${position}].option`;
    if (typeof option === 'number' && (option < 224 || option > 254)) {
      problems.push({ field, problem: `has DHCP private option ${option}, and KubeVirt allows only the private range 224 to 254: use a number in it` });
    } else if (typeof option === 'number' && numbers.indexOf(option) < position) {
      problems.push({ field, problem: `sets DHCP private option ${show(option)} twice, which KubeVirt refuses: keep one` });
    }
  });
  const servers: unknown[] = listOf(dhcp.ntpServers);
  servers.forEach((server, position) => {
    if (typeof server === 'string' && !isIPv4(server)) {
      problems.push({ field: `dhcpOptions.ntpServers[${position}]`, problem: `has NTP server ${show(server)}, and KubeVirt accepts only IPv4 addresses there: write e.g. "192.0.2.10"` });
    }
  });
  return problems;
}

function isIPv4(text: string): boolean {
  // Go's To4 also takes an IPv4 address written as IPv4-mapped IPv6.
  const parts = text.replace(/^::ffff:/i, '').split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The first network of that name (as find() reads the list: holes are undefined). */
function networkNamed(networks: KubeObject[], name: unknown): KubeObject | undefined {
  for (let i = 0; i < networks.length; i++) if (networks[i]?.name === name) return networks[i];
  return undefined;
}

function interfaceProblems(iface: KubeObject, network: KubeObject | undefined, problems: Problem[]): void {
  deviceProblems(iface, problems);
  // KubeVirt forwards ports (and checks them) only on the pod network.
  if (network?.pod !== undefined && network?.pod !== null && Array.isArray(iface.ports) && iface.ports.length > 0) {
    portProblems(iface.ports.filter((p: unknown) => typeof p === 'object' && p !== null), problems);
  }
  if (typeof iface.dhcpOptions === 'object' && iface.dhcpOptions !== null) problems.push(...dhcpProblems(iface.dhcpOptions));
}

/** The fields of each interface are what KubeVirt can use: name, model, MAC, PCI address, ports, DHCP options. */
export const interfaceFields: Rule = {
  id: 'interface-fields',
  order: 1310,
  summary: 'interface names of letters, digits, `-` and `_`; a known model; a six-byte MAC; a PCI address domain:bus:slot.function; pod-network ports 1-65535, TCP or UDP, with unique IANA names; DHCP private options 224-254, once each; IPv4 NTP servers, as KubeVirt\'s network admission requires',
  // Upstream function: validateInterfacesFields.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/netiface.go#L107-L270',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const problems: Problem[] = [];
    const listed = context.vms;
    for (let k = 0; k < listed.length; k++) {
      const { index, vm, holder } = listed[k];
      const interfaces: unknown[] = listOf(vm.spec.domain?.devices?.interfaces);
      const networks: KubeObject[] = listOf(vm.spec.networks);
      // Loops, not forEach and find: no closures per interface of a fleet's VMs.
      for (let position = 0; position < interfaces.length; position++) {
        const iface: any = interfaces[position];
        if (!(position in interfaces) || typeof iface !== 'object' || iface === null) continue; // the schema reports it (holes are skipped, as forEach skips them)
        interfaceProblems(iface, networkNamed(networks, iface.name), problems);
        for (let i = 0; i < problems.length; i++) {
          const { field, problem } = problems[i];
          context.error(index, `${vm.specPath}.domain.devices.interfaces[${position}].${field}`, `interface ${show(iface.name)} of ${holder} ${problem}`);
        }
        problems.length = 0;
      }
    }
  },
};
