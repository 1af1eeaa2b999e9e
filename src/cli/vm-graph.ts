import { KubeObject, ObjectIndex, VmView, apiGroupOf, claimBackingOf, isKubeObject, qualifiedName, vmView } from '../model/object-index';
import { bareAddress, networkDataAddresses, networkDataOf, splitNetworkName, staticIpamAddresses } from '../validation/network-addresses';

type Shape = 'vm' | 'storage' | 'ephemeral' | 'network';

const SHAPES: Record<Shape, [string, string]> = {
  vm: ['[', ']'],
  storage: ['[(', ')]'],
  ephemeral: ['[/', '/]'],
  network: ['{{', '}}'],
};

const ACCESS_MODE_SHORT: Record<string, string> = {
  ReadWriteMany: 'RWX', ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteOncePod: 'RWOP',
};

/** Mermaid label text: quotes become entities, so any name is safe inside `"..."`. */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/** Builds the Mermaid flowchart, giving nodes short ids in order of first appearance. */
class Flowchart {
  private readonly ids = new Map<string, string>();
  private readonly nodes: string[] = [];
  private readonly edges: string[] = [];
  private readonly notes: string[] = [];

  public node(key: string, shape: Shape, text: string): string {
    const existing = this.ids.get(key);
    if (existing) return existing;
    const id = `n${this.ids.size + 1}`;
    this.ids.set(key, id);
    const [open, close] = SHAPES[shape];
    this.nodes.push(`  ${id}${open}${label(text)}${close}`);
    return id;
  }

  public edge(from: string, to: string, text: string, dotted = false): void {
    this.edges.push(`  ${from} ${dotted ? '-.->' : '-->'}|${label(text)}| ${to}`);
  }

  /** A Mermaid comment (`%%`), for what the chart leaves out and why. */
  public note(text: string): void {
    this.notes.push(`  %% ${text.replace(/\n/g, ' ')}`);
  }

  public render(): string {
    return ['flowchart LR', ...this.notes, ...this.nodes, ...this.edges].join('\n') + '\n';
  }
}

function storageSummary(spec: KubeObject | undefined, claimSpec: boolean): string {
  const storage = claimSpec ? spec : spec?.storage ?? spec?.pvc;
  const size = storage?.resources?.requests?.storage;
  const modes: string[] = Array.isArray(storage?.accessModes) ? storage.accessModes.map((m: string) => ACCESS_MODE_SHORT[m] ?? m) : [];
  return [size, modes.join('+') || 'access mode unset', storage?.volumeMode].filter((part) => part !== undefined).join(' · ');
}

/** The storage node of a claim-backed volume: the DataVolume template, DataVolume or PVC behind it. */
function storageNode(chart: Flowchart, vm: VmView, index: ObjectIndex, volume: KubeObject): string {
  const claimName: string = volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;
  const key = `storage:${qualifiedName(vm.namespace, claimName)}`;
  const { template, dataVolume, claim } = claimBackingOf(vm, index, claimName);
  const text = template ? `DataVolume ${claimName}<br/>${storageSummary(template.spec, false)}`
    : dataVolume ? `DataVolume ${claimName}<br/>${storageSummary(dataVolume.spec, false)}`
      : claim ? `PVC ${claimName}<br/>${storageSummary(claim.spec, true)}`
        : `${volume.dataVolume ? 'DataVolume' : 'PVC'} ${claimName}<br/>(not in these manifests)`;
  return chart.node(key, 'storage', text);
}

/**
 * The list at `field` of the VM's instance spec, or [] when it is missing or not a list (a map
 * written by hand, say): the chart draws the rest and a note says what it left out.
 */
function listOf(chart: Flowchart, vm: VmView, field: 'volumes' | 'networks' | 'domain.devices.interfaces'): KubeObject[] {
  const value = field.split('.').reduce<any>((at, key) => at?.[key], vm.spec);
  if (value === undefined || Array.isArray(value)) return value ?? [];
  chart.note(`${vm.kind} ${qualifiedName(vm.namespace, vm.name)}: ${vm.specPath}.${field} is not a list, so it is not drawn: KubeVirt expects a list (- name: ...)`);
  return [];
}

/** Static addresses the guest configures, by network-data device name and by `mac:<address>`. */
function guestAddresses(vm: VmView, index: ObjectIndex, volumes: KubeObject[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  const add = (key: string, address: string) => byKey.set(key, [...(byKey.get(key) ?? []), address]);
  for (const volume of volumes) {
    const text = networkDataOf(vm, index, volume);
    if (text === undefined) continue;
    for (const { device, mac, address } of networkDataAddresses(text)) {
      if (device !== undefined) add(device, address);
      if (mac !== undefined) add(`mac:${mac}`, address);
    }
  }
  return byKey;
}

/**
 * A Mermaid flowchart of the VMs among `objects`: their disks (with size, access modes and
 * volume mode), the pod network and Multus networks, and the static IPs each interface carries.
 */
export function renderVmGraph(objects: readonly unknown[]): string {
  const index = new ObjectIndex(objects);
  const chart = new Flowchart();
  const nads = new Map<string, KubeObject>();
  for (const object of objects) {
    if (isKubeObject(object) && apiGroupOf(object.apiVersion) === 'k8s.cni.cncf.io' && object.kind === 'NetworkAttachmentDefinition') {
      nads.set(qualifiedName(object.metadata?.namespace, object.metadata?.name), object);
    }
  }

  for (const object of objects) {
    if (!isKubeObject(object)) continue;
    const vm = vmView(object);
    if (!vm) continue;
    const vmId = chart.node(`vm:${qualifiedName(vm.namespace, vm.name)}`, 'vm', `${vm.kind === 'VirtualMachine' ? 'VM' : 'VMI'} ${qualifiedName(vm.namespace, vm.name)}`);
    const volumes = listOf(chart, vm, 'volumes');
    for (const volume of volumes) {
      if (volume?.persistentVolumeClaim || volume?.dataVolume) {
        chart.edge(vmId, storageNode(chart, vm, index, volume), volume.name);
      } else if (volume?.containerDisk) {
        chart.edge(vmId, chart.node(`image:${volume.containerDisk.image}`, 'ephemeral', `containerDisk ${volume.containerDisk.image}`), volume.name, true);
      } else if (volume?.emptyDisk) {
        chart.edge(vmId, chart.node(`empty:${qualifiedName(vm.namespace, vm.name)}/${volume.name}`, 'ephemeral', `emptyDisk ${volume.emptyDisk.capacity}`), volume.name, true);
      }
    }
    const addresses = guestAddresses(vm, index, volumes);
    const interfaces = listOf(chart, vm, 'domain.devices.interfaces');
    for (const network of listOf(chart, vm, 'networks')) {
      const iface = interfaces.find((i) => i?.name === network?.name);
      // passtBinding is KubeVirt's core passt (v1.8+); `passt` the removed built-in one.
      const bindingKey = iface ? ['masquerade', 'bridge', 'sriov', 'passtBinding', 'passt', 'binding'].find((b) => iface[b] !== undefined) : undefined;
      const binding = bindingKey === 'passtBinding' ? 'passt' : bindingKey;
      if (network?.pod !== undefined) {
        chart.edge(vmId, chart.node('pod-network', 'network', 'pod network'), `${network.name}${binding ? ` (${binding})` : ''}`);
      } else if (typeof network?.multus?.networkName === 'string') {
        const { name, namespace } = splitNetworkName(network.multus.networkName);
        const key = qualifiedName(namespace ?? vm.namespace, name);
        const nad = nads.get(key);
        let cni = '';
        try {
          cni = nad ? JSON.parse(nad.spec?.config ?? '{}').type ?? '' : '';
        } catch {
          cni = '';
        }
        const networkId = chart.node(`nad:${key}`, 'network', `NAD ${key}${cni ? `<br/>${cni}` : ''}`);
        const ips = [
          ...(addresses.get(`mac:${String(iface?.macAddress ?? '').toLowerCase()}`) ?? addresses.get(network.name) ?? []),
          ...staticIpamAddresses(nad?.spec?.config),
        ];
        const unique = [...new Set(ips.map((ip) => ip.trim()))].sort((a, b) => bareAddress(a).localeCompare(bareAddress(b)));
        chart.edge(vmId, networkId, `${network.name}${unique.length > 0 ? ` ${unique.join(', ')}` : ''}`);
      }
    }
  }
  return chart.render();
}
