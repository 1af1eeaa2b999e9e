import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

const list = (value: unknown): KubeObject[] => (listOf(value));

/** Whether an entry has this name, compared as a Set compares (a VM has a few networks: a scan, not two Sets per VM). */
function hasName(entries: readonly KubeObject[], name: unknown): boolean {
  for (let i = 0; i < entries.length; i++) {
    const other = entries[i]?.name;
    if (other === name || (Number.isNaN(other) && Number.isNaN(name))) return true;
  }
  return false;
}

/** Every interface of a VM has a network, and every network an interface. */
export const interfacesAndNetworks: Rule = {
  id: ValidationRule.INTERFACES_AND_NETWORKS,
  order: 400,
  summary: 'every interface has a network, every network an interface',
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/network/admitter/validator.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm: { spec, specPath } } = listed[n];
      const interfaces = list(spec.domain?.devices?.interfaces);
      const networks = list(spec.networks);
      // Loops, not forEach: no closures per VM of a fleet (holes are skipped, as forEach skips them).
      for (let j = 0; j < interfaces.length; j++) {
        const iface = interfaces[j];
        if (j in interfaces && !hasName(networks, iface?.name)) {
          context.error(index, `${specPath}.domain.devices.interfaces[${j}].name`, `interface ${JSON.stringify(iface?.name)} has no network of the same name: add one to ${specPath}.networks (pod: {} or multus: { networkName }), or remove the interface`);
        }
      }
      for (let j = 0; j < networks.length; j++) {
        const network = networks[j];
        if (j in networks && !hasName(interfaces, network?.name)) {
          context.error(index, `${specPath}.networks[${j}].name`, `network ${JSON.stringify(network?.name)} is used by no interface: add an interface named ${JSON.stringify(network?.name)} to ${specPath}.domain.devices.interfaces, or remove the network`);
        }
      }
    }
  },
};
