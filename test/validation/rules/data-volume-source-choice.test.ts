import { dataVolume, dataVolumeSpec } from './data-volume-fixtures';
import { issuesOf, vm } from './rule-fixtures';
import { dataVolumeSourceChoice } from '../../../src/validation/rules/data-volume-source-choice';

const sourceRef = { kind: 'DataSource', name: 'fedora', namespace: 'os' };

describe('rule data-volume-source-choice', () => {
  test('fires on no source, on source with sourceRef, on an empty source and on two kinds of source', () => {
    const none = dataVolume('none', (s) => { delete s.source; });
    const both = dataVolume('both', (s) => { s.sourceRef = sourceRef; });
    const empty = dataVolume('empty', (s) => { s.source = {}; });
    const two = dataVolume('two', (s) => { s.source.http = { url: 'https://example.com/disk.qcow2' }; });
    expect(issuesOf(dataVolumeSourceChoice, [none, both, empty, two])).toEqual([
      'error data-volume-source-choice DataVolume none spec.source: DataVolume "mq/none" has neither source nor sourceRef, which CDI refuses (it would not know what to fill the disk with): add a source, e.g. source: { blank: {} } for an empty disk, or sourceRef to a DataSource',
      'error data-volume-source-choice DataVolume both spec.source: DataVolume "mq/both" has both source and sourceRef, which CDI refuses (it fills the disk from one of them): keep source, or sourceRef to a DataSource, not both',
      'error data-volume-source-choice DataVolume empty spec.source: DataVolume "mq/empty" has a source with no kind of source in it, which CDI refuses: add one of http, s3, gcs, registry, pvc, upload, blank, imageio, vddk, snapshot, e.g. source: { blank: {} } for an empty disk',
      'error data-volume-source-choice DataVolume two spec.source: DataVolume "mq/two" has 2 kinds of source (http, blank), which CDI refuses (it imports from one): keep one, and make another DataVolume for the other',
    ]);
  });

  test('stays quiet on one source, on a sourceRef, on a populated claim, and on a VM template whose DataSource KubeVirt resolves', () => {
    const ref = dataVolume('ref', (s) => { delete s.source; s.sourceRef = sourceRef; });
    const populated = dataVolume('pop', (s) => { delete s.source; s.storage.dataSourceRef = { apiGroup: 'cdi.kubevirt.io', kind: 'VolumeImportSource', name: 'src' }; });
    const template = { metadata: { name: 'root' }, spec: dataVolumeSpec((s) => { s.sourceRef = sourceRef; }) };
    const machine = vm('web', (_s, o) => { o.spec.dataVolumeTemplates = [template]; });
    expect(issuesOf(dataVolumeSourceChoice, [dataVolume('one'), ref, populated, machine])).toEqual([]);
  });
});
