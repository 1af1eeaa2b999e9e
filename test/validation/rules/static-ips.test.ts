import { attach, issuesOf, nad, vm } from './rule-fixtures';
import { staticIps } from '../../../src/validation/rules/static-ips';

describe('rule static-ips', () => {
  test('fires on an address a pod asks for that a NAD already hands out; the first object in order keeps it', () => {
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'mq', annotations: { 'k8s.v1.cni.cncf.io/networks': '[{"name":"l2","ips":["10.0.0.9/24"]}]' } } });
    expect(issuesOf(staticIps, [pod('first'), nad('l2', 'mq'), nad('fixed', 'mq', { type: 'static', addresses: [{ address: '10.0.0.5/24' }] }), pod('second')])).toEqual([
      'error static-ips Pod second metadata.annotations["k8s.v1.cni.cncf.io/networks"]: static IP 10.0.0.9 of Pod "mq/second" is already used by Pod "mq/first": each address can be used once; pick another',
    ]);
  });

  test('a VirtualMachinePool before the VMs does not shift which VM each address is judged for', () => {
    const fixed = nad('fixed', 'mq', { type: 'static', addresses: [{ address: '10.0.0.5/24' }] });
    const pool = { apiVersion: 'pool.kubevirt.io/v1beta1', kind: 'VirtualMachinePool', metadata: { name: 'p', namespace: 'mq' }, spec: { virtualMachineTemplate: { spec: vm('t').spec } } };
    const expected = [
      'error static-ips VirtualMachine b spec.template.spec.networks[1].multus.networkName: NetworkAttachmentDefinition "mq/fixed" gives the fixed address 10.0.0.5/24 to every attachment, and VirtualMachine "mq/a" interface "repl" already uses it: declare one network per VM or pod',
    ];
    const a = vm('a', (s) => attach(s, 'fixed'));
    const b = vm('b', (s) => attach(s, 'fixed'));
    expect(issuesOf(staticIps, [fixed, a, b])).toEqual(expected);
    expect(issuesOf(staticIps, [fixed, pool, a, b])).toEqual(expected);
  });

  test('stays quiet when each VM has its own network with a fixed address, and on unresolved references (multus-references reports those)', () => {
    const objects = [
      nad('a-net', 'mq', { type: 'static', addresses: [{ address: '10.0.0.5/24' }] }),
      nad('b-net', 'mq', { type: 'static', addresses: [{ address: '10.0.0.6/24' }] }),
      vm('a', (s) => attach(s, 'a-net')), vm('b', (s) => attach(s, 'b-net')), vm('c', (s) => attach(s, 'missing')),
    ];
    expect(issuesOf(staticIps, objects)).toEqual([]);
  });
});
