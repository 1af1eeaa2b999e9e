import { dataVolume, dataVolumeSpec } from './data-volume-fixtures';
import { issuesOf, vm } from './rule-fixtures';
import { dataVolumeCloneSource } from '../../../src/validation/rules/data-volume-clone-source';

describe('rule data-volume-clone-source', () => {
  test('fires on an empty namespace of a cloned claim and an empty name of a snapshot', () => {
    const claim = dataVolume('claim', (s) => { s.source = { pvc: { name: 'golden', namespace: '' } }; });
    const snapshot = dataVolume('snap', (s) => { s.source = { snapshot: { name: '', namespace: 'os' } }; });
    expect(issuesOf(dataVolumeCloneSource, [claim, snapshot])).toEqual([
      'error data-volume-clone-source DataVolume claim spec.source.pvc.namespace: pvc source of DataVolume "mq/claim" has an empty namespace, which CDI refuses (it clones one claim it must find): set namespace to the claim\'s namespace',
      'error data-volume-clone-source DataVolume snap spec.source.snapshot.name: snapshot source of DataVolume "mq/snap" has an empty name, which CDI refuses (it clones one VolumeSnapshot it must find): set name to the VolumeSnapshot\'s name',
    ]);
  });

  test('stays quiet on full clone sources and on a VM template whose namespace KubeVirt fills in', () => {
    const claim = dataVolume('claim', (s) => { s.source = { pvc: { name: 'golden', namespace: 'os' } }; });
    const template = { metadata: { name: 'root' }, spec: dataVolumeSpec((s) => { s.source = { pvc: { name: 'golden', namespace: '' } }; }) };
    expect(issuesOf(dataVolumeCloneSource, [claim, vm('web', (_s, o) => { o.spec.dataVolumeTemplates = [template]; })])).toEqual([]);
  });
});
