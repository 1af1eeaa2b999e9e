import { issuesOf } from './rule-fixtures';
import { virtualMachineExports } from '../../../src/validation/rules/virtual-machine-exports';

const exported = (name: string, source: object): any => ({
  apiVersion: 'export.kubevirt.io/v1beta1',
  kind: 'VirtualMachineExport',
  metadata: { name, namespace: 'mq' },
  spec: { source },
});

describe('rule virtual-machine-exports', () => {
  test('fires on a VirtualMachine source without apiGroup', () => {
    expect(issuesOf(virtualMachineExports, [exported('web', { kind: 'VirtualMachine', name: 'web' })])).toEqual([
      'error virtual-machine-exports VirtualMachineExport web spec.source.apiGroup: VirtualMachineExport "mq/web" has a VirtualMachine source without apiGroup, which KubeVirt refuses: set apiGroup "kubevirt.io"',
    ]);
  });

  test('fires on an unknown kind, a claim with an apiGroup, a snapshot with another group, an empty name', () => {
    const objects = [
      exported('a', { kind: 'DataVolume', name: 'root' }),
      exported('b', { apiGroup: 'v1', kind: 'PersistentVolumeClaim', name: 'root' }),
      exported('c', { apiGroup: 'kubevirt.io', kind: 'VirtualMachineSnapshot', name: '' }),
    ];
    expect(issuesOf(virtualMachineExports, objects).map((i) => i.split(' has ')[1].split(', which')[0])).toEqual([
      'source kind "DataVolume"',
      'a PersistentVolumeClaim source with apiGroup "v1"',
      'a VirtualMachineSnapshot source without a name',
      'a VirtualMachineSnapshot source with apiGroup "kubevirt.io"',
    ]);
  });

  test('stays quiet on each source KubeVirt exports', () => {
    const fine = [
      exported('a', { kind: 'PersistentVolumeClaim', name: 'root' }),
      exported('b', { apiGroup: '', kind: 'PersistentVolumeClaim', name: 'root' }),
      exported('c', { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' }),
      exported('d', { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'nightly' }),
      exported('e', { apiGroup: 'backup.kubevirt.io', kind: 'VirtualMachineBackup', name: 'b1' }),
    ];
    expect(issuesOf(virtualMachineExports, fine)).toEqual([]);
  });
});
