import { Chart, Size, Testing } from 'cdk8s';
import { DataImportCron, DataImportCronGarbageCollect, DataImportCronProps, DataImportCronRetentionPolicy, cronScheduleProblem } from '../../src/storage/data-import-cron';
import { DataSource } from '../../src/storage/data-source';
import { DataVolumeSource, RegistryPullMethod } from '../../src/storage/data-volume-source';
import { AccessMode, DataVolumeContentType, VolumeMode } from '../../src/storage/storage-options';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, synthValid } from '../helpers';

const OS_IMAGES = 'openshift-virtualization-os-images';
const FEDORA = 'docker://quay.io/containerdisks/fedora:41';

function props(overrides: Partial<DataImportCronProps> = {}): DataImportCronProps {
  return { metadata: { name: 'fedora-image-cron' }, schedule: '0 3 * * 0', source: DataVolumeSource.registry(FEDORA), managedDataSource: 'fedora', size: '30Gi', ...overrides };
}

/** Synthesizes one DataImportCron (schema-checked, and without a rule error) and returns it. */
function cron(overrides: Partial<DataImportCronProps> = {}): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: OS_IMAGES });
  new DataImportCron(chart, 'cron', props(overrides));
  const objects = synthValid(chart);
  expect(validateObjects(objects).errors).toEqual([]);
  return findObject(objects, 'DataImportCron');
}

describe('DataImportCron', () => {
  test('polls a registry image weekly and manages the DataSource "fedora"', () => {
    expect(cron()).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: { name: 'fedora-image-cron', namespace: OS_IMAGES },
      spec: {
        schedule: '0 3 * * 0',
        managedDataSource: 'fedora',
        template: { spec: { source: { registry: { url: FEDORA } }, storage: { resources: { requests: { storage: '30Gi' } } } } },
      },
    });
  });

  test('node pulls with credentials and a CA, garbage collection, retention and the import\'s storage', () => {
    const spec = cron({
      source: DataVolumeSource.registry('docker://registry.example.com/images/rhel9:latest', { pullMethod: RegistryPullMethod.NODE, secretRef: 'registry-creds', certConfigMap: 'registry-ca' }),
      garbageCollect: DataImportCronGarbageCollect.OUTDATED,
      importsToKeep: 2,
      retentionPolicy: DataImportCronRetentionPolicy.NONE,
      size: Size.gibibytes(20),
      storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
      accessModes: [AccessMode.READ_WRITE_MANY],
      volumeMode: VolumeMode.BLOCK,
      preallocation: false,
    }).spec;
    expect(spec).toEqual({
      schedule: '0 3 * * 0',
      managedDataSource: 'fedora',
      garbageCollect: 'Outdated',
      importsToKeep: 2,
      retentionPolicy: 'None',
      template: {
        spec: {
          source: { registry: { url: 'docker://registry.example.com/images/rhel9:latest', pullMethod: 'node', secretRef: 'registry-creds', certConfigMap: 'registry-ca' } },
          preallocation: false,
          storage: {
            resources: { requests: { storage: '20Gi' } },
            storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
            accessModes: ['ReadWriteMany'],
            volumeMode: 'Block',
          },
        },
      },
    });
  });

  test('a PVC source (a new PVC UID is a new image) may leave the size to CDI; its namespace defaults to the cron\'s', () => {
    expect(cron({ source: DataVolumeSource.pvc('image-build'), size: undefined }).spec.template).toEqual({ spec: { source: { pvc: { name: 'image-build', namespace: OS_IMAGES } }, storage: {} } });
  });

  test('GC off, and importsToKeep 0', () => {
    expect(cron({ garbageCollect: DataImportCronGarbageCollect.NEVER }).spec.garbageCollect).toEqual('Never');
    expect(cron({ importsToKeep: 0 }).spec.importsToKeep).toEqual(0);
  });

  test.each(['@daily', '@every 12h', '@every 1h30m', '*/15 * * * *', '0 0 1,15 jan-jun/2 MON-FRI', '30 1 * * 1', 'TZ=Europe/Paris 0 3 * * *', '5-10/2 ? * * 0'])(
    'the schedule %s is taken as CDI\'s parser takes it', (schedule) => {
      expect(cron({ source: DataVolumeSource.registry(FEDORA, { pullMethod: RegistryPullMethod.NODE }), schedule }).spec.schedule).toEqual(schedule);
    });

  test('exposes the managed DataSource as a reference (in the cron\'s namespace)', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: OS_IMAGES });
    const c = new DataImportCron(chart, 'cron', props());
    expect(c.dataSourceRef).toEqual({ name: 'fedora', namespace: OS_IMAGES });
    expect([c.managedDataSource, c.schedule, c.kind, c.resourceType, c.source.kind]).toEqual(['fedora', '0 3 * * 0', 'DataImportCron', 'dataimportcrons', 'registry']);
    // CDI creates the DataSource: the cron writes none.
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['DataImportCron']);
  });

  const SCHEDULE_FIX = 'and CDI\'s webhook refuses it: write five fields (minute hour day-of-month month day-of-week), e.g. "0 3 * * 0", or a descriptor such as "@daily" or "@every 12h"';
  test.each<[string, Partial<DataImportCronProps>, string]>([
    ['an empty schedule', { schedule: '' }, 'schedule "" must be a cron schedule, e.g. "0 3 * * 0" (Sundays 03:00) or "@daily": CDI\'s webhook lets an empty one through, but then never polls the source'],
    ['a schedule that is not a string', { schedule: 3 as never }, 'schedule 3 must be a cron schedule'],
    ['six fields', { schedule: '0 0 3 * * 0' }, `schedule "0 0 3 * * 0" has 6 fields, not 5, ${SCHEDULE_FIX}`],
    ['a minute out of range', { schedule: '60 3 * * *' }, `schedule "60 3 * * *" has the minute "60", outside 0-59, ${SCHEDULE_FIX}`],
    ['a day of month 0', { schedule: '0 3 0 * *' }, 'schedule "0 3 0 * *" has the day of month "0", outside 1-31'],
    ['a day of week 7', { schedule: '0 3 * * 7' }, 'schedule "0 3 * * 7" has the day of week "7", outside 0-6'],
    ['a reversed range', { schedule: '0 5-1 * * *' }, 'schedule "0 5-1 * * *" has the hour "5-1", whose range starts after it ends (5 > 1)'],
    ['a zero step', { schedule: '*/0 * * * *' }, 'schedule "*/0 * * * *" has the minute "*/0", whose step must be above 0'],
    ['an unknown name', { schedule: '0 3 * * sunday' }, 'schedule "0 3 * * sunday" has the day of week "sunday", where "sunday" is not a number or a name (jan-dec, sun-sat)'],
    ['a negative number', { schedule: '-1 3 * * *' }, 'schedule "-1 3 * * *" has the minute "-1", where a number is negative'],
    ['two slashes', { schedule: '1/2/3 * * * *' }, 'schedule "1/2/3 * * * *" has the minute "1/2/3", which has too many slashes'],
    ['two hyphens', { schedule: '1-2-3 * * * *' }, 'schedule "1-2-3 * * * *" has the minute "1-2-3", which has too many hyphens'],
    ['an unknown descriptor', { schedule: '@fortnightly' }, 'schedule "@fortnightly" has the unknown descriptor "@fortnightly" (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, and @every <duration> such as "@every 12h")'],
    ['a duration without unit', { schedule: '@every 12' }, 'schedule "@every 12" has the unknown descriptor "@every 12"'],
    ['an unknown time zone', { schedule: 'TZ=Mars/Olympus 0 3 * * *', source: DataVolumeSource.registry(FEDORA, { pullMethod: RegistryPullMethod.NODE }) },
      'schedule "TZ=Mars/Olympus 0 3 * * *" names the time zone "Mars/Olympus", which is not an IANA time zone (e.g. "Europe/Paris")'],
    ['a time zone and nothing else', { schedule: 'CRON_TZ=UTC', source: DataVolumeSource.registry(FEDORA, { pullMethod: RegistryPullMethod.NODE }) }, 'schedule "CRON_TZ=UTC" has a time zone prefix but no schedule after it'],
    ['a time zone on a pod-pulled URL (polled by a Kubernetes CronJob)', { schedule: 'CRON_TZ=Europe/Paris 0 3 * * *' },
      'schedule "CRON_TZ=Europe/Paris 0 3 * * *" has a time zone prefix, and CDI runs the poll of a pod-pulled registry URL in a Kubernetes CronJob, which refuses TZ and CRON_TZ in its schedule: write the schedule in the cluster\'s time zone (UTC as a rule) without the prefix, or pull with RegistryPullMethod.NODE (CDI\'s controller then polls and takes the prefix)'],
    ['an http source', { source: DataVolumeSource.http('https://images.example.com/fedora.qcow2') },
      'source DataVolumeSource.http(...) is not a registry image or a PVC, the only sources CDI\'s DataImportCron webhook takes: give DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41") or DataVolumeSource.pvc(name, namespace); for a one-off import declare a DataVolume'],
    ['a DataSource source', { source: DataVolumeSource.dataSource({ name: 'fedora' }) }, 'source DataVolumeSource.dataSource(...) is not a registry image or a PVC'],
    ['a source that is not a DataVolumeSource', { source: 'docker://quay.io/containerdisks/fedora:41' as never }, 'source "docker://quay.io/containerdisks/fedora:41" is not a registry image or a PVC'],
    ['a registry URL without a scheme', { source: DataVolumeSource.registry('quay.io/containerdisks/fedora:41') },
      'source: DataVolumeSource.registry: url "quay.io/containerdisks/fedora:41" needs the docker:// (or oci-archive://) scheme CDI expects: write "docker://quay.io/containerdisks/fedora:41"'],
    ['credentials in the registry URL', { source: DataVolumeSource.registry('docker://robot:s3cret@registry.example.com/rhel9:latest') },
      'source: DataVolumeSource.registry: url "docker://robot:***@registry.example.com/rhel9:latest" carries credentials before the host'],
    ['a registry import without a size', { size: undefined }, 'size is required for a registry source'],
    ['a content type', { contentType: DataVolumeContentType.KUBEVIRT } as never,
      'contentType "kubevirt" cannot be set on a DataImportCron: CDI\'s webhook refuses it in the template (it always imports a disk image); leave it out'],
    ['a bad storage class', { storageClassName: 'Fast SSD' }, 'storageClassName "Fast SSD" is not a valid DNS-1123 subdomain'],
    ['no managed DataSource', { managedDataSource: '' }, 'managedDataSource "" must name the DataSource CDI keeps pointing at the newest import (CDI\'s webhook refuses an empty one), e.g. "fedora"'],
    ['a managed DataSource that is no object name', { managedDataSource: 'Fedora 41' }, 'managedDataSource "Fedora 41" is not a valid DNS-1123 subdomain'],
    ['a managed DataSource over 63 characters', { managedDataSource: 'f'.repeat(64) }, `managedDataSource "${'f'.repeat(64)}" has 64 characters, and CDI's webhook takes at most 63`],
    ['a negative importsToKeep', { importsToKeep: -1 }, 'importsToKeep -1 must be a whole number from 0 (CDI\'s webhook refuses a negative one), e.g. 3'],
    ['a fractional importsToKeep', { importsToKeep: 1.5 }, 'importsToKeep 1.5 must be a whole number from 0'],
    ['importsToKeep without garbage collection', { importsToKeep: 2, garbageCollect: DataImportCronGarbageCollect.NEVER },
      'importsToKeep 2 has no effect with garbageCollect Never: CDI counts the imports to keep only when it collects outdated ones; leave importsToKeep out, or use DataImportCronGarbageCollect.OUTDATED'],
    ['an unknown garbageCollect', { garbageCollect: 'Always' as never }, 'garbageCollect "Always" is not one of "Outdated", "Never", the values CDI\'s webhook takes: use DataImportCronGarbageCollect.OUTDATED or NEVER'],
    ['an unknown retentionPolicy', { retentionPolicy: 'RetainAll' as never }, 'retentionPolicy "RetainAll" is not one of "All", "None": use DataImportCronRetentionPolicy.ALL or NONE'],
    ['a name over 63 characters', { metadata: { name: `fedora-${'x'.repeat(60)}` } },
      `metadata.name "fedora-${'x'.repeat(60)}" has 67 characters, and CDI's webhook takes at most 63 for a DataImportCron: shorten it, e.g. "fedora-${'x'.repeat(56)}"`],
    ['a bad name', { metadata: { name: 'Fedora' } }, 'metadata.name "Fedora" is not a valid DNS-1123 subdomain'],
  ])('refuses %s', (_case, overrides, message) => {
    expect(() => cron(overrides)).toThrow(`[test/cron] ${message}`);
  });

  test('refuses props that are not an object, and a PVC source whose namespace nobody gives; a refused cron leaves nothing', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new DataImportCron(chart, 'a', undefined as never)).toThrow(new Error('[test/a] props undefined must be an object of DataImportCronProps, e.g. { schedule: "0 3 * * 0", source: DataVolumeSource.registry("docker://quay.io/containerdisks/fedora:41"), managedDataSource: "fedora", size: "30Gi" }'));
    expect(() => new DataImportCron(chart, 'b', props({ source: DataVolumeSource.pvc('image-build') })))
      .toThrow(new Error('[test/b] the pvc source has no namespace and neither has this DataImportCron: give the namespace to DataVolumeSource.pvc(name, namespace), or set metadata.namespace (or the chart\'s namespace)'));
    new DataImportCron(chart, 'b', props({ source: DataVolumeSource.pvc('image-build', 'builds'), size: undefined }));
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['DataImportCron']);
  });

  test('at synth: a DataSource of the managed name declared in the app, and two crons managing one DataSource', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'golden', { namespace: OS_IMAGES });
    new DataImportCron(chart, 'fedora', props());
    new DataImportCron(chart, 'fedora-too', props({ metadata: { name: 'fedora-mirror' } }));
    new DataSource(chart, 'ds', { metadata: { name: 'fedora' }, source: DataVolumeSource.pvc('fedora-41') });
    // Another namespace is another DataSource.
    new DataImportCron(new Chart(app, 'other', { namespace: 'team-images' }), 'fedora', props());
    const twoCrons = (other: string) => `managedDataSource "fedora" is also managed by DataImportCron "${other}", and CDI lets only one DataImportCron manage a DataSource: give each DataImportCron its own managedDataSource`;
    const declared = 'managedDataSource "fedora" is also declared as a DataSource in this app, and CDI never updates a DataSource it did not create for this DataImportCron, so VMs would never see a new import: remove the DataSource and clone from the DataImportCron (DataVolumeSource.dataSource(cron))';
    expect(() => app.synthYaml()).toThrow(new Error(['Validation failed with the following errors:',
      `[golden/fedora] ${twoCrons('fedora-mirror')}`, `[golden/fedora] ${declared}`,
      `[golden/fedora-too] ${twoCrons('fedora-image-cron')}`, `[golden/fedora-too] ${declared}`].join('\n  ')));
  });
});

describe('cronScheduleProblem follows robfig/cron ParseStandard', () => {
  test.each(['* * * * *', '0 0 * * ?', '0-59/10 0,12 1-31 1-12 0-6', 'TZ=UTC @hourly', 'CRON_TZ=Local 0 3 * * *', '@every 1.5h', '@every 0', '0 3 ,1 * *', '  0 3 * * *  '])('accepts %s', (schedule) => {
    expect(cronScheduleProblem(schedule)).toBeUndefined();
  });

  test.each(['0 3 * *', '@every', '@daily ', ' @daily', '0 24 * * *', '0 3 * 13 *', '0 3 32 * *', 'a b c d e'])('refuses %s', (schedule) => {
    expect(cronScheduleProblem(schedule)).toEqual(expect.any(String));
  });
});
