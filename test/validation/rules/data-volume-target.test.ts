import { dataVolume, dataVolumeSpec } from './data-volume-fixtures';
import { issuesOf, vm } from './rule-fixtures';
import { dataVolumeTarget } from '../../../src/validation/rules/data-volume-target';

describe('rule data-volume-target', () => {
  test('fires on a DataVolume with neither storage nor pvc, and on one with both', () => {
    const neither = dataVolume('disk', (s) => { delete s.storage; });
    const both = dataVolume('both', (s) => { s.pvc = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }; });
    expect(issuesOf(dataVolumeTarget, [neither, both])).toEqual([
      'error data-volume-target DataVolume disk spec.storage: DataVolume "mq/disk" has neither storage nor pvc, which CDI refuses (it would not know what claim to make): add storage with resources.requests.storage (CDI fills in access and volume modes from the storage profile)',
      'error data-volume-target DataVolume both spec: DataVolume "mq/both" has both storage and pvc, which CDI refuses (it takes one definition of the claim): keep storage (CDI completes it from the storage profile) or pvc (used as written), not both',
    ]);
  });

  test('fires on a VM\'s DataVolume template and a pool\'s', () => {
    const template = { metadata: { name: 'root' }, spec: dataVolumeSpec((s) => { delete s.storage; }) };
    const machine = vm('web', (_s, o) => { o.spec.dataVolumeTemplates = [template]; });
    const pool = { apiVersion: 'pool.kubevirt.io/v1beta1', kind: 'VirtualMachinePool', metadata: { name: 'p', namespace: 'mq' }, spec: { virtualMachineTemplate: { spec: { dataVolumeTemplates: [template] } } } };
    expect(issuesOf(dataVolumeTarget, [machine, pool])).toEqual([
      'error data-volume-target VirtualMachine web spec.dataVolumeTemplates[0].spec.storage: DataVolume template "root" of VirtualMachine "mq/web" has neither storage nor pvc, which CDI refuses (it would not know what claim to make): add storage with resources.requests.storage (CDI fills in access and volume modes from the storage profile)',
      'error data-volume-target VirtualMachinePool p spec.virtualMachineTemplate.spec.dataVolumeTemplates[0].spec.storage: DataVolume template "root" of VirtualMachinePool "mq/p" has neither storage nor pvc, which CDI refuses (it would not know what claim to make): add storage with resources.requests.storage (CDI fills in access and volume modes from the storage profile)',
    ]);
  });

  test('stays quiet on storage alone and on pvc alone', () => {
    const pvcOnly = dataVolume('p', (s) => { delete s.storage; s.pvc = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }; });
    expect(issuesOf(dataVolumeTarget, [dataVolume('s'), pvcOnly])).toEqual([]);
  });
});
