import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeStorageClass } from '../../../src/validation/rules/data-volume-storage-class';

describe('rule data-volume-storage-class', () => {
  test('fires on a storage class name over 253 characters', () => {
    const long = dataVolume('disk', (s) => { s.storage.storageClassName = 'a'.repeat(254); });
    expect(issuesOf(dataVolumeStorageClass, [long])).toEqual([
      'error data-volume-storage-class DataVolume disk spec.storage.storageClassName: DataVolume "mq/disk" names storage class "aaaaaaaaaaaaaaaaaaaa…" (254 characters), which CDI refuses (no StorageClass name is longer than 253): use the name of an existing StorageClass (kubectl get storageclass), or leave it out for the default',
    ]);
  });

  test('stays quiet on 253 characters and on no name', () => {
    const longest = dataVolume('disk', (s) => { s.storage.storageClassName = 'a'.repeat(253); });
    expect(issuesOf(dataVolumeStorageClass, [longest, dataVolume('plain')])).toEqual([]);
  });
});
