import { attach, issuesOf, vm } from './rule-fixtures';
import { uniqueNetworkNames } from '../../../src/validation/rules/unique-network-names';

const PREFIX = 'error unique-network-names VirtualMachine web spec.template.spec';

describe('rule unique-network-names', () => {
  test('two networks and two interfaces of one name', () => {
    const manifest = vm('web', (s) => {
      attach(s, 'mq/br1');
      attach(s, 'mq/br2');
    });
    expect(issuesOf(uniqueNetworkNames, [manifest])).toEqual([
      `${PREFIX}.networks[2].name: VirtualMachine "mq/web" has two networks named "repl", and KubeVirt needs network names unique: rename one, and its interface`,
      `${PREFIX}.domain.devices.interfaces[2].name: VirtualMachine "mq/web" has two interfaces named "repl", and KubeVirt connects one interface to a network: rename one, and give it a network of its own`,
    ]);
  });

  test('stays quiet on the near misses: the same NAD twice under two names, and the same names in two VMs', () => {
    const manifest = vm('web', (s) => {
      attach(s, 'mq/br1', 'a');
      attach(s, 'mq/br1', 'b');
    });
    expect(issuesOf(uniqueNetworkNames, [manifest, vm('db')])).toEqual([]);
  });
});
