import { parse } from 'yaml';
import { listOf } from '../common/objects';
import { KubeObject, ObjectIndex, VmView } from '../model/object-index';

/** The Multus annotation that puts a pod (or virt-launcher pod) on secondary networks. */
export const MULTUS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** One network a pod asks Multus for. */
export interface MultusSelection {
  readonly name: string;
  /** undefined: the pod's own namespace. */
  readonly namespace?: string;
  /** Addresses requested with `ips` (static IPAM with the `ips` capability). */
  readonly ips: string[];
}

/**
 * Parses the `k8s.v1.cni.cncf.io/networks` annotation: a JSON list of selections, or the
 * short form `ns/name@ifname, other`. Returns undefined when the value is neither.
 */
export function parseMultusAnnotation(value: unknown): MultusSelection[] | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const list = JSON.parse(text);
      if (!Array.isArray(list)) return undefined;
      return list.map((entry: any) => ({
        name: String(entry?.name),
        namespace: typeof entry?.namespace === 'string' ? entry.namespace : undefined,
        ips: Array.isArray(entry?.ips) ? entry.ips.filter((ip: unknown) => typeof ip === 'string') : [],
      }));
    } catch {
      return undefined;
    }
  }
  if (text === '') return [];
  return text.split(',').map((part) => splitNetworkName(part.trim().split('@')[0])).map((ref) => ({ ...ref, ips: [] }));
}

/** `ns/name` or `name` (KubeVirt's `multus.networkName`, the annotation's short form). */
export function splitNetworkName(value: string): { name: string; namespace?: string } {
  const slash = value.indexOf('/');
  return slash < 0 ? { name: value } : { namespace: value.slice(0, slash), name: value.slice(slash + 1) };
}

/** The fixed addresses of a CNI config's static IPAM (`ipam.addresses[].address`), or none. */
export function staticIpamAddresses(config: unknown): string[] {
  if (typeof config !== 'string') return [];
  let parsed: any;
  try {
    parsed = JSON.parse(config);
  } catch {
    return [];
  }
  // A conflist nests plugins; a plain config is one plugin.
  const plugins: any[] = Array.isArray(parsed?.plugins) ? parsed.plugins : [parsed];
  return plugins.flatMap((plugin) => (plugin?.ipam?.type === 'static' && Array.isArray(plugin.ipam.addresses)
    ? plugin.ipam.addresses.map((a: any) => a?.address).filter((a: unknown): a is string => typeof a === 'string')
    : []));
}

function parseDocument(text: string): any {
  const trimmed = text.trim();
  // Generated network data is small; JSON is tried first because it is much faster to parse.
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // fall through to YAML
    }
  }
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** A static address in cloud-init network data, and the device it is configured on. */
export interface NetworkDataAddress {
  /** Where in the network data, e.g. `ethernets.repl`. */
  readonly where: string;
  /** The device's name in the network data (for KubeVirt-generated data, the interface name). */
  readonly device?: string;
  /** The MAC address the device is matched by, lowercase. */
  readonly mac?: string;
  readonly address: string;
}

/**
 * Calls `visit` with each static address in parsed network data, where it sits (the group and
 * device of version 2, or the position in version 1's `config`) and its device's entry.
 */
type AddressVisitor = (address: string, group: string | undefined, device: string | undefined, entry: any, position: number) => void;

function visitAddresses(doc: any, visit: AddressVisitor): void {
  if (doc === null || typeof doc !== 'object') return;
  const network = doc.network ?? doc;
  for (let g = 0; g < DEVICE_GROUPS.length; g++) {
    const group = DEVICE_GROUPS[g];
    const devices = network[group];
    if (devices === undefined || devices === null) continue; // most network data has ethernets only
    // Keys, then values: what Object.entries yields, without a pair per device.
    const names = Object.keys(devices);
    for (let d = 0; d < names.length; d++) {
      const name = names[d];
      const device = devices[name];
      const addresses = device?.addresses;
      if (!Array.isArray(addresses)) continue; // a DHCP device
      for (let i = 0; i < addresses.length; i++) {
        if (i in addresses && typeof addresses[i] === 'string') visit(addresses[i], group, name, device, -1);
      }
    }
  }
  // Version 1, which KubeVirt-generated data does not use: nothing to build for it then.
  if (Array.isArray(network.config)) {
    network.config.forEach((entry: any, i: number) => {
      listOf(entry?.subnets).forEach((subnet: any) => {
        if (subnet?.type === 'static' && typeof subnet.address === 'string') visit(subnet.address, undefined, entry?.name, entry, i);
      });
    });
  }
}

const DEVICE_GROUPS = ['ethernets', 'bonds', 'vlans', 'bridges'];

/** Where an address sits in the network data, as messages name it: `ethernets.repl`, `config[0]`. */
const whereOf = (group: string | undefined, device: string | undefined, position: number): string => (group === undefined ? `config[${position}]` : `${group}.${device}`);

/**
 * Static addresses in cloud-init network data: version 2 (`ethernets.*.addresses`) and
 * version 1 (`config[].subnets[].address`). DHCP interfaces have none.
 */
export function networkDataAddresses(text: string): NetworkDataAddress[] {
  const found: NetworkDataAddress[] = [];
  visitAddresses(parseDocument(text), (address, group, device, entry, position) => {
    const written = group === undefined ? entry?.mac_address : entry?.match?.macaddress;
    const mac = typeof written === 'string' ? written.toLowerCase() : undefined;
    found.push({ where: whereOf(group, device, position), device, mac, address });
  });
  return found;
}

/**
 * Each static address in cloud-init network data, with where it sits built only on demand
 * (`where()`): the static-ips rule reads every VM's network data and names the place only in a message.
 */
export function forEachNetworkDataAddress(text: string, visit: (address: string, where: () => string) => void): void {
  visitAddresses(parseDocument(text), (address, group, device, _entry, position) => visit(address, () => whereOf(group, device, position)));
}

/** The address without its prefix length (`192.168.4.1/24` -> `192.168.4.1`). */
export function bareAddress(address: string): string {
  const slash = address.indexOf('/');
  return (slash < 0 ? address : address.slice(0, slash)).trim().toLowerCase();
}

/** The cloud-init source of a VM volume, and the key names its Secret uses. */
export function cloudInitSource(volume: KubeObject): KubeObject | undefined {
  return volume?.cloudInitNoCloud ?? volume?.cloudInitConfigDrive;
}

/** Decodes a Secret's value: `stringData` as is, `data` from base64. */
export function secretValue(secret: KubeObject | undefined, key: string): string | undefined {
  if (!secret) return undefined;
  const direct = secret.stringData?.[key];
  if (typeof direct === 'string') return direct;
  const encoded = secret.data?.[key];
  return typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}

/**
 * The cloud-init network data of a VM volume: inline, base64, or from the Secret it names
 * (looked up among the objects). Undefined when the volume has none or the Secret is elsewhere.
 */
export function networkDataOf(vm: VmView, index: ObjectIndex, volume: KubeObject): string | undefined {
  const source = cloudInitSource(volume);
  if (!source) return undefined;
  if (typeof source.networkData === 'string') return source.networkData;
  if (typeof source.networkDataBase64 === 'string') return Buffer.from(source.networkDataBase64, 'base64').toString('utf8');
  const secretName = source.networkDataSecretRef?.name;
  return secretName === undefined ? undefined : secretValue(index.find('', 'Secret', vm.namespace, secretName), 'networkdata');
}

/** A cloud-init volume of a VM: the volume, its cloud-init source and the source's field path. */
export interface CloudInitVolume {
  readonly volume: KubeObject;
  readonly source: KubeObject;
  /** e.g. `spec.template.spec.volumes[1].cloudInitNoCloud`. */
  readonly path: string;
}

/** A cloud-init volume whose field path is built when read: messages need it, a valid fleet does not. */
class CloudInitVolumeAt implements CloudInitVolume {
  public constructor(
    public readonly volume: KubeObject, public readonly source: KubeObject, private readonly specPath: string, private readonly position: number,
  ) {}

  public get path(): string {
    return `${this.specPath}.volumes[${this.position}].${this.volume.cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive'}`;
  }
}

/** The VM's cloud-init volumes (NoCloud or ConfigDrive), in volume order. */
export function cloudInitVolumesOf(vm: VmView): CloudInitVolume[] {
  const volumes: KubeObject[] = listOf(vm.spec.volumes);
  const found: CloudInitVolume[] = [];
  for (let j = 0; j < volumes.length; j++) {
    const volume = volumes[j];
    const source = cloudInitSource(volume);
    if (source) found.push(new CloudInitVolumeAt(volume, source, vm.specPath, j));
  }
  return found;
}
