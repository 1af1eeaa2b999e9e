import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

/** Whether an entry before `position` has this name (lists of a VM are short: a scan, not a Set per list). */
function namedBefore(entries: unknown[], position: number, name: string): boolean {
  for (let i = 0; i < position; i++) {
    if ((entries[i] as { name?: unknown } | null)?.name === name) return true;
  }
  return false;
}

/** Reports each entry whose name an earlier entry of the same list already has. */
function checkUnique(context: RuleContext, index: number, path: string, entries: unknown, describe: (name: string) => string): void {
  if (!Array.isArray(entries)) return;
  entries.forEach((entry, position) => {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return; // the schema reports it
    if (namedBefore(entries, position, name)) context.error(index, `${path}[${position}].name`, describe(name));
  });
}

const networkTwice = (holder: string) => (name: string): string =>
  `${holder} has two networks named ${show(name)}, and KubeVirt needs network names unique: rename one, and its interface`;
const interfaceTwice = (holder: string) => (name: string): string =>
  `${holder} has two interfaces named ${show(name)}, and KubeVirt connects one interface to a network: rename one, and give it a network of its own`;

/** Whether some name repeats in the list (checked before any path is built). */
function repeats(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  for (let position = 1; position < entries.length; position++) {
    const name = (entries[position] as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && namedBefore(entries, position, name)) return true;
  }
  return false;
}

/** No two networks, and no two interfaces, of a VM share a name. */
export const uniqueNetworkNames: Rule = {
  id: 'unique-network-names',
  order: 1330,
  summary: 'no two networks and no two interfaces of a VM share a name (an interface connects to the one network of its name), as KubeVirt\'s network admission requires',
  // Upstream functions: validateNetworkNameUnique, validateInterfaceNameUnique.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/network/admitter/netiface.go#L75-L105',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const networks = vm.spec.networks;
      if (repeats(networks)) checkUnique(context, index, `${vm.specPath}.networks`, networks, networkTwice(holder));
      const interfaces = vm.spec.domain?.devices?.interfaces;
      if (repeats(interfaces)) checkUnique(context, index, `${vm.specPath}.domain.devices.interfaces`, interfaces, interfaceTwice(holder));
    }
  },
};
