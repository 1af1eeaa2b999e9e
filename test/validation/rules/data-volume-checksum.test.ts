import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeChecksum } from '../../../src/validation/rules/data-volume-checksum';

const withChecksum = (name: string, checksum: string) => dataVolume(name, (s) => { s.source = { http: { url: 'https://example.com/disk.qcow2', checksum } }; });
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('rule data-volume-checksum', () => {
  test('fires on a bare digest, an unknown algorithm and a digest of the wrong length', () => {
    expect(issuesOf(dataVolumeChecksum, [withChecksum('bare', SHA256), withChecksum('algo', `sha384:${SHA256}`), withChecksum('short', 'sha256:abc')])).toEqual([
      `error data-volume-checksum DataVolume bare spec.source.http.checksum: http source of DataVolume "mq/bare" has checksum "${SHA256}", which CDI refuses (it is not "algorithm:hash"): write the algorithm and the digest in hex, e.g. "sha256:" followed by the 64 characters of sha256sum's output`,
      `error data-volume-checksum DataVolume algo spec.source.http.checksum: http source of DataVolume "mq/algo" has checksum "sha384:${SHA256}", which CDI refuses (it names algorithm "sha384", not md5, sha1, sha256 or sha512): write the algorithm and the digest in hex, e.g. "sha256:" followed by the 64 characters of sha256sum's output`,
      'error data-volume-checksum DataVolume short spec.source.http.checksum: http source of DataVolume "mq/short" has checksum "sha256:abc", which CDI refuses (it has a sha256 hash of 3 characters, not 64): write the algorithm and the digest in hex, e.g. "sha256:" followed by the 64 characters of sha256sum\'s output',
    ]);
  });

  test('stays quiet on sha256 (any case, spaces trimmed), md5, and no checksum', () => {
    const md5 = withChecksum('md5', 'md5:d41d8cd98f00b204e9800998ecf8427e');
    expect(issuesOf(dataVolumeChecksum, [withChecksum('a', `SHA256: ${SHA256.toUpperCase()}`), md5, dataVolume('none')])).toEqual([]);
  });
});
