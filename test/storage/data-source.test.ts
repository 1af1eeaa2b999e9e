import { Chart, Testing } from 'cdk8s';
import { DataSource, DataSourceProps } from '../../src/storage/data-source';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, synthValid } from '../helpers';

const OS_IMAGES = 'openshift-virtualization-os-images';

/** Synthesizes one DataSource named rhel9 (schema-checked, and without a rule error), and returns it. */
function dataSource(props: Partial<DataSourceProps> = {}, namespace: string | undefined = OS_IMAGES): any {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  new DataSource(chart, 'ds', { metadata: { name: 'rhel9' }, source: DataVolumeSource.pvc('rhel9-9.4', OS_IMAGES), ...props });
  const objects = synthValid(chart);
  expect(validateObjects(objects).errors).toEqual([]);
  return findObject(objects, 'DataSource', 'rhel9');
}

describe('DataSource', () => {
  test('a golden image on a PVC', () => {
    expect(dataSource()).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: { name: 'rhel9', namespace: OS_IMAGES },
      spec: { source: { pvc: { name: 'rhel9-9.4', namespace: OS_IMAGES } } },
    });
  });

  test('a golden image on a VolumeSnapshot in another namespace', () => {
    expect(dataSource({ source: DataVolumeSource.snapshot('win2022-sysprepped', 'image-builds') }).spec)
      .toEqual({ source: { snapshot: { name: 'win2022-sysprepped', namespace: 'image-builds' } } });
  });

  test('a source without a namespace is in the DataSource\'s (CDI\'s schema requires it written)', () => {
    expect(dataSource({ source: DataVolumeSource.pvc('rhel9-9.4') }).spec.source).toEqual({ pvc: { name: 'rhel9-9.4', namespace: OS_IMAGES } });
    expect(dataSource({ source: DataVolumeSource.snapshot('snap'), metadata: { name: 'rhel9', namespace: 'golden' } }).spec.source)
      .toEqual({ snapshot: { name: 'snap', namespace: 'golden' } });
  });

  test('a DataVolume of the app: the DataSource points at its PVC', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: OS_IMAGES });
    const image = new DataVolume(chart, 'image', { metadata: { name: 'centos-stream9' }, source: DataVolumeSource.registry('docker://quay.io/containerdisks/centos-stream:9'), size: '30Gi' });
    const golden = new DataSource(chart, 'golden', { metadata: { name: 'centos-stream9' }, source: image });
    expect(findObject(synthValid(chart), 'DataSource').spec).toEqual({ source: { pvc: { name: 'centos-stream9', namespace: OS_IMAGES } } });
    expect(golden.dataSourceRef).toEqual({ name: 'centos-stream9', namespace: OS_IMAGES });
    expect([golden.kind, golden.resourceType, golden.source.kind]).toEqual(['DataSource', 'datasources', 'pvc']);
  });

  test('its reference names it by name and namespace (undefined when the chart has none)', () => {
    const ds = new DataSource(new Chart(Testing.app(), 'test'), 'ds', { source: DataVolumeSource.pvc('x', 'images') });
    expect(ds.dataSourceRef).toEqual({ name: ds.name, namespace: undefined });
    expect(ds.name).toMatch(/^test-ds-/);
  });

  test.each([
    ['an import source', { source: DataVolumeSource.http('https://images.example.com/rhel9.qcow2') },
      'source DataVolumeSource.http(...) is not a PVC or a VolumeSnapshot, the only things a DataSource can point at: give DataVolumeSource.pvc(name, namespace), DataVolumeSource.snapshot(name, namespace) or a DataVolume; to import an image, declare a DataVolume (or a DataImportCron, which also keeps a DataSource up to date)'],
    ['another DataSource', { source: DataVolumeSource.dataSource({ name: 'fedora' }) }, 'source DataVolumeSource.dataSource(...) is not a PVC or a VolumeSnapshot'],
    ['a plain object', { source: { pvc: { name: 'x' } } as never }, 'source {"pvc":{"name":"x"}} is not a PVC or a VolumeSnapshot'],
    ['a bad PVC name', { source: DataVolumeSource.pvc('RHEL_9') },
      'source: DataVolumeSource.pvc: claim name "RHEL_9" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "rhel-9")'],
    ['a bad name', { metadata: { name: 'RHEL 9' } }, 'metadata.name "RHEL 9" is not a valid DNS-1123 subdomain'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => dataSource(props)).toThrow(`[test/ds] ${message}`);
  });

  test('refuses props that are not an object, and a source namespace nobody gives', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new DataSource(chart, 'a', null as never)).toThrow(new Error('[test/a] props null must be an object of DataSourceProps, e.g. { source: DataVolumeSource.pvc("fedora-41", "os-images") }'));
    expect(() => new DataSource(chart, 'b', { source: DataVolumeSource.pvc('golden') })).toThrow(new Error('[test/b] the pvc source has no namespace and neither has this DataSource: give the namespace to DataVolumeSource.pvc(name, namespace), or set metadata.namespace (or the chart\'s namespace)'));
    // Refused constructs leave nothing behind, and their ids free.
    new DataSource(chart, 'b', { source: DataVolumeSource.pvc('golden', 'images') });
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['DataSource']);
  });
});
