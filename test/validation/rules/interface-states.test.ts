import { attach, issuesOf, vm } from './rule-fixtures';
import { interfaceStates } from '../../../src/validation/rules/interface-states';

const PREFIX = 'error interface-states VirtualMachine web spec.template.spec.domain.devices.interfaces';

describe('rule interface-states', () => {
  test('an unknown state, link state on SR-IOV, absent off bridge, absent on the default network', () => {
    const manifest = vm('web', (s) => {
      s.domain.devices.interfaces[0] = { name: 'default', bridge: {}, state: 'absent' };
      attach(s, 'mq/br1', 'typo');
      s.domain.devices.interfaces[1].state = 'Down';
      attach(s, 'mq/sr1', 'vf');
      s.domain.devices.interfaces[2] = { name: 'vf', sriov: {}, state: 'down' };
      attach(s, 'mq/br2', 'masq');
      s.domain.devices.interfaces[3] = { name: 'masq', masquerade: {}, state: 'absent' };
    });
    expect(issuesOf(interfaceStates, [manifest])).toEqual([
      `${PREFIX}[0].state: interface "default" of VirtualMachine "mq/web" has state "absent" on the default network, which KubeVirt cannot unplug: remove the interface and its network instead, or unplug a secondary one`,
      `${PREFIX}[1].state: interface "typo" of VirtualMachine "mq/web" has state "Down", which KubeVirt does not know: use "up", "down" or "absent" (to unplug it), or leave state out for up`,
      `${PREFIX}[2].state: interface "vf" of VirtualMachine "mq/web" is SR-IOV with state "down", and KubeVirt cannot set the link of an SR-IOV NIC: leave state out`,
      `${PREFIX}[3].state: interface "masq" of VirtualMachine "mq/web" has state "absent", which KubeVirt supports only for bridge interfaces (hot-unplug): remove the interface and its network instead`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    const manifest = vm('web', (s) => {
      s.domain.devices.interfaces[0].state = 'down';
      attach(s, 'mq/br1', 'gone');
      s.domain.devices.interfaces[1].state = 'absent';
      attach(s, 'mq/sr1', 'vf');
      s.domain.devices.interfaces[2] = { name: 'vf', sriov: {}, state: '' };
      attach(s, 'mq/br2', 'up');
      s.domain.devices.interfaces[3].state = 'up';
    });
    expect(issuesOf(interfaceStates, [manifest])).toEqual([]);
  });
});
