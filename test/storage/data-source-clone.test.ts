import { App, Chart, Size, Testing } from 'cdk8s';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DataImportCron } from '../../src/storage/data-import-cron';
import { DataSource } from '../../src/storage/data-source';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource, DataVolumeSourceKind } from '../../src/storage/data-volume-source';
import { AccessMode, DataVolumeContentType } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, synthValid } from '../helpers';

const OS_IMAGES = 'openshift-virtualization-os-images';

/** Synthesizes every chart of the app: schema-checked, and without a rule error. */
function synthAll(app: App): any[] {
  const objects = app.charts.flatMap((chart) => synthValid(chart));
  expect(validateObjects(objects).errors).toEqual([]);
  return objects;
}

/** The golden-image chart: a DataImportCron that keeps the DataSource "fedora" on the newest Fedora containerdisk. */
function goldenImages(app: App): DataImportCron {
  const chart = new Chart(app, 'golden', { namespace: OS_IMAGES });
  return new DataImportCron(chart, 'fedora', {
    metadata: { name: 'fedora-image-cron' },
    schedule: '0 3 * * 0',
    source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:41'),
    managedDataSource: 'fedora',
    size: '30Gi',
  });
}

describe('disks cloned from a DataSource (sourceRef)', () => {
  test('a VM whose root disk clones the Fedora DataSource a DataImportCron keeps current', () => {
    const app = Testing.app();
    const fedora = goldenImages(app);
    const vms = new Chart(app, 'vms', { namespace: 'web' });
    new VirtualMachine(vms, 'web', {
      metadata: { name: 'web-1' },
      memory: '2Gi',
      disks: [{ name: 'root', source: VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.dataSource(fedora), size: Size.gibibytes(40), accessModes: [AccessMode.READ_WRITE_MANY] }) }],
    });
    const objects = synthAll(app);
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      `DataImportCron ${OS_IMAGES}/fedora-image-cron`,
      'VirtualMachine web/web-1',
    ]);
    const { spec } = findObject(objects, 'VirtualMachine');
    expect(spec.template.spec.volumes).toEqual([{ name: 'root', dataVolume: { name: 'web-1-root' } }]);
    expect(spec.dataVolumeTemplates).toEqual([{
      metadata: { name: 'web-1-root' },
      spec: {
        sourceRef: { kind: 'DataSource', name: 'fedora', namespace: OS_IMAGES },
        storage: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '40Gi' } } },
      },
    }]);
  });

  test('a DataVolume cloning a DataSource construct may leave the size to CDI (it takes the source\'s)', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    const golden = new DataSource(chart, 'golden', { metadata: { name: 'rhel9' }, source: DataVolumeSource.pvc('rhel9-9.4') });
    new DataVolume(chart, 'disk', { metadata: { name: 'db-root' }, source: DataVolumeSource.dataSource(golden) });
    expect(findObject(synthAll(chart.node.root as App), 'DataVolume').spec).toEqual({ sourceRef: { kind: 'DataSource', name: 'rhel9', namespace: 'vms' }, storage: {} });
  });

  test('a DataSource declared elsewhere, by { name, namespace }, or by name in the DataVolume\'s own namespace', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    const across = DataVolumeSource.dataSource({ name: 'win2k22', namespace: OS_IMAGES });
    const local = DataVolumeSource.dataSource({ name: 'centos-stream9' });
    expect([across.kind, across.dataSourceRef, local.dataSourceRef, across.needsNamespace])
      .toEqual([DataVolumeSourceKind.DATA_SOURCE, { name: 'win2k22', namespace: OS_IMAGES }, { name: 'centos-stream9', namespace: undefined }, false]);
    new DataVolume(chart, 'a', { metadata: { name: 'a' }, source: across, size: '60Gi' });
    // CDI reads a missing sourceRef namespace as the DataVolume's, so none is written.
    new DataVolume(chart, 'b', { metadata: { name: 'b' }, source: local });
    const objects = synthAll(chart.node.root as App);
    expect(findObject(objects, 'DataVolume', 'a').spec).toEqual({ sourceRef: { kind: 'DataSource', name: 'win2k22', namespace: OS_IMAGES }, storage: { resources: { requests: { storage: '60Gi' } } } });
    expect(findObject(objects, 'DataVolume', 'b').spec.sourceRef).toEqual({ kind: 'DataSource', name: 'centos-stream9' });
    expect(findObject(objects, 'DataVolume', 'b').spec.source).toBeUndefined();
  });

  test('a DataImportCron of a chart without a namespace is cloned in the cloning object\'s namespace', () => {
    const app = Testing.app();
    const cron = new DataImportCron(new Chart(app, 'golden'), 'cron', { schedule: '@daily', source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:41'), managedDataSource: 'fedora', size: '30Gi' });
    expect(DataVolumeSource.dataSource(cron).dataSourceRef).toEqual({ name: 'fedora', namespace: undefined });
  });

  test.each<[string, () => DataVolumeSource, string]>([
    ['nothing', () => DataVolumeSource.dataSource(undefined as never),
      'DataVolumeSource.dataSource: ref undefined must be a DataSource or DataImportCron construct, or { name, namespace }, e.g. { name: "fedora", namespace: "openshift-virtualization-os-images" }'],
    ['a string', () => DataVolumeSource.dataSource('fedora' as never), 'DataVolumeSource.dataSource: ref "fedora" must be a DataSource or DataImportCron construct'],
    ['an object without a name', () => DataVolumeSource.dataSource({ namespace: OS_IMAGES } as never), 'DataVolumeSource.dataSource: ref {"namespace":"openshift-virtualization-os-images"} must be a DataSource or DataImportCron construct'],
    ['an empty name', () => DataVolumeSource.dataSource({ name: '' }), 'DataVolumeSource.dataSource: DataSource name "" is not a valid DNS-1123 subdomain'],
    ['a bad name', () => DataVolumeSource.dataSource({ name: 'Fedora 41' }), 'DataVolumeSource.dataSource: DataSource name "Fedora 41" is not a valid DNS-1123 subdomain'],
    ['a bad namespace', () => DataVolumeSource.dataSource({ name: 'fedora', namespace: 'os.images' }),
      'DataVolumeSource.dataSource: namespace "os.images" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "os-images")'],
  ])('refuses %s, reported by the DataVolume with its path', (_case, build, message) => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    expect(() => new DataVolume(chart, 'dv', { source: build(), size: '10Gi' })).toThrow(`[test/dv] source: ${message}`);
  });

  test('refusals in a VM\'s DataVolume template name the VM and the disk', () => {
    const vm = new VirtualMachine(new Chart(Testing.app(), 'test', { namespace: 'vms' }), 'vm', { memory: '1Gi' });
    expect(() => vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.dataSource({ name: 'Fedora' }) })))
      .toThrow('[test/vm] disk "root": VolumeSource.dataVolumeTemplate: source: DataVolumeSource.dataSource: DataSource name "Fedora" is not a valid DNS-1123 subdomain');
    expect(() => vm.addDisk('data', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.dataSource({ name: 'fedora' }), contentType: DataVolumeContentType.ARCHIVE })))
      .toThrow('[test/vm] disk "data": VolumeSource.dataVolumeTemplate: contentType archive works only with http and upload sources, not dataSource');
  });
});
