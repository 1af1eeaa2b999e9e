import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

/** Reports each entry whose name an earlier entry of the same list already has. */
function checkUnique(context: RuleContext, index: number, path: string, entries: unknown, describe: (name: string) => string): void {
  if (!Array.isArray(entries)) return;
  const seen = new Set<unknown>();
  entries.forEach((entry, position) => {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return; // the schema reports it
    if (seen.has(name)) context.error(index, `${path}[${position}].name`, describe(name));
    seen.add(name);
  });
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
    for (const { index, vm, holder } of context.vms) {
      checkUnique(context, index, `${vm.specPath}.networks`, vm.spec.networks, (name) =>
        `${holder} has two networks named ${show(name)}, and KubeVirt needs network names unique: rename one, and its interface`);
      checkUnique(context, index, `${vm.specPath}.domain.devices.interfaces`, vm.spec.domain?.devices?.interfaces, (name) =>
        `${holder} has two interfaces named ${show(name)}, and KubeVirt connects one interface to a network: rename one, and give it a network of its own`);
    }
  },
};
