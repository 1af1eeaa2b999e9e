import { issuesOf, vm } from './rule-fixtures';
import { apiEnums } from '../../../src/validation/rules/api-enums';

const pvc = (name: string, volumeMode?: string): any => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'mq' }, spec: { accessModes: ['ReadWriteOnce'], volumeMode, resources: { requests: { storage: '1Gi' } } } });
const dv = (name: string, volumeMode: string): any => ({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name, namespace: 'mq' }, spec: { source: { blank: {} }, storage: { volumeMode, resources: { requests: { storage: '1Gi' } } } } });
const KIND_FIX = 'which KubeVirt cannot look up (the VM controller fails with "got unexpected kind" and the VM never starts)';
const CLAIM_FIX = 'which the API server refuses in a PersistentVolumeClaim: use one of "Filesystem", "Block", or leave it out ("Filesystem"); "FromStorageProfile" needs the label cdi.kubevirt.io/applyStorageProfile: "true"';
const MODE_FIX = 'which the API server refuses in the claim CDI makes: use one of "Filesystem", "Block", "FromStorageProfile", or leave it out (the storage profile\'s or "Filesystem")';

describe('rule api-enums', () => {
  test('VM matchers with an unknown kind or failure policy, and an unknown updateVolumesStrategy', () => {
    const typed = vm('typed', (_spec, object) => {
      object.spec.instancetype = { name: 'u1.medium', kind: 'InstanceType' };
      object.spec.preference = { inferFromVolume: 'root', inferFromVolumeFailurePolicy: 'reject' };
      object.spec.updateVolumesStrategy = 'Migrate';
    });
    expect(issuesOf(apiEnums, [typed])).toEqual([
      `error api-enums VirtualMachine typed spec.instancetype.kind: VirtualMachine "mq/typed" has kind "InstanceType", ${KIND_FIX}: use one of "VirtualMachineClusterInstancetype", "VirtualMachineInstancetype", or leave kind out for the cluster-wide one`,
      'error api-enums VirtualMachine typed spec.preference.inferFromVolumeFailurePolicy: VirtualMachine "mq/typed" has inferFromVolumeFailurePolicy "reject", which KubeVirt\'s VM mutating webhook refuses: use one of "Reject", "Ignore", or leave it out ("Reject")',
      'error api-enums VirtualMachine typed spec.updateVolumesStrategy: VirtualMachine "mq/typed" has updateVolumesStrategy "Migrate", which KubeVirt\'s VM controller does not recognize (every reconcile of the running VM fails): use one of "Replacement", "Migration", or leave it out ("Replacement")',
    ]);
  });

  test('volumeMode of a claim, a DataVolume and a VM DataVolume template', () => {
    const templated = vm('templated', (_spec, object) => {
      object.spec.dataVolumeTemplates = [{ metadata: { name: 'root' }, spec: { source: { blank: {} }, pvc: { volumeMode: 'block', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } }];
    });
    expect(issuesOf(apiEnums, [pvc('c', 'Raw'), pvc('p', 'FromStorageProfile'), dv('d', 'FileSystem'), templated])).toEqual([
      `error api-enums PersistentVolumeClaim c spec.volumeMode: PersistentVolumeClaim "mq/c" has volumeMode "Raw", ${CLAIM_FIX}`,
      `error api-enums PersistentVolumeClaim p spec.volumeMode: PersistentVolumeClaim "mq/p" has volumeMode "FromStorageProfile", ${CLAIM_FIX}`,
      `error api-enums DataVolume d spec.storage.volumeMode: DataVolume "mq/d" has volumeMode "FileSystem", ${MODE_FIX}`,
      `error api-enums VirtualMachine templated spec.dataVolumeTemplates[0].spec.pvc.volumeMode: DataVolume template "root" of VirtualMachine "mq/templated" has volumeMode "block", ${MODE_FIX}`,
    ]);
  });

  test('stays quiet on the near misses: kinds in any case, singular or plural, the known values (FromStorageProfile on a DataVolume or a labelled claim), fields left out', () => {
    const fine = vm('fine', (_spec, object) => {
      object.spec.instancetype = { name: 'u1.medium', kind: 'virtualmachineclusterinstancetypes', inferFromVolumeFailurePolicy: 'Ignore' };
      object.spec.preference = { name: 'fedora', kind: 'VirtualMachinePreference' };
      object.spec.updateVolumesStrategy = 'Migration';
    });
    const bare = vm('bare', (_spec, object) => { object.spec.instancetype = { name: 'u1.small' }; });
    const rendered = pvc('r', 'FromStorageProfile');
    rendered.metadata.labels = { 'cdi.kubevirt.io/applyStorageProfile': 'true' };
    expect(issuesOf(apiEnums, [fine, bare, pvc('a', 'Block'), pvc('b'), rendered, dv('d', 'Filesystem'), dv('e', 'FromStorageProfile')])).toEqual([]);
  });
});
