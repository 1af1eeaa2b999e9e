import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeSourceUrls } from '../../../src/validation/rules/data-volume-source-urls';

const withSource = (name: string, source: object) => dataVolume(name, (s) => { s.source = source; });
const vddk = (url: string) => ({ vddk: { url, secretRef: 'vc', uuid: 'u', backingFile: '[ds] vm/vm.vmdk', thumbprint: 'AA' } });

describe('rule data-volume-source-urls', () => {
  test('fires on a URL without scheme, an s3:// URL and an empty vddk URL', () => {
    expect(issuesOf(dataVolumeSourceUrls, [
      withSource('http', { http: { url: 'example.com/disk.qcow2' } }),
      withSource('s3', { s3: { url: 's3://bucket/disk.qcow2' } }),
      withSource('vddk', vddk('')),
    ])).toEqual([
      'error data-volume-source-urls DataVolume http spec.source.http.url: http source of DataVolume "mq/http" has url "example.com/disk.qcow2", which CDI refuses (it has no scheme; CDI takes http://, https:// and gs:// URLs): give a full URL, e.g. "https://example.com/images/disk.qcow2"',
      'error data-volume-source-urls DataVolume s3 spec.source.s3.url: s3 source of DataVolume "mq/s3" has url "s3://bucket/disk.qcow2", which CDI refuses (it has scheme "s3"; CDI takes http://, https:// and gs:// URLs): give an https URL of the object, e.g. "https://s3.us-east-1.amazonaws.com/bucket/disk.qcow2" (CDI takes no s3:// URL)',
      'error data-volume-source-urls DataVolume vddk spec.source.vddk.url: vddk source of DataVolume "mq/vddk" has url "", which CDI refuses (it is empty; CDI takes http://, https:// and gs:// URLs): give a full URL, e.g. "https://vcenter.example.com/sdk"',
    ]);
  });

  test('stays quiet on http, https (any case) and gs URLs', () => {
    expect(issuesOf(dataVolumeSourceUrls, [
      withSource('a', { http: { url: 'http://mirror.local/disk.img' } }),
      withSource('b', { s3: { url: 'HTTPS://s3.example.com/bucket/disk.img' } }),
      withSource('c', { gcs: { url: 'gs://bucket/disk.img' } }),
      withSource('d', vddk('https://vcenter.example.com/sdk')),
    ])).toEqual([]);
  });
});
