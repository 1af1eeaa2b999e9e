import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeContentType } from '../../../src/validation/rules/data-volume-content-type';

const registry = { url: 'docker://quay.io/containerdisks/fedora:40' };

describe('rule data-volume-content-type', () => {
  test('fires on an archive blank disk and an archive registry import', () => {
    const blank = dataVolume('blank', (s) => { s.contentType = 'archive'; });
    const image = dataVolume('image', (s) => { s.contentType = 'archive'; s.source = { registry }; });
    expect(issuesOf(dataVolumeContentType, [blank, image])).toEqual([
      'error data-volume-content-type DataVolume blank spec.contentType: DataVolume "mq/blank" is a blank disk with contentType "archive", which CDI refuses (there is no archive to unpack): leave contentType out for an empty disk image, or import the archive with an http source',
      'error data-volume-content-type DataVolume image spec.contentType: DataVolume "mq/image" imports from a registry with contentType "archive", which CDI refuses (a registry image is always a disk image): leave contentType out, or set "kubevirt"',
    ]);
  });

  test('stays quiet on an archive over http and on kubevirt content from a registry', () => {
    const tar = dataVolume('tar', (s) => { s.contentType = 'archive'; s.source = { http: { url: 'https://example.com/files.tar' } }; });
    const image = dataVolume('image', (s) => { s.contentType = 'kubevirt'; s.source = { registry }; });
    expect(issuesOf(dataVolumeContentType, [tar, image])).toEqual([]);
  });
});
