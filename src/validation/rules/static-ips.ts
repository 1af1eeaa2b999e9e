import { DeclaredNetwork, DeclaredNetworks, NetworkKeys, vmNetworkReferences } from '../declared-networks';
import { bareAddress, cloudInitVolumesOf, forEachNetworkDataAddress, networkDataOf } from '../network-addresses';
import { Rule, RuleSource } from '../rule';
import { IndexedVm, ObjectView, RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

/** A use of an address or of a network with fixed addresses. */
interface AddressUse {
  readonly index: number;
  /** Holds the field path (a VM's cloud-init volume builds it when read: a valid fleet reads none). */
  readonly at: { readonly path: string };
  readonly holder: string;
  /** Where in the cloud-init network data, appended to the path in messages. */
  readonly where?: () => string;
}

/** The field path a message names: the network data's place is added only when an issue is reported. */
const pathOf = (use: AddressUse): string => (use.where === undefined ? use.at.path : `${use.at.path} (network data ${use.where()})`);

/** The first holder of every address and of every network with fixed addresses; later holders get the error. */
class AddressLedger {
  private readonly addressUses = new Map<string, AddressUse>();
  private readonly fixedNetworkUses = new Map<string, AddressUse>();
  /** `networkKeyOf` by namespace and reference: a fleet's VMs name the same networks. */
  private readonly keys = new NetworkKeys();

  public constructor(private readonly context: RuleContext, private readonly networks: DeclaredNetworks) {}

  public useAddress(address: string, use: AddressUse): void {
    const bare = bareAddress(address);
    const first = this.addressUses.get(bare);
    if (!first) {
      this.addressUses.set(bare, use);
      return;
    }
    this.context.error(use.index, pathOf(use), `static IP ${bare} of ${use.holder} is already used by ${first.holder}: each address can be used once; pick another`);
  }

  /** The network a reference names when it has fixed addresses (else it needs no use recorded), and its key. */
  public fixedNetwork(reference: string, objectNamespace: string | undefined): { key: string; network: DeclaredNetwork } | undefined {
    const key = this.keys.of(reference, objectNamespace).key;
    const network = this.networks.byKey.get(key);
    return !network || network.fixed.length === 0 ? undefined : { key, network }; // unresolved: the multus-references rule's
  }

  /** A network with fixed addresses gives them to every user, so it may have one. */
  public useNetwork({ key, network }: { key: string; network: DeclaredNetwork }, use: AddressUse): void {
    const first = this.fixedNetworkUses.get(key);
    if (first && first.holder !== use.holder) {
      this.context.error(use.index, pathOf(use), `${network.holder} gives the fixed address ${network.fixed.join(', ')} to every attachment, and ${first.holder} already uses it: declare one network per VM or pod`);
    } else if (!first) {
      this.fixedNetworkUses.set(key, use);
    }
  }
}

/** A VM's Multus networks, then the addresses in its cloud-init network data. */
function virtualMachine(context: RuleContext, ledger: AddressLedger, { index, vm, holder }: IndexedVm): void {
  for (const network of vmNetworkReferences(vm)) {
    const fixed = ledger.fixedNetwork(network.reference, vm.namespace);
    if (fixed) ledger.useNetwork(fixed, { index, at: network, holder: `${holder} interface ${JSON.stringify(network.name)}` });
  }
  for (const volume of cloudInitVolumesOf(vm)) {
    const networkData = networkDataOf(vm, context.index, volume.volume);
    if (networkData === undefined) continue;
    forEachNetworkDataAddress(networkData, (address, where) => ledger.useAddress(address, { index, at: volume, holder, where }));
  }
}

/** The networks and `ips` a pod's Multus annotation asks for. */
function pod(ledger: AddressLedger, { index, object, podNetworks }: ObjectView): void {
  for (const selection of podNetworks?.selections ?? []) {
    const use = { index, at: podNetworks!, holder: podNetworks!.holder };
    const fixed = ledger.fixedNetwork(selection.namespace ? `${selection.namespace}/${selection.name}` : selection.name, object.metadata?.namespace);
    if (fixed) ledger.useNetwork(fixed, use);
    for (const ip of selection.ips) ledger.useAddress(ip, use);
  }
}

/** No static IP is used twice, and no network with fixed addresses serves two users. */
export const staticIps: Rule = {
  id: ValidationRule.STATIC_IPS,
  order: 600,
  summary: 'no address is used twice (NAD static IPAM, cloud-init network data, pod `ips`); a network with fixed addresses serves one user',
  reference: 'https://www.cni.dev/plugins/current/ipam/static/',
  source: RuleSource.PROJECT,
  check(context) {
    const networks = context.networks;
    const ledger = new AddressLedger(context, networks);
    // The networks' own addresses first: a VM or pod using one of them is the one to change.
    for (const network of networks.declarations) {
      network.fixed.forEach((address, j) => ledger.useAddress(address, { index: network.index, at: { path: `${network.path} (ipam.addresses[${j}])` }, holder: network.holder }));
    }
    // In object order, so the first holder is the object that comes first.
    // context.vms holds the VMs in object order, and the VM templates of pools among them: a VM's
    // entry is the next one of its object that is not a template.
    const vms = context.vms;
    let nextVm = 0;
    const listed = context.viewsWithNetworks;
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      if (view.vm) {
        while (vms[nextVm].index !== view.index || vms[nextVm].objectPath !== '') nextVm++;
        virtualMachine(context, ledger, vms[nextVm++]);
      } else if (view.podNetworks) {
        pod(ledger, view);
      }
    }
  },
};
