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
 * Static addresses in cloud-init network data: version 2 (`ethernets.*.addresses`) and
 * version 1 (`config[].subnets[].address`). DHCP interfaces have none.
 */
export function networkDataAddresses(text: string): NetworkDataAddress[] {
  const doc = parseDocument(text);
  if (doc === null || typeof doc !== 'object') return [];
  const network = doc.network ?? doc;
  const found: NetworkDataAddress[] = [];
  for (const group of ['ethernets', 'bonds', 'vlans', 'bridges']) {
    for (const [name, device] of Object.entries<any>(network[group] ?? {})) {
      const mac = typeof device?.match?.macaddress === 'string' ? device.match.macaddress.toLowerCase() : undefined;
      (listOf(device?.addresses)).forEach((address: unknown) => {
        if (typeof address === 'string') found.push({ where: `${group}.${name}`, device: name, mac, address });
      });
    }
  }
  (listOf(network.config)).forEach((entry: any, i: number) => {
    const mac = typeof entry?.mac_address === 'string' ? entry.mac_address.toLowerCase() : undefined;
    (listOf(entry?.subnets)).forEach((subnet: any) => {
      if (subnet?.type === 'static' && typeof subnet.address === 'string') found.push({ where: `config[${i}]`, device: entry?.name, mac, address: subnet.address });
    });
  });
  return found;
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

/** The VM's cloud-init volumes (NoCloud or ConfigDrive), in volume order. */
export function cloudInitVolumesOf(vm: VmView): CloudInitVolume[] {
  const volumes: KubeObject[] = listOf(vm.spec.volumes);
  const found: CloudInitVolume[] = [];
  for (let j = 0; j < volumes.length; j++) {
    const volume = volumes[j];
    const source = cloudInitSource(volume);
    if (source) found.push({ volume, source, path: `${vm.specPath}.volumes[${j}].${volume.cloudInitNoCloud ? 'cloudInitNoCloud' : 'cloudInitConfigDrive'}` });
  }
  return found;
}
