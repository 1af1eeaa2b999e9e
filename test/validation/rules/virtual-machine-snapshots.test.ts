import { issuesOf } from './rule-fixtures';
import { virtualMachineSnapshots } from '../../../src/validation/rules/virtual-machine-snapshots';

const snapshot = (name: string, source: object): any => ({
  apiVersion: 'snapshot.kubevirt.io/v1beta1', kind: 'VirtualMachineSnapshot', metadata: { name, namespace: 'mq' }, spec: { source },
});

describe('rule virtual-machine-snapshots', () => {
  test('fires on a source without apiGroup', () => {
    expect(issuesOf(virtualMachineSnapshots, [snapshot('nightly', { kind: 'VirtualMachine', name: 'web' })])).toEqual([
      'error virtual-machine-snapshots VirtualMachineSnapshot nightly spec.source.apiGroup: VirtualMachineSnapshot "mq/nightly" has a source without apiGroup, which KubeVirt refuses (it snapshots VirtualMachines of kubevirt.io only): set source to { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "web" }',
    ]);
  });

  test('fires on another apiGroup or kind', () => {
    const objects = [
      snapshot('a', { apiGroup: 'cdi.kubevirt.io', kind: 'DataVolume', name: 'root' }),
      snapshot('b', { apiGroup: 'kubevirt.io', kind: 'VirtualMachineInstance', name: 'web' }),
    ];
    expect(issuesOf(virtualMachineSnapshots, objects).map((i) => i.split(' has ')[1].split(', which')[0])).toEqual([
      'source apiGroup "cdi.kubevirt.io"',
      'source kind "VirtualMachineInstance"',
    ]);
  });

  test('stays quiet on a VirtualMachine source', () => {
    expect(issuesOf(virtualMachineSnapshots, [snapshot('nightly', { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' })])).toEqual([]);
  });
});
