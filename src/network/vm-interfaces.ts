import { IConstruct } from 'constructs';
import { AddressRegistry } from './address-registry';
import { IpamType, hostCidrProblem, macAddressProblem } from './cni';
import { INetworkAttachment, isNetworkAttachment } from './network-attachment';
import { MIGRATION_RESERVED_PORTS, PodNetworkBinding, PodNetworkOptions, PodNetworkPort, PortProtocol, portNumberProblem } from './pod-network';
import { AttachNetworkOptions, InterfaceState, NetworkAttachment, SecondaryNetworkBinding, stableMacAddress } from './secondary-network';
import { StaticIp } from './static-ip';
import * as kubevirt from '../../imports/kubevirt.io';
import { constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem } from '../common/names';
import { fleetClusterOf } from '../core/fleet-cluster-identity';
import { qualifiedName } from '../model/object-index';

type Interface = kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesInterfaces;
type Network = kubevirt.VirtualMachineSpecTemplateSpecNetworks;

// passt is KubeVirt's core `passtBinding` field, not the `passt` one discontinued in v1.3.
const POD_BINDING_FIELDS: Record<PodNetworkBinding, Pick<Interface, 'masquerade' | 'bridge' | 'passtBinding'>> = {
  [PodNetworkBinding.MASQUERADE]: { masquerade: {} },
  [PodNetworkBinding.BRIDGE]: { bridge: {} },
  [PodNetworkBinding.PASST]: { passtBinding: {} },
};

/** The pod network settings in effect, after defaults. */
export interface PodNetworkSettings {
  readonly enabled: boolean;
  readonly binding: PodNetworkBinding;
  readonly interfaceName: string;
  readonly ports: PodNetworkPort[];
}

/** The VM a `VmInterfaces` belongs to. */
export interface VmIdentity extends IConstruct {
  readonly name: string;
  readonly namespace?: string;
}

/**
 * The interfaces of a VM: the pod network and Multus secondary networks, the fixed addresses
 * they carry, and the cloud-init network data that configures those addresses in the guest.
 * @internal
 */
export class VmInterfaces {
  public readonly pod: PodNetworkSettings;
  /** Grown by concat, not push: a few attachments, without room for 17 (one list per VM of a fleet). */
  private secondaries: NetworkAttachment[] = [];
  /** Derived MACs by interface: the interfaces and the network data both ask, at every render. */
  /** Made on the first derived MAC (a Map per VM of a fleet is memory: its table is about 300 bytes). */
  private derivedMacs?: Map<string, string>;

  public constructor(private readonly vm: VmIdentity, options: PodNetworkOptions) {
    this.pod = this.checkPodNetwork(options);
  }

  /** The secondary network attachments, in order. */
  public get attachments(): NetworkAttachment[] {
    return [...this.secondaries];
  }

  /** Whether the guest needs generated network data (some interface has a fixed `ip`). */
  public get configuresAddresses(): boolean {
    return this.secondaries.some((a) => a.ip !== undefined);
  }

  public attach(network: INetworkAttachment, options: AttachNetworkOptions): NetworkAttachment {
    const fail = (problem: string): never => {
      throw constructError(this.vm, `attachNetwork: ${problem}`);
    };
    if (!isNetworkAttachment(network)) {
      fail('network must be a NetworkAttachmentDefinition, an OpenShiftAdditionalNetworks entry, or NetworkAttachmentDefinition.fromName("...")');
    }
    const interfaceName = options.interfaceName ?? network.name;
    const nameProblem = dnsLabelProblem(interfaceName);
    if (nameProblem) fail(`interface name ${show(interfaceName)} ${nameProblem}${options.interfaceName === undefined ? ' (it defaults to the network name: pass interfaceName)' : ''}`);
    const taken = [...(this.pod.enabled ? [this.pod.interfaceName] : []), ...this.secondaries.map((a) => a.interfaceName)];
    if (taken.includes(interfaceName)) fail(`interface name ${show(interfaceName)} is already used by another interface of this VM: pass a distinct interfaceName`);
    const binding = options.binding ?? SecondaryNetworkBinding.BRIDGE;
    const badBinding = notOneOf(binding, SecondaryNetworkBinding);
    if (badBinding) fail(`binding ${show(binding)} ${badBinding}`);
    if (options.macAddress !== undefined) {
      const problem = macAddressProblem(options.macAddress);
      if (problem) fail(`macAddress ${show(options.macAddress)} ${problem}`);
    }
    const stateProblem = interfaceStateProblem(options.state, binding);
    if (stateProblem) fail(stateProblem);

    const ipam = network.ipam;
    const fixed = ipam?.type === IpamType.STATIC ? ipam.addresses.map((a) => (a instanceof StaticIp ? a.cidr : a)) : [];
    let ip: StaticIp | undefined;
    if (options.ip !== undefined) {
      if (ipam !== undefined && ipam.type !== IpamType.NONE) {
        fail(`ip ${show(String(options.ip))} is configured in the guest, but network ${show(network.name)} assigns addresses itself (${ipam.type} IPAM): use a network with Ipam.none(), or leave ip out`);
      }
      if (options.ip instanceof StaticIp) {
        ip = options.ip;
      } else {
        const problem = hostCidrProblem(options.ip as string);
        if (problem) fail(`ip ${show(options.ip)} ${problem}`);
        ip = StaticIp.of(options.ip as string, `${this.vm.name}/${interfaceName}`);
      }
    } else if (binding === SecondaryNetworkBinding.SRIOV && fixed.length > 0) {
      fail(`network ${show(network.name)} has the static address ${fixed.join(', ')}, but KubeVirt hands addresses to the guest only with bridge binding: use Ipam.none() on the network and give ip here (configured through cloud-init)`);
    }

    const holder = `VirtualMachine ${show(qualifiedName(this.vm.namespace, this.vm.name))} interface ${show(interfaceName)}`;
    const useProblem = ip?._use(holder) ?? network._attach(holder);
    if (useProblem) fail(useProblem);
    const registry = AddressRegistry.of(this.vm);
    if (ip) registry.claim({ what: ip._claimKey, holder, token: ip, scope: this.vm });
    if (options.macAddress !== undefined) {
      registry.claim({ what: `MAC address ${options.macAddress.toLowerCase()}`, holder, token: {}, scope: this.vm });
    }
    const attachment: NetworkAttachment = {
      interfaceName,
      network,
      binding,
      macAddress: options.macAddress,
      ip,
      addresses: ip ? [ip.cidr] : binding === SecondaryNetworkBinding.BRIDGE ? fixed : [],
      state: options.state,
    };
    this.secondaries = this.secondaries.concat([attachment]);
    return attachment;
  }

  /** Service target ports the guest serves: a problem when the pod network cannot carry `target`. */
  public servicePortProblem(target: number | string): string | undefined {
    if (!this.pod.enabled) return 'the VM is not on the pod network (podNetwork.enabled is false), so a Service cannot reach it';
    const declared = this.pod.ports;
    if (typeof target === 'string') {
      if (!declared.some((p) => p.name === target)) {
        return `targetPort ${show(target)} names no port of podNetwork.ports: declare { name: ${show(target)}, port: ... } there, or give the number`;
      }
    } else if (declared.length > 0 && !declared.some((p) => p.port === target)) {
      return `targetPort ${target} is not in podNetwork.ports (${declared.map((p) => p.port).join(', ')}), and ${this.pod.binding} forwards only declared ports: add it there`;
    }
    return undefined;
  }

  /**
   * The MAC address an interface gets: given, or derived when network data must match on it. In a
   * Fleet the cluster's name is part of it: the same VM in a DR pair gets two MACs, which a
   * network stretched across both clusters needs.
   */
  public macOf(interfaceName: string, explicit?: string): string | undefined {
    if (explicit !== undefined) return explicit;
    if (!this.configuresAddresses) return undefined;
    const cluster = fleetClusterOf(this.vm);
    const names = [cluster ?? '', this.vm.namespace ?? '', this.vm.name, interfaceName];
    const key = names.join('/');
    let mac = this.derivedMacs?.get(key);
    if (mac === undefined) {
      mac = stableMacAddress(...(cluster === undefined ? names.slice(1) : names));
      (this.derivedMacs ??= new Map()).set(key, mac);
    }
    return mac;
  }

  /**
   * Cloud-init network config v2 for the interfaces, when some have a fixed `ip`: every
   * interface is matched by MAC address, because a NIC's name in the guest is not known here.
   * The pod network and networks with IPAM keep DHCP.
   */
  public networkData(): string | undefined {
    if (!this.configuresAddresses) return undefined;
    const ethernets: Record<string, object> = {};
    if (this.pod.enabled) {
      ethernets[this.pod.interfaceName] = { match: { macaddress: this.macOf(this.pod.interfaceName) }, dhcp4: true };
    }
    for (const attachment of this.secondaries) {
      const match = { macaddress: this.macOf(attachment.interfaceName, attachment.macAddress) };
      if (attachment.ip) {
        ethernets[attachment.interfaceName] = { match, dhcp4: false, addresses: [attachment.ip.cidr] };
      } else if (attachment.network.ipam === undefined || attachment.network.ipam.type !== IpamType.NONE) {
        ethernets[attachment.interfaceName] = { match, dhcp4: true };
      }
    }
    // JSON is YAML to cloud-init, and tools that check the address plan parse it far faster.
    return JSON.stringify({ version: 2, ethernets });
  }

  /** `spec.template.spec.domain.devices.interfaces` and `spec.template.spec.networks`. */
  public render(): { interfaces?: Interface[]; networks?: Network[] } {
    const interfaces: Interface[] = [];
    const networks: Network[] = [];
    const { enabled, binding, interfaceName, ports } = this.pod;
    if (enabled) {
      interfaces.push({
        name: interfaceName,
        ...POD_BINDING_FIELDS[binding],
        macAddress: this.macOf(interfaceName),
        ports: ports.length > 0 ? ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) : undefined,
      });
      networks.push({ name: interfaceName, pod: {} });
    }
    for (const attachment of this.secondaries) {
      interfaces.push({
        name: attachment.interfaceName,
        ...(attachment.binding === SecondaryNetworkBinding.SRIOV ? { sriov: {} } : { bridge: {} }),
        macAddress: this.macOf(attachment.interfaceName, attachment.macAddress),
        state: attachment.state,
      });
      networks.push({ name: attachment.interfaceName, multus: { networkName: this.multusName(attachment.network) } });
    }
    return { interfaces: interfaces.length > 0 ? interfaces : undefined, networks: networks.length > 0 ? networks : undefined };
  }

  /** Multus resolves a bare name in the VM's namespace; another namespace is written `ns/name`. */
  private multusName(network: INetworkAttachment): string {
    const namespace = network.namespace;
    return namespace !== undefined && namespace !== this.vm.namespace ? `${namespace}/${network.name}` : network.name;
  }

  private checkPodNetwork(options: PodNetworkOptions): PodNetworkSettings {
    const fail = (problem: string): never => {
      throw constructError(this.vm, `podNetwork.${problem}`);
    };
    const binding = options.binding ?? PodNetworkBinding.MASQUERADE;
    const badBinding = notOneOf(binding, PodNetworkBinding);
    if (badBinding) fail(`binding ${show(binding)} ${badBinding}: use PodNetworkBinding.MASQUERADE or PASST`);
    const interfaceName = options.interfaceName ?? 'default';
    const problem = dnsLabelProblem(interfaceName);
    if (problem) fail(`interfaceName ${show(interfaceName)} ${problem}`);
    const ports = (options.ports ?? []).map((p) => ({ ...p }));
    if (ports.length > 0 && binding === PodNetworkBinding.BRIDGE) {
      fail('ports are forwarded only with masquerade or passt binding: drop them (bridge binding exposes every port of the guest) or use PodNetworkBinding.MASQUERADE or PASST');
    }
    const seen = new Set<string>();
    ports.forEach((p, i) => {
      const portProblem = portNumberProblem(p.port);
      if (portProblem) fail(`ports[${i}].port ${show(p.port)} ${portProblem}`);
      if (MIGRATION_RESERVED_PORTS.includes(p.port)) {
        fail(`ports[${i}].port ${p.port} is reserved by KubeVirt for live migration (49152 and 49153): serve on another port`);
      }
      const protocol = p.protocol ?? PortProtocol.TCP;
      const badProtocol = notOneOf(protocol, PortProtocol);
      if (badProtocol) fail(`ports[${i}].protocol ${show(protocol)} ${badProtocol}`);
      if (p.name !== undefined && !/^(?=.{1,15}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.name)) {
        fail(`ports[${i}].name ${show(p.name)} is not a port name: use at most 15 lowercase letters, digits and '-' (e.g. "https")`);
      }
      const key = `${p.port}/${protocol}`;
      if (seen.has(key)) fail(`ports[${i}] ${key} is declared twice: declare each port and protocol once`);
      seen.add(key);
      if (p.name !== undefined && ports.findIndex((q) => q.name === p.name) !== i) fail(`ports[${i}].name ${show(p.name)} is used twice: port names must be unique`);
    });
    return { enabled: options.enabled ?? true, binding, interfaceName, ports };
  }
}

/**
 * Why an interface cannot have `state`, or undefined: KubeVirt's network admission (v1.9.0
 * pkg/network/admitter/admit.go, validateInterfaceStateValue) sets no link state on an SR-IOV NIC
 * and unplugs bridge interfaces only.
 */
function interfaceStateProblem(state: InterfaceState | undefined, binding: SecondaryNetworkBinding): string | undefined {
  if (state === undefined) return undefined;
  const bad = notOneOf(state, InterfaceState);
  if (bad) return `state ${show(state)} ${bad}: use InterfaceState.UP, DOWN or ABSENT, or leave it out`;
  if (binding === SecondaryNetworkBinding.SRIOV) {
    return `state ${show(state)} on an SR-IOV interface, which KubeVirt refuses (it cannot set an SR-IOV NIC's link, and unplugs bridge interfaces only): leave state out`;
  }
  return undefined;
}
