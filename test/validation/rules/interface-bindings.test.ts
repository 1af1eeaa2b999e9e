import { attach, issuesOf, vm } from './rule-fixtures';
import { interfaceBindings } from '../../../src/validation/rules/interface-bindings';

const PREFIX = 'error interface-bindings VirtualMachine web spec.template.spec.domain.devices.interfaces';

describe('rule interface-bindings', () => {
  test('two bindings, none, a discontinued one, masquerade off the pod network, the reserved MAC', () => {
    const manifest = vm('web', (s) => {
      s.domain.devices.interfaces[0].macAddress = '02:00:00:00:00:00';
      attach(s, 'mq/br1', 'two');
      s.domain.devices.interfaces[1].sriov = {};
      attach(s, 'mq/br2', 'none');
      delete s.domain.devices.interfaces[2].bridge;
      attach(s, 'mq/br3', 'old');
      s.domain.devices.interfaces[3] = { name: 'old', macvtap: {} };
      attach(s, 'mq/br4', 'masq');
      s.domain.devices.interfaces[4] = { name: 'masq', masquerade: {} };
    });
    expect(issuesOf(interfaceBindings, [manifest])).toEqual([
      `${PREFIX}[0].macAddress: interface "default" of VirtualMachine "mq/web" has MAC address "02:00:00:00:00:00", which KubeVirt reserves for the in-pod bridge of masquerade interfaces: choose another address, or leave macAddress out`,
      `${PREFIX}[1].sriov: interface "two" of VirtualMachine "mq/web" has bindings "bridge" and "sriov", and KubeVirt requires exactly one binding per interface: keep one`,
      `${PREFIX}[2].name: interface "none" of VirtualMachine "mq/web" has no binding, and KubeVirt requires exactly one per interface: add masquerade: {} (pod network), bridge: {} or sriov: {} (Multus network), or binding: { name } for a binding plugin`,
      `${PREFIX}[3].macvtap: interface "old" of VirtualMachine "mq/web" uses binding "macvtap", which KubeVirt discontinued in v1.3 and refuses: use bridge: {} on a Multus network (or the macvtap binding plugin) instead`,
      `${PREFIX}[4].masquerade: interface "masq" of VirtualMachine "mq/web" uses masquerade on network "masq", which is not the pod network, and KubeVirt implements masquerade only on the pod network: use bridge: {} or sriov: {} on a Multus network, or connect it to a network with pod: {}`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    const manifest = vm('web', (s) => {
      s.domain.devices.interfaces[0].macAddress = '02:00:00:00:00:01';
      attach(s, 'mq/br1', 'br');
      attach(s, 'mq/sr1', 'sr');
      s.domain.devices.interfaces[2] = { name: 'sr', sriov: {} };
      attach(s, 'mq/plug', 'plug');
      s.domain.devices.interfaces[3] = { name: 'plug', binding: { name: 'macvtap' } };
    });
    expect(issuesOf(interfaceBindings, [manifest])).toEqual([]);
  });

  test('leaves an interface without a network to interfaces-and-networks', () => {
    const manifest = vm('web', (s) => s.domain.devices.interfaces.push({ name: 'orphan', masquerade: {} }));
    expect(issuesOf(interfaceBindings, [manifest])).toEqual([]);
  });
});
