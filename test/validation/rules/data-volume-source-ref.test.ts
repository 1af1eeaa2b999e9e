import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeSourceRef } from '../../../src/validation/rules/data-volume-source-ref';

const withRef = (name: string, ref: object) => dataVolume(name, (s) => { delete s.source; s.storage = {}; s.sourceRef = ref; });

describe('rule data-volume-source-ref', () => {
  test('fires on a kind other than DataSource, an empty kind and an empty name', () => {
    expect(issuesOf(dataVolumeSourceRef, [withRef('pvc', { kind: 'PersistentVolumeClaim', name: 'golden' }), withRef('nokind', { kind: '', name: 'fedora' }), withRef('noname', { kind: 'DataSource', name: '' })])).toEqual([
      'error data-volume-source-ref DataVolume pvc spec.sourceRef.kind: sourceRef of DataVolume "mq/pvc" has kind "PersistentVolumeClaim", which CDI refuses (a sourceRef can name only a DataSource): set kind: DataSource, or put a claim or snapshot to clone under source.pvc or source.snapshot',
      'error data-volume-source-ref DataVolume nokind spec.sourceRef.kind: sourceRef of DataVolume "mq/nokind" has an empty kind, which CDI refuses: set kind: DataSource',
      'error data-volume-source-ref DataVolume noname spec.sourceRef.name: sourceRef of DataVolume "mq/noname" has an empty name, which CDI refuses: name the DataSource, e.g. "fedora" (kubectl get datasources -A)',
    ]);
  });

  test('stays quiet on a DataSource reference, with or without namespace', () => {
    expect(issuesOf(dataVolumeSourceRef, [withRef('a', { kind: 'DataSource', name: 'fedora' }), withRef('b', { kind: 'DataSource', name: 'rhel9', namespace: 'openshift-virtualization-os-images' })])).toEqual([]);
  });
});
