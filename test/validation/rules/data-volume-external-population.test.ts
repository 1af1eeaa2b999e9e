import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeExternalPopulation } from '../../../src/validation/rules/data-volume-external-population';

const populator = { apiGroup: 'cdi.kubevirt.io', kind: 'VolumeImportSource', name: 'src' };

describe('rule data-volume-external-population', () => {
  test('fires on a populated DataVolume with a source, with both references, and on incomplete references', () => {
    const withSource = dataVolume('src', (s) => { s.storage.dataSourceRef = populator; });
    const both = dataVolume('both', (s) => { delete s.source; s.storage.dataSource = populator; s.storage.dataSourceRef = populator; });
    const partial = dataVolume('part', (s) => { delete s.source; s.storage.dataSourceRef = { kind: 'VolumeSnapshot', name: '', namespace: 'other' }; });
    expect(issuesOf(dataVolumeExternalPopulation, [withSource, both, partial])).toEqual([
      'error data-volume-external-population DataVolume src spec.source: DataVolume "mq/src" is populated by storage.dataSourceRef and also has source, which CDI refuses (a populator fills the disk, so CDI has nothing to import): remove one of them',
      'error data-volume-external-population DataVolume both spec.storage.dataSourceRef: DataVolume "mq/both" has both storage.dataSource and storage.dataSourceRef, which CDI refuses (its webhook finds the two never match, even when they name the same object): keep dataSourceRef alone',
      'error data-volume-external-population DataVolume part spec.storage.dataSourceRef.namespace: storage.dataSourceRef of DataVolume "mq/part" names namespace "other", which CDI refuses (a DataVolume is populated only from its own namespace): leave namespace out',
      'error data-volume-external-population DataVolume part spec.storage.dataSourceRef.name: storage.dataSourceRef of DataVolume "mq/part" has no name, which CDI refuses: name the populator object',
      'error data-volume-external-population DataVolume part spec.storage.dataSourceRef.apiGroup: storage.dataSourceRef of DataVolume "mq/part" has kind "VolumeSnapshot" but no apiGroup, which CDI refuses (only a PersistentVolumeClaim is in the core group): give the apiGroup, e.g. "cdi.kubevirt.io"',
    ]);
  });

  test('stays quiet on a complete dataSourceRef, a core-group claim dataSource, and no populator', () => {
    const ref = dataVolume('ref', (s) => { delete s.source; s.storage.dataSourceRef = populator; });
    const claim = dataVolume('claim', (s) => { delete s.source; s.storage.dataSource = { kind: 'PersistentVolumeClaim', name: 'golden' }; });
    expect(issuesOf(dataVolumeExternalPopulation, [ref, claim, dataVolume('plain')])).toEqual([]);
  });
});
