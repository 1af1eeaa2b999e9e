import { issuesOf, vm } from './rule-fixtures';
import { interfacesAndNetworks } from '../../../src/validation/rules/interfaces-and-networks';

describe('rule interfaces-and-networks', () => {
  test('fires on an interface without a network of its name', () => {
    expect(issuesOf(interfacesAndNetworks, [vm('a', (s) => { s.networks[0].name = 'pod'; })])).toEqual([
      'error interfaces-and-networks VirtualMachine a spec.template.spec.domain.devices.interfaces[0].name: interface "default" has no network of the same name: add one to spec.template.spec.networks (pod: {} or multus: { networkName }), or remove the interface',
      'error interfaces-and-networks VirtualMachine a spec.template.spec.networks[0].name: network "pod" is used by no interface: add an interface named "pod" to spec.template.spec.domain.devices.interfaces, or remove the network',
    ]);
  });

  test('stays quiet on a VM with no network at all, and on a VMI whose pairs match', () => {
    const vmi = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'i' }, spec: { domain: { devices: { interfaces: [{ name: 'n' }] } }, networks: [{ name: 'n', pod: {} }] } };
    expect(issuesOf(interfacesAndNetworks, [vm('a', (s) => { s.networks = []; s.domain.devices.interfaces = []; }), vmi])).toEqual([]);
  });
});
