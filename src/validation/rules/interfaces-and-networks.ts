import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

const list = (value: unknown): KubeObject[] => (listOf(value));

/** Every interface of a VM has a network, and every network an interface. */
export const interfacesAndNetworks: Rule = {
  id: ValidationRule.INTERFACES_AND_NETWORKS,
  order: 400,
  summary: 'every interface has a network, every network an interface',
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/network/admitter/validator.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    for (const { index, vm: { spec, specPath } } of context.vms) {
      const interfaces = list(spec.domain?.devices?.interfaces);
      const networks = list(spec.networks);
      const networkNames = new Set(networks.map((n) => n?.name));
      const interfaceNames = new Set(interfaces.map((n) => n?.name));
      interfaces.forEach((iface, j) => {
        if (!networkNames.has(iface?.name)) {
          context.error(index, `${specPath}.domain.devices.interfaces[${j}].name`, `interface ${JSON.stringify(iface?.name)} has no network of the same name: add one to ${specPath}.networks (pod: {} or multus: { networkName }), or remove the interface`);
        }
      });
      networks.forEach((network, j) => {
        if (!interfaceNames.has(network?.name)) {
          context.error(index, `${specPath}.networks[${j}].name`, `network ${JSON.stringify(network?.name)} is used by no interface: add an interface named ${JSON.stringify(network?.name)} to ${specPath}.domain.devices.interfaces, or remove the network`);
        }
      });
    }
  },
};
