import { Ipv4Subnet, parseIpv4 } from './ipv4';
import { StaticIp } from './static-ip';
import { show } from '../common/errors';

/** The CNI spec versions Multus and the reference plugins accept. */
export enum CniVersion {
  V0_3_1 = '0.3.1',
  V0_4_0 = '0.4.0',
  V1_0_0 = '1.0.0',
}

/** Options of the Linux bridge CNI plugin (`type: bridge`). */
export interface BridgeCniOptions {
  /** The Linux bridge on the node, e.g. `br1` (created beforehand, e.g. with an NMState NodeNetworkConfigurationPolicy). */
  readonly bridge: string;
  /**
   * VLAN tag for the port (1-4094).
   * @default - untagged
   */
  readonly vlan?: number;
  /**
   * MTU of the interface.
   * @default - the bridge's MTU
   */
  readonly mtu?: number;
  /**
   * Drop frames whose source MAC is not the interface's (anti-spoofing).
   * @default - the plugin's default (off)
   */
  readonly macspoofchk?: boolean;
  /**
   * Give the bridge an IP and make it the gateway (only with an IPAM that has a gateway).
   * @default - the plugin's default (false)
   */
  readonly isGateway?: boolean;
  /**
   * Masquerade traffic leaving the bridge's subnet.
   * @default - the plugin's default (false)
   */
  readonly ipMasq?: boolean;
}

/** How macvlan interfaces talk to each other. */
export enum MacvlanMode {
  BRIDGE = 'bridge',
  PRIVATE = 'private',
  VEPA = 'vepa',
  PASSTHRU = 'passthru',
}

/** Options of the macvlan CNI plugin. */
export interface MacvlanCniOptions {
  /**
   * The host interface, e.g. `eth1`.
   * @default - the node's default-route interface
   */
  readonly master?: string;
  /** @default MacvlanMode.BRIDGE */
  readonly mode?: MacvlanMode;
  /** @default - the master's MTU */
  readonly mtu?: number;
}

/** Options of the host-device CNI plugin: move one host device into the pod. Give exactly one. */
export interface HostDeviceCniOptions {
  /** Interface name on the node, e.g. `ens2f1`. */
  readonly device?: string;
  /** PCI address, e.g. `0000:3b:00.1`. */
  readonly pciBusID?: string;
  /** MAC address of the device. */
  readonly hwaddr?: string;
}

/** The main CNI plugin of a network. */
export class CniPlugin {
  /** A Linux bridge on the node (the usual choice for VMs with bridge binding). */
  public static bridge(options: BridgeCniOptions): CniPlugin {
    const where = 'CniPlugin.bridge';
    interfaceNameCheck(where, 'bridge', options?.bridge);
    if (options.vlan !== undefined && !(Number.isInteger(options.vlan) && options.vlan >= 1 && options.vlan <= 4094)) {
      throw new Error(`${where}: vlan ${show(options.vlan)} must be a VLAN ID from 1 to 4094 (leave it out for untagged traffic)`);
    }
    mtuCheck(where, options.mtu);
    return new CniPlugin('bridge', {
      bridge: options.bridge,
      vlan: options.vlan,
      mtu: options.mtu,
      macspoofchk: options.macspoofchk,
      isGateway: options.isGateway,
      ipMasq: options.ipMasq,
    });
  }

  /** A macvlan sub-interface of a host interface. */
  public static macvlan(options: MacvlanCniOptions = {}): CniPlugin {
    const where = 'CniPlugin.macvlan';
    if (options.master !== undefined) interfaceNameCheck(where, 'master', options.master);
    const mode = options.mode ?? MacvlanMode.BRIDGE;
    if (!Object.values(MacvlanMode).includes(mode)) {
      throw new Error(`${where}: mode ${show(mode)} is not one of ${Object.values(MacvlanMode).map((m) => show(m)).join(', ')}`);
    }
    mtuCheck(where, options.mtu);
    return new CniPlugin('macvlan', { master: options.master, mode, mtu: options.mtu });
  }

  /** A whole host device moved into the pod. */
  public static hostDevice(options: HostDeviceCniOptions): CniPlugin {
    const where = 'CniPlugin.hostDevice';
    const given = (['device', 'pciBusID', 'hwaddr'] as const).filter((key) => options?.[key] !== undefined);
    if (given.length !== 1) {
      throw new Error(`${where}: give exactly one of device, pciBusID or hwaddr to pick the host device (got ${given.length === 0 ? 'none' : given.join(', ')})`);
    }
    if (options.device !== undefined) interfaceNameCheck(where, 'device', options.device);
    if (options.pciBusID !== undefined && !/^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(options.pciBusID)) {
      throw new Error(`${where}: pciBusID ${show(options.pciBusID)} is not a PCI address: write it as "0000:3b:00.1" (see lspci -D)`);
    }
    const hwaddrProblem = options.hwaddr === undefined ? undefined : macAddressProblem(options.hwaddr);
    if (hwaddrProblem) throw new Error(`${where}: hwaddr ${show(options.hwaddr)} ${hwaddrProblem}`);
    return new CniPlugin('host-device', { device: options.device, pciBusID: options.pciBusID, hwaddr: options.hwaddr });
  }

  /**
   * Any other plugin, written out: the object must have a `type` and must not have `name`,
   * `cniVersion` or `ipam` (those come from the network and its `ipam`).
   */
  public static raw(config: Record<string, unknown>): CniPlugin {
    const where = 'CniPlugin.raw';
    if (typeof config !== 'object' || config === null || Array.isArray(config) || typeof config.type !== 'string' || config.type === '') {
      throw new Error(`${where}: config must be an object with the plugin's "type", e.g. { type: "ovs", bridge: "br-ex" }`);
    }
    for (const key of ['name', 'cniVersion', 'ipam']) {
      if (key in config) throw new Error(`${where}: leave "${key}" out of config: the network sets it (name and cniVersion from the network, ipam from its ipam option)`);
    }
    const { type, ...rest } = config;
    return new CniPlugin(type as string, JSON.parse(JSON.stringify(rest)));
  }

  private constructor(
    /** The CNI plugin `type`. */
    public readonly type: string,
    private readonly fields: Record<string, unknown>,
  ) {}

  /** The plugin's own fields (without type, name, cniVersion, ipam). @internal */
  public _fields(): Record<string, unknown> {
    return structuredClone(this.fields);
  }
}

/** A route of an IPAM configuration. */
export interface IpamRoute {
  /** Destination CIDR, e.g. `0.0.0.0/0` or `10.20.0.0/16`. */
  readonly destination: string;
  /**
   * Next hop.
   * @default - the interface's gateway
   */
  readonly gateway?: string;
}

/** DNS settings of a static IPAM configuration. */
export interface IpamDns {
  /** @default - none */
  readonly nameservers?: string[];
  /** @default - none */
  readonly domain?: string;
  /** @default - none */
  readonly search?: string[];
}

/** Options of static IPAM. */
export interface StaticIpamOptions {
  /**
   * The addresses in CIDR form (`"161.156.177.55/28"`) or from a `StaticIpPool`. Every
   * attachment of the network gets all of them, so a network with addresses serves one VM or
   * pod. Leave empty to let each pod ask for its address (`ips` in its networks annotation).
   * @default - none: pods name their addresses
   */
  readonly addresses?: Array<string | StaticIp>;
  /**
   * Gateway of the addresses.
   * @default - the gateway of the pool the addresses come from, if any
   */
  readonly gateway?: string;
  /** @default - none */
  readonly routes?: IpamRoute[];
  /** @default - none */
  readonly dns?: IpamDns;
}

/** Options of whereabouts IPAM (cluster-wide allocation from a range). */
export interface WhereaboutsIpamOptions {
  /** The range in CIDR form, e.g. `192.168.2.0/24`. */
  readonly range: string;
  /**
   * Addresses never handed out, in CIDR form.
   * @default - none
   */
  readonly exclude?: string[];
  /** @default - none */
  readonly gateway?: string;
  /** @default - none */
  readonly routes?: IpamRoute[];
}

/** Options of host-local IPAM (allocation per node from a range). */
export interface HostLocalIpamOptions {
  /** The subnet, e.g. `192.168.10.0/24`. */
  readonly subnet: string;
  /** @default - the subnet's first usable address */
  readonly rangeStart?: string;
  /** @default - the subnet's last usable address */
  readonly rangeEnd?: string;
  /** @default - none */
  readonly gateway?: string;
  /** @default - none */
  readonly routes?: IpamRoute[];
}

/** The kinds of IP address management. */
export enum IpamType {
  STATIC = 'static',
  WHEREABOUTS = 'whereabouts',
  HOST_LOCAL = 'host-local',
  DHCP = 'dhcp',
  NONE = 'none',
}

/** How addresses are assigned on a network. */
export class Ipam {
  /** Fixed addresses (the classic OpenShift Virtualization demo), or addresses each pod asks for. */
  public static static(options: StaticIpamOptions = {}): Ipam {
    const where = 'Ipam.static';
    const addresses = (options.addresses ?? []).map((entry, i) => {
      if (entry instanceof StaticIp) return entry;
      const problem = hostCidrProblem(entry as string);
      if (problem) throw new Error(`${where}: addresses[${i}] ${show(entry)} ${problem}`);
      return entry as string;
    });
    const gateway = options.gateway ?? addresses.find((a): a is StaticIp => a instanceof StaticIp && a.gateway !== undefined)?.gateway;
    if (gateway !== undefined) addressCheck(where, 'gateway', gateway);
    const routes = routesOf(where, options.routes);
    for (const server of options.dns?.nameservers ?? []) addressCheck(where, 'dns nameserver', server);
    const dns = options.dns && (options.dns.nameservers?.length || options.dns.domain || options.dns.search?.length)
      ? { nameservers: options.dns.nameservers, domain: options.dns.domain, search: options.dns.search }
      : undefined;
    return new Ipam(IpamType.STATIC, () => ({
      type: 'static',
      addresses: addresses.length > 0 ? addresses.map((a) => ({ address: a instanceof StaticIp ? a.cidr : a, gateway })) : undefined,
      routes,
      dns,
    }), addresses);
  }

  /** Cluster-wide allocation without duplicates across nodes (needs the whereabouts plugin). */
  public static whereabouts(options: WhereaboutsIpamOptions): Ipam {
    const where = 'Ipam.whereabouts';
    subnetCheck(where, 'range', options?.range);
    (options.exclude ?? []).forEach((cidr, i) => subnetCheck(where, `exclude[${i}]`, cidr));
    if (options.gateway !== undefined) addressCheck(where, 'gateway', options.gateway);
    const routes = routesOf(where, options.routes);
    return new Ipam(IpamType.WHEREABOUTS, () => ({
      type: 'whereabouts',
      range: options.range,
      exclude: options.exclude?.length ? [...options.exclude] : undefined,
      gateway: options.gateway,
      routes,
    }));
  }

  /** Allocation per node from a range (addresses can repeat across nodes: single-node or per-node ranges only). */
  public static hostLocal(options: HostLocalIpamOptions): Ipam {
    const where = 'Ipam.hostLocal';
    const subnet = subnetCheck(where, 'subnet', options?.subnet);
    for (const field of ['rangeStart', 'rangeEnd', 'gateway'] as const) {
      const value = options[field];
      if (value === undefined) continue;
      const address = addressCheck(where, field, value);
      if (!subnet.contains(address)) throw new Error(`${where}: ${field} ${show(value)} is outside subnet ${show(options.subnet)}`);
    }
    const routes = routesOf(where, options.routes);
    return new Ipam(IpamType.HOST_LOCAL, () => ({
      type: 'host-local',
      subnet: options.subnet,
      rangeStart: options.rangeStart,
      rangeEnd: options.rangeEnd,
      gateway: options.gateway,
      routes,
    }));
  }

  /** Addresses from a DHCP server on the network (needs the CNI dhcp daemon on the nodes). */
  public static dhcp(): Ipam {
    return new Ipam(IpamType.DHCP, () => ({ type: 'dhcp' }));
  }

  /**
   * No addresses on the pod side: a pure layer-2 attachment. The guest configures its own
   * address (e.g. `attachNetwork(net, { ip })` through cloud-init network data).
   */
  public static none(): Ipam {
    return new Ipam(IpamType.NONE, () => undefined);
  }

  private constructor(
    /** The kind of IPAM. */
    public readonly type: IpamType,
    private readonly render: () => Record<string, unknown> | undefined,
    /** The fixed addresses of static IPAM. */
    public readonly addresses: ReadonlyArray<string | StaticIp> = [],
  ) {}

  /** Whether pods can ask for their addresses (`ips` in the networks annotation). */
  public get acceptsRequestedIps(): boolean {
    return this.type === IpamType.STATIC && this.addresses.length === 0;
  }

  /** The `ipam` object of the CNI config, or undefined for none. @internal */
  public _toCni(): Record<string, unknown> | undefined {
    return this.render();
  }
}

/** The CNI configuration of a network. */
export interface CniConfigOptions {
  /** The main plugin. */
  readonly cni: CniPlugin;
  /**
   * Address management.
   * @default Ipam.none()
   */
  readonly ipam?: Ipam;
  /**
   * CNI spec version.
   * @default CniVersion.V0_3_1
   */
  readonly cniVersion?: CniVersion;
}

/**
 * Renders the CNI config JSON for a network named `name`. Keys come in a fixed order and
 * unset fields are left out, so the same input always gives the same bytes.
 */
export function renderCniConfig(name: string, options: CniConfigOptions, errorFor: (problem: string) => Error): string {
  if (!(options.cni instanceof CniPlugin)) {
    throw errorFor('cni must be a CniPlugin, e.g. CniPlugin.bridge({ bridge: "br1" })');
  }
  const ipam = options.ipam ?? Ipam.none();
  if (!(ipam instanceof Ipam)) throw errorFor('ipam must be an Ipam, e.g. Ipam.static({ ... }) or Ipam.none()');
  const cniVersion = options.cniVersion ?? CniVersion.V0_3_1;
  if (!Object.values(CniVersion).includes(cniVersion)) {
    throw errorFor(`cniVersion ${show(cniVersion)} is not one of ${Object.values(CniVersion).map((v) => show(v)).join(', ')}`);
  }
  const config = {
    cniVersion,
    name,
    type: options.cni.type,
    ...options.cni._fields(),
    // Static IPAM without fixed addresses takes each pod's `ips` from the networks annotation.
    capabilities: ipam.acceptsRequestedIps ? { ips: true } : undefined,
    ipam: ipam._toCni(),
  };
  return JSON.stringify(config);
}

/** Why a MAC address is not usable, or undefined. */
export function macAddressProblem(mac: string): string | undefined {
  if (typeof mac !== 'string' || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac)) {
    return 'is not a MAC address: write six hex pairs separated by colons, e.g. "02:00:00:00:00:01"';
  }
  // The lowest bit of the first octet marks a group (multicast) address.
  if (parseInt(mac.slice(0, 2), 16) % 2 === 1) {
    return 'is a multicast address (the lowest bit of the first octet is set): use a unicast one, e.g. starting with "02:"';
  }
  return undefined;
}

function interfaceNameCheck(where: string, field: string, value: unknown): void {
  // Linux interface names: 1-15 characters, no '/', no whitespace, not "." or "..".
  if (typeof value !== 'string' || !/^[^\s/:]{1,15}$/.test(value) || value === '.' || value === '..') {
    throw new Error(`${where}: ${field} ${show(value)} is not a Linux interface name: use 1-15 characters without spaces, '/' or ':', e.g. "br1"`);
  }
}

function mtuCheck(where: string, mtu: number | undefined): void {
  if (mtu !== undefined && !(Number.isInteger(mtu) && mtu >= 576 && mtu <= 9216)) {
    throw new Error(`${where}: mtu ${show(mtu)} must be a whole number from 576 to 9216 (1500 for standard Ethernet, 9000 for jumbo frames)`);
  }
}

function addressCheck(where: string, field: string, value: string): number {
  const address = parseIpv4(value);
  if (address === undefined) throw new Error(`${where}: ${field} ${show(value)} is not an IPv4 address: write it like "192.168.4.254"`);
  return address;
}

function subnetCheck(where: string, field: string, value: string): Ipv4Subnet {
  const { subnet, problem } = Ipv4Subnet.parse(value);
  if (problem) throw new Error(`${where}: ${field} ${show(value)} ${problem}`);
  return subnet!;
}

function routesOf(where: string, routes: IpamRoute[] | undefined): Array<{ dst: string; gw?: string }> | undefined {
  if (!routes?.length) return undefined;
  return routes.map((route, i) => {
    subnetCheck(where, `routes[${i}].destination`, route.destination);
    if (route.gateway !== undefined) addressCheck(where, `routes[${i}].gateway`, route.gateway);
    return { dst: route.destination, gw: route.gateway };
  });
}

/** Why `cidr` is not a host address with prefix length ("192.168.4.1/24"), or undefined. */
export function hostCidrProblem(cidr: string): string | undefined {
  const { subnet, address, problem } = Ipv4Subnet.parse(cidr, false);
  if (problem) return 'is not an IPv4 address with prefix length: write it like "192.168.4.1/24"';
  if (address === subnet!.network) return `is the network address of ${subnet}: pick a host address inside it`;
  if (address === subnet!.broadcast) return `is the broadcast address of ${subnet}: pick a host address inside it`;
  return undefined;
}
