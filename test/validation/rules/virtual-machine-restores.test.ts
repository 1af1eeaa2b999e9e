import { issuesOf } from './rule-fixtures';
import { virtualMachineRestores } from '../../../src/validation/rules/virtual-machine-restores';

const TARGET = { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' };
const restore = (name: string, spec: object): any => ({
  apiVersion: 'snapshot.kubevirt.io/v1beta1',
  kind: 'VirtualMachineRestore',
  metadata: { name, namespace: 'mq' },
  spec: { virtualMachineSnapshotName: 'nightly', target: TARGET, ...spec },
});

describe('rule virtual-machine-restores', () => {
  test('fires on a volumeRestorePolicy KubeVirt does not know', () => {
    expect(issuesOf(virtualMachineRestores, [restore('back', { volumeRestorePolicy: 'Overwrite' })])).toEqual([
      'error virtual-machine-restores VirtualMachineRestore back spec.volumeRestorePolicy: VirtualMachineRestore "mq/back" has volumeRestorePolicy "Overwrite", which KubeVirt does not know: use "InPlace", "RandomizeNames", "PrefixTargetName", or leave it out',
    ]);
  });

  test('fires on a bad target, patches, overrides and ownership policy', () => {
    const objects = [
      restore('a', { target: { kind: 'VirtualMachine', name: 'web' } }),
      restore('b', { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachineInstance', name: 'web' } }),
      restore('c', {
        patches: ['{"op": "replace", "path": "/metadata/name", "value": "copy"}', '{"op": "add", "path": "/spec/template/metadata/labels/x", "value": "a:b"}'],
        volumeRestoreOverrides: [{ restoreName: 'root-copy' }, { volumeName: 'data' }],
        volumeOwnershipPolicy: 'Pod',
      }),
    ];
    expect(issuesOf(virtualMachineRestores, objects).map((i) => i.split(': ')[0].split(' ').pop())).toEqual([
      'spec.target.apiGroup',
      'spec.target.kind',
      'spec.patches[0]',
      'spec.patches[1]',
      'spec.volumeRestoreOverrides[0].volumeName',
      'spec.volumeRestoreOverrides[1]',
      'spec.volumeOwnershipPolicy',
    ]);
  });

  test('stays quiet on a restore KubeVirt accepts', () => {
    const fine = restore('back', {
      patches: ['{"op": "replace", "path": "/spec/runStrategy", "value": "Halted"}', '{"op": "add", "path": "/metadata/labels/restored", "value": "true"}'],
      volumeRestoreOverrides: [{ volumeName: 'root', restoreName: 'root-copy' }, { volumeName: 'data', labels: {} }],
      volumeRestorePolicy: 'InPlace',
      volumeOwnershipPolicy: 'None',
    });
    expect(issuesOf(virtualMachineRestores, [fine])).toEqual([]);
  });
});
