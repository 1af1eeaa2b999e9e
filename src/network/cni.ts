import { IConstruct } from 'constructs';
import { StaticIp } from './static-ip';
import { FactoryValue, assertFactoryValue, constructError, factoryProblem, notOneOf, show } from '../common/errors';
import { Ipv4Subnet, hostCidrProblem, parseIpv4 } from '../common/ipv4';

// Kept here for the modules that import it from cni (it moved to ipv4, which static-ip imports without a cycle).
export { hostCidrProblem } from '../common/ipv4';

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
export class CniPlugin extends FactoryValue {
  /** A Linux bridge on the node (the usual choice for VMs with bridge binding). */
  public static bridge(options: BridgeCniOptions): CniPlugin {
    const given: Partial<BridgeCniOptions> = optionsOf(options);
    const vlan = given.vlan;
    return new CniPlugin('bridge', {
      bridge: given.bridge,
      vlan,
      mtu: given.mtu,
      macspoofchk: given.macspoofchk,
      isGateway: given.isGateway,
      ipMasq: given.ipMasq,
    })._problem('CniPlugin.bridge', ...badOptionsAlone(
      optionsProblem(options, 'CniPlugin.bridge({ bridge: "br1", vlan: 100 })'),
      interfaceNameProblem('bridge', given.bridge),
      vlan !== undefined && !(Number.isInteger(vlan) && vlan >= 1 && vlan <= 4094)
        ? `vlan ${show(vlan)} must be a VLAN ID from 1 to 4094 (leave it out for untagged traffic)` : undefined,
      mtuProblem(given.mtu),
    ));
  }

  /** A macvlan sub-interface of a host interface. */
  public static macvlan(options: MacvlanCniOptions = {}): CniPlugin {
    const given: MacvlanCniOptions = optionsOf(options);
    const mode = given.mode ?? MacvlanMode.BRIDGE;
    const badMode = notOneOf(mode, MacvlanMode);
    return new CniPlugin('macvlan', { master: given.master, mode, mtu: given.mtu })._problem('CniPlugin.macvlan', ...badOptionsAlone(
      optionsProblem(options, 'CniPlugin.macvlan({ master: "eth1" })'),
      given.master === undefined ? undefined : interfaceNameProblem('master', given.master),
      badMode && `mode ${show(mode)} ${badMode}`,
      mtuProblem(given.mtu),
    ));
  }

  /** A whole host device moved into the pod. */
  public static hostDevice(options: HostDeviceCniOptions): CniPlugin {
    const given: HostDeviceCniOptions = optionsOf(options);
    const selectors = (['device', 'pciBusID', 'hwaddr'] as const).filter((key) => given[key] !== undefined);
    const hwaddrProblem = given.hwaddr === undefined ? undefined : macAddressProblem(given.hwaddr);
    return new CniPlugin('host-device', { device: given.device, pciBusID: given.pciBusID, hwaddr: given.hwaddr })._problem('CniPlugin.hostDevice', ...badOptionsAlone(
      optionsProblem(options, 'CniPlugin.hostDevice({ device: "ens2f1" })'),
      selectors.length === 1 ? undefined
        : `give exactly one of device, pciBusID or hwaddr to pick the host device (got ${selectors.length === 0 ? 'none' : selectors.join(', ')})`,
      given.device === undefined ? undefined : interfaceNameProblem('device', given.device),
      given.pciBusID !== undefined && !/^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(given.pciBusID)
        ? `pciBusID ${show(given.pciBusID)} is not a PCI address: write it as "0000:3b:00.1" (see lspci -D)` : undefined,
      hwaddrProblem && `hwaddr ${show(given.hwaddr)} ${hwaddrProblem}`,
    ));
  }

  /**
   * Any other plugin, written out: the object must have a `type` and must not have `name`,
   * `cniVersion` or `ipam` (those come from the network and its `ipam`).
   */
  public static raw(config: Record<string, unknown>): CniPlugin {
    const isObject = typeof config === 'object' && config !== null && !Array.isArray(config);
    const { type, ...rest } = isObject ? config : {} as Record<string, unknown>;
    const problems = typeof type !== 'string' || type === ''
      ? ['config must be an object with the plugin\'s "type", e.g. { type: "ovs", bridge: "br-ex" }']
      : ['name', 'cniVersion', 'ipam'].filter((key) => key in rest)
        .map((key) => `leave "${key}" out of config: the network sets it (name and cniVersion from the network, ipam from its ipam option)`);
    return new CniPlugin(String(type ?? ''), JSON.parse(JSON.stringify(rest)))._problem('CniPlugin.raw', ...problems.slice(0, 1));
  }

  private constructor(
    /** The CNI plugin `type`. */
    public readonly type: string,
    private readonly fields: Record<string, unknown>,
  ) {
    super();
  }

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
export class Ipam extends FactoryValue {
  /** Fixed addresses (the classic OpenShift Virtualization demo), or addresses each pod asks for. */
  public static static(options: StaticIpamOptions = {}): Ipam {
    const given: StaticIpamOptions = optionsOf(options);
    const problems: Array<string | undefined> = [
      optionsProblem(options, 'Ipam.static({ addresses: ["192.168.4.10/24"], gateway: "192.168.4.1" })'),
      listProblem('addresses', given.addresses, '["192.168.4.10/24"]'),
      listProblem('dns.nameservers', given.dns?.nameservers, '["192.168.4.1"]'),
    ];
    const addresses = listOf(given.addresses).filter((entry, i) => {
      if (entry instanceof StaticIp) return true;
      const problem = hostCidrProblem(entry as string);
      problems.push(problem && `addresses[${i}] ${show(entry)} ${problem}`);
      return problem === undefined;
    });
    const gateway = given.gateway ?? addresses.find((a): a is StaticIp => a instanceof StaticIp && a.gateway !== undefined)?.gateway;
    problems.push(gateway === undefined ? undefined : addressProblem('gateway', gateway), ...routesProblems(given.routes));
    for (const server of listOf(given.dns?.nameservers)) problems.push(addressProblem('dns nameserver', server));
    const dns = given.dns && (given.dns.nameservers?.length || given.dns.domain || given.dns.search?.length)
      ? { nameservers: given.dns.nameservers, domain: given.dns.domain, search: given.dns.search }
      : undefined;
    return new Ipam(IpamType.STATIC, () => ({
      type: 'static',
      addresses: addresses.length > 0 ? addresses.map((a) => ({ address: a instanceof StaticIp ? a.cidr : a, gateway })) : undefined,
      routes: renderRoutes(given.routes),
      dns,
    }), addresses)._problem('Ipam.static', ...badOptionsAlone(...problems));
  }

  /** Cluster-wide allocation without duplicates across nodes (needs the whereabouts plugin). */
  public static whereabouts(options: WhereaboutsIpamOptions): Ipam {
    const given: Partial<WhereaboutsIpamOptions> = optionsOf(options);
    return new Ipam(IpamType.WHEREABOUTS, () => ({
      type: 'whereabouts',
      range: given.range,
      exclude: listOf(given.exclude).length ? [...listOf(given.exclude)] : undefined,
      gateway: given.gateway,
      routes: renderRoutes(given.routes),
    }))._problem('Ipam.whereabouts', ...badOptionsAlone(
      optionsProblem(options, 'Ipam.whereabouts({ range: "192.168.2.0/24" })'),
      subnetProblem('range', given.range),
      listProblem('exclude', given.exclude, '["192.168.2.0/28"]'),
      ...listOf(given.exclude).map((cidr, i) => subnetProblem(`exclude[${i}]`, cidr)),
      given.gateway === undefined ? undefined : addressProblem('gateway', given.gateway),
      ...routesProblems(given.routes),
    ));
  }

  /** Allocation per node from a range (addresses can repeat across nodes: single-node or per-node ranges only). */
  public static hostLocal(options: HostLocalIpamOptions): Ipam {
    const given: Partial<HostLocalIpamOptions> = optionsOf(options);
    const subnet = Ipv4Subnet.parse(given.subnet as string).subnet;
    const problems = [optionsProblem(options, 'Ipam.hostLocal({ subnet: "192.168.10.0/24" })'), subnetProblem('subnet', given.subnet)];
    for (const field of ['rangeStart', 'rangeEnd', 'gateway'] as const) {
      const value = given[field];
      if (value === undefined) continue;
      const address = parseIpv4(value);
      problems.push(address === undefined ? addressProblem(field, value)
        : subnet && !subnet.contains(address) ? `${field} ${show(value)} is outside subnet ${show(given.subnet)}: pick an address inside it, or widen the subnet` : undefined);
    }
    return new Ipam(IpamType.HOST_LOCAL, () => ({
      type: 'host-local',
      subnet: given.subnet,
      rangeStart: given.rangeStart,
      rangeEnd: given.rangeEnd,
      gateway: given.gateway,
      routes: renderRoutes(given.routes),
    }))._problem('Ipam.hostLocal', ...badOptionsAlone(...problems, ...routesProblems(given.routes)));
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
  ) {
    super();
  }

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

/** The first problem of CNI options (a plugin or IPAM not made by its factory, or with bad input; an unknown version), or undefined. */
function cniConfigProblem(options: CniConfigOptions, check: (context: string, value: unknown) => void): string | undefined {
  if (!(options.cni instanceof CniPlugin)) return 'cni must be a CniPlugin, e.g. CniPlugin.bridge({ bridge: "br1" })';
  check('cni', options.cni);
  const ipam = options.ipam ?? Ipam.none();
  if (!(ipam instanceof Ipam)) return 'ipam must be an Ipam, e.g. Ipam.static({ ... }) or Ipam.none()';
  check('ipam', ipam);
  const cniVersion = options.cniVersion ?? CniVersion.V0_3_1;
  const badVersion = notOneOf(cniVersion, CniVersion);
  return badVersion && `cniVersion ${show(cniVersion)} ${badVersion}`;
}

/**
 * Checks the CNI options given to `scope` before anything is created: the plugin and IPAM
 * (reported with `scope`'s path, as `<context>cni: CniPlugin.bridge: ...`) and the version.
 */
export function checkCniConfig(scope: IConstruct, context: string, options: CniConfigOptions): void {
  const problem = cniConfigProblem(options, (field, value) => assertFactoryValue(scope, `${context}${field}`, value));
  if (problem) throw constructError(scope, `${context}${problem}`);
}

/**
 * Renders the CNI config JSON for a network named `name`, or throws `errorFor(problem)`. Keys
 * come in a fixed order and unset fields are left out, so the same input always gives the same
 * bytes.
 */
export function renderCniConfig(name: string, options: CniConfigOptions, errorFor: (problem: string) => Error): string {
  const problem = cniConfigProblem(options, (field, value) => {
    const recorded = factoryProblem(value);
    if (recorded) throw errorFor(`${field}: ${recorded}`);
  });
  if (problem) throw errorFor(problem);
  const ipam = options.ipam ?? Ipam.none();
  const config = {
    cniVersion: options.cniVersion ?? CniVersion.V0_3_1,
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

function interfaceNameProblem(field: string, value: unknown): string | undefined {
  // Linux interface names: 1-15 characters, no '/', no whitespace, not "." or "..".
  if (typeof value !== 'string' || !/^[^\s/:]{1,15}$/.test(value) || value === '.' || value === '..') {
    return `${field} ${show(value)} is not a Linux interface name: use 1-15 characters without spaces, '/' or ':', e.g. "br1"`;
  }
  return undefined;
}

function mtuProblem(mtu: number | undefined): string | undefined {
  if (mtu !== undefined && !(Number.isInteger(mtu) && mtu >= 576 && mtu <= 9216)) {
    return `mtu ${show(mtu)} must be a whole number from 576 to 9216 (1500 for standard Ethernet, 9000 for jumbo frames)`;
  }
  return undefined;
}

function addressProblem(field: string, value: string): string | undefined {
  return parseIpv4(value) === undefined ? `${field} ${show(value)} is not an IPv4 address: write it like "192.168.4.254"` : undefined;
}

function subnetProblem(field: string, value: string | undefined): string | undefined {
  const { problem } = Ipv4Subnet.parse(value as string);
  return problem && `${field} ${show(value)} ${problem}`;
}

function routesProblems(routes: IpamRoute[] | undefined): Array<string | undefined> {
  return [listProblem('routes', routes, '[{ destination: "0.0.0.0/0", gateway: "192.168.4.1" }]'), ...listOf(routes).flatMap((route, i) => [
    subnetProblem(`routes[${i}].destination`, route?.destination),
    route?.gateway === undefined ? undefined : addressProblem(`routes[${i}].gateway`, route.gateway),
  ])];
}

function renderRoutes(routes: IpamRoute[] | undefined): Array<{ dst: string; gw?: string }> | undefined {
  return listOf(routes).length ? listOf(routes).map((route) => ({ dst: route.destination, gw: route.gateway })) : undefined;
}

/**
 * Why a factory's options are not an options object (a string, number, array or null from plain
 * JavaScript), or undefined; `example` is the call to write instead.
 */
function optionsProblem(options: unknown, example: string): string | undefined {
  if (options === undefined || (typeof options === 'object' && options !== null && !Array.isArray(options))) return undefined;
  return `options ${show(options)} are not an options object: pass the options in braces, e.g. ${example}`;
}

/** The options when they are an object, else {} (the problem is recorded by `optionsProblem`). */
function optionsOf<T>(options: T | undefined): T {
  return (optionsProblem(options, '') === undefined && options !== undefined ? options : {}) as T;
}

/**
 * The problems of a factory whose first problem is `optionsProblem`'s: that one alone when there is
 * one (the fields of a non-object say nothing more), else all of them.
 */
function badOptionsAlone(...problems: Array<string | undefined>): Array<string | undefined> {
  return problems[0] ? [problems[0]] : problems;
}

/** Why an optional field that takes a list holds something else, or undefined. */
function listProblem(field: string, value: unknown, example: string): string | undefined {
  return value === undefined || Array.isArray(value) ? undefined : `${field} ${show(value)} must be a list, e.g. ${example}`;
}

/** The list, or [] for anything that is not one (reported by `listProblem`). */
function listOf<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}
