import { DeclaredNetworks, networkKeyOf, vmNetworkReferences } from '../declared-networks';
import { bareAddress, cloudInitVolumesOf, networkDataAddresses, networkDataOf } from '../network-addresses';
import { Rule, RuleSource } from '../rule';
import { IndexedVm, ObjectView, RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

/** A use of an address or of a network with fixed addresses. */
interface AddressUse {
  readonly index: number;
  readonly path: string;
  readonly holder: string;
}

/** The first holder of every address and of every network with fixed addresses; later holders get the error. */
class AddressLedger {
  private readonly addressUses = new Map<string, AddressUse>();
  private readonly fixedNetworkUses = new Map<string, AddressUse>();

  public constructor(private readonly context: RuleContext, private readonly networks: DeclaredNetworks) {}

  public useAddress(address: string, use: AddressUse): void {
    const bare = bareAddress(address);
    const first = this.addressUses.get(bare);
    if (!first) {
      this.addressUses.set(bare, use);
      return;
    }
    this.context.error(use.index, use.path, `static IP ${bare} of ${use.holder} is already used by ${first.holder}: each address can be used once; pick another`);
  }

  /** A network with fixed addresses gives them to every user, so it may have one. */
  public useNetwork(reference: string, objectNamespace: string | undefined, use: AddressUse): void {
    const { key } = networkKeyOf(reference, objectNamespace);
    const network = this.networks.byKey.get(key);
    if (!network || network.fixed.length === 0) return; // unresolved: the multus-references rule's
    const first = this.fixedNetworkUses.get(key);
    if (first && first.holder !== use.holder) {
      this.context.error(use.index, use.path, `${network.holder} gives the fixed address ${network.fixed.join(', ')} to every attachment, and ${first.holder} already uses it: declare one network per VM or pod`);
    } else if (!first) {
      this.fixedNetworkUses.set(key, use);
    }
  }
}

/** A VM's Multus networks, then the addresses in its cloud-init network data. */
function virtualMachine(context: RuleContext, ledger: AddressLedger, { index, vm, holder }: IndexedVm): void {
  for (const network of vmNetworkReferences(vm)) {
    ledger.useNetwork(network.reference, vm.namespace, { index, path: network.path, holder: `${holder} interface ${JSON.stringify(network.name)}` });
  }
  for (const { volume, path } of cloudInitVolumesOf(vm)) {
    const networkData = networkDataOf(vm, context.index, volume);
    if (networkData === undefined) continue;
    for (const { where, address } of networkDataAddresses(networkData)) ledger.useAddress(address, { index, path: `${path} (network data ${where})`, holder });
  }
}

/** The networks and `ips` a pod's Multus annotation asks for. */
function pod(ledger: AddressLedger, { index, object, podNetworks }: ObjectView): void {
  for (const selection of podNetworks?.selections ?? []) {
    const use = { index, path: podNetworks!.path, holder: podNetworks!.holder };
    ledger.useNetwork(selection.namespace ? `${selection.namespace}/${selection.name}` : selection.name, object.metadata?.namespace, use);
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
      network.fixed.forEach((address, j) => ledger.useAddress(address, { index: network.index, path: `${network.path} (ipam.addresses[${j}])`, holder: network.holder }));
    }
    // In object order, so the first holder is the object that comes first.
    const vms = context.vms;
    let nextVm = 0;
    for (const view of context.views) {
      if (view.vm) virtualMachine(context, ledger, vms[nextVm++]);
      else if (view.podNetworks) pod(ledger, view);
    }
  },
};
