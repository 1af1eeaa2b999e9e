import { Chart, Testing } from 'cdk8s';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';

/**
 * The static factories of issue 16's probe: none throws (a factory has no construct to name);
 * the construct the value is given to reports the problem with its path, the factory, the value
 * and the fix.
 */
describe('bad factory input is reported by the construct that uses it, with its path and the fix', () => {
  const chart = () => new Chart(Testing.app(), 'app', { namespace: 'vms' });

  test.each<[string, () => unknown, (value: any) => unknown, string]>([
    ['Ipam.static given a string', () => (Ipam.static as (o: unknown) => Ipam)('bad cidr'),
      (ipam) => new NetworkAttachmentDefinition(chart(), 'nad', { metadata: { name: 'net' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam }),
      '[app/nad] ipam: Ipam.static: options "bad cidr" are not an options object: pass the options in braces, e.g. Ipam.static({ addresses: ["192.168.4.10/24"], gateway: "192.168.4.1" })'],
    ['Ipam.static with a bad CIDR', () => Ipam.static({ addresses: ['bad cidr'] }),
      (ipam) => new NetworkAttachmentDefinition(chart(), 'nad', { metadata: { name: 'net' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam }),
      '[app/nad] ipam: Ipam.static: addresses[0] "bad cidr" is not an IPv4 address with prefix length: write it like "192.168.4.1/24"'],
    ['CniPlugin.bridge with VLAN 5000', () => CniPlugin.bridge({ bridge: 'br1', vlan: 5000 }),
      (cni) => new NetworkAttachmentDefinition(chart(), 'nad', { metadata: { name: 'net' }, cni }),
      '[app/nad] cni: CniPlugin.bridge: vlan 5000 must be a VLAN ID from 1 to 4094 (leave it out for untagged traffic)'],
    ['DataVolumeSource.http with no URL', () => DataVolumeSource.http('not a url'),
      (source) => new DataVolume(chart(), 'dv', { metadata: { name: 'disk' }, source, size: '1Gi' }),
      '[app/dv] source: DataVolumeSource.http: url "not a url" is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"'],
    ['VolumeSource.containerDisk with a scheme', () => VolumeSource.containerDisk('docker://quay.io/containerdisks/fedora:40'),
      (source) => new VirtualMachine(chart(), 'vm', { metadata: { name: 'web' }, memory: '1Gi' }).addDisk('root', source),
      '[app/vm] disk "root": VolumeSource.containerDisk: image "docker://quay.io/containerdisks/fedora:40" is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)'],
  ])('%s', (_case, make, use, message) => {
    expect(make).not.toThrow();
    expect(() => use(make())).toThrow(new Error(message));
  });
});
