import { dataVolume } from './data-volume-fixtures';
import { issuesOf } from './rule-fixtures';
import { dataVolumeRegistrySource } from '../../../src/validation/rules/data-volume-registry-source';

const withRegistry = (name: string, registry: object) => dataVolume(name, (s) => { s.source = { registry }; });

describe('rule data-volume-registry-source', () => {
  test('fires on a url without scheme, url with imageStream, an unknown pull method, an image stream pulled by pod', () => {
    expect(issuesOf(dataVolumeRegistrySource, [
      withRegistry('bare', { url: 'quay.io/containerdisks/fedora:40' }),
      withRegistry('both', { url: 'docker://quay.io/containerdisks/fedora:40', imageStream: 'fedora:40', pullMethod: 'node' }),
      withRegistry('method', { url: 'docker://quay.io/containerdisks/fedora:40', pullMethod: 'Node' }),
      withRegistry('stream', { imageStream: 'fedora:40' }),
    ])).toEqual([
      'error data-volume-registry-source DataVolume bare spec.source.registry.url: registry source of DataVolume "mq/bare" has url "quay.io/containerdisks/fedora:40", which CDI refuses (it needs the docker:// or oci-archive:// scheme): write "docker://quay.io/containerdisks/fedora:40"',
      'error data-volume-registry-source DataVolume both spec.source.registry: registry source of DataVolume "mq/both" has both url and imageStream, which CDI refuses (it pulls one image): give url, e.g. "docker://quay.io/containerdisks/fedora:40", or an OpenShift imageStream',
      'error data-volume-registry-source DataVolume method spec.source.registry.pullMethod: registry source of DataVolume "mq/method" has pullMethod "Node", which CDI refuses (it knows "pod" and "node"): use "node" to pull through the node\'s container runtime, or leave pullMethod out for "pod"',
      'error data-volume-registry-source DataVolume stream spec.source.registry.pullMethod: registry source of DataVolume "mq/stream" imports an imageStream with pullMethod "pod", which CDI refuses (image streams are pulled only by the node\'s container runtime): set pullMethod: node',
    ]);
  });

  test('stays quiet on docker:// and oci-archive:// urls and an image stream pulled by the node', () => {
    expect(issuesOf(dataVolumeRegistrySource, [
      withRegistry('a', { url: 'docker://quay.io/containerdisks/fedora:40', pullMethod: 'pod' }),
      withRegistry('b', { url: 'oci-archive:///images/disk.tar' }),
      withRegistry('c', { imageStream: 'rhel9-guest:latest', pullMethod: 'node' }),
    ])).toEqual([]);
  });
});
