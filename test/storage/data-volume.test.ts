import { Chart, Size, Testing } from 'cdk8s';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DataVolume, DataVolumeProps } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { PersistentVolumeClaim } from '../../src/storage/persistent-volume-claim';
import { AccessMode, DataVolumeContentType, VolumeMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { findObject, synthValid } from '../helpers';

const IMAGE = 'https://images.example.com/rhel-9.4-x86_64-kvm.qcow2';

function dataVolume(props: Partial<DataVolumeProps> = {}, namespace = 'vms'): any {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  new DataVolume(chart, 'dv', { metadata: { name: 'disk' }, source: DataVolumeSource.http(IMAGE), size: '30Gi', ...props });
  return findObject(synthValid(chart), 'DataVolume', 'disk');
}

describe('DataVolume', () => {
  test('an http import on RWX block storage, prune-protected for Argo CD and Flux', () => {
    expect(dataVolume({ accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK, storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization' })).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        name: 'disk',
        namespace: 'vms',
        annotations: {
          'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
          'kustomize.toolkit.fluxcd.io/prune': 'disabled',
        },
      },
      spec: {
        source: { http: { url: IMAGE } },
        storage: {
          accessModes: ['ReadWriteMany'],
          volumeMode: 'Block',
          storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
          resources: { requests: { storage: '30Gi' } },
        },
      },
    });
  });

  test.each([
    ['qcow2', 'https://images.example.com/disk.qcow2'],
    ['raw', 'https://images.example.com/disk.img'],
    ['iso', 'http://mirror.example.com/install.iso'],
    ['vmdk', 'https://vcenter-export.example.com/web-01-disk1.vmdk'],
    ['compressed', 'https://images.example.com/disk.qcow2.xz'],
  ])('http source: %s image', (_format, url) => {
    expect(dataVolume({ source: DataVolumeSource.http(url) }).spec.source).toEqual({ http: { url } });
  });

  test.each([
    ['registry', DataVolumeSource.registry('docker://quay.io/containerdisks/centos-stream:9'), { registry: { url: 'docker://quay.io/containerdisks/centos-stream:9' } }],
    ['PVC clone', DataVolumeSource.pvc('golden-rhel9', 'os-images'), { pvc: { name: 'golden-rhel9', namespace: 'os-images' } }],
    ['upload', DataVolumeSource.upload(), { upload: {} }],
    ['blank', DataVolumeSource.blank(), { blank: {} }],
    ['snapshot', DataVolumeSource.snapshot('db-before-upgrade'), { snapshot: { name: 'db-before-upgrade', namespace: 'vms' } }],
  ])('%s source', (_name, source, expected) => {
    expect(dataVolume({ source }).spec.source).toEqual(expected);
  });

  test('clones and snapshot restores may leave the size to CDI', () => {
    expect(dataVolume({ source: DataVolumeSource.pvc('golden'), size: undefined }).spec.storage).toEqual({});
    expect(dataVolume({ source: DataVolumeSource.snapshot('snap'), size: undefined }).spec.storage).toEqual({});
  });

  test('the size is written as CDI stores it once its controller writes the DataVolume back', () => {
    expect(dataVolume({ size: '2048Mi' }).spec.storage.resources).toEqual({ requests: { storage: '2Gi' } });
    expect(dataVolume({ size: Size.kibibytes(1953.125) }).spec.storage.resources).toEqual({ requests: { storage: '2M' } });
  });

  test('empty http and registry options are left out (CDI drops empty strings)', () => {
    expect(dataVolume({ source: DataVolumeSource.http(IMAGE, { secretRef: '', certConfigMap: 'ca' }) }).spec.source).toEqual({ http: { url: IMAGE, certConfigMap: 'ca' } });
    expect(dataVolume({ source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:40', { secretRef: '' }) }).spec.source)
      .toEqual({ registry: { url: 'docker://quay.io/containerdisks/fedora:40' } });
  });

  test('content type and preallocation', () => {
    const spec = dataVolume({ source: DataVolumeSource.http('https://files.example.com/site.tar'), contentType: DataVolumeContentType.ARCHIVE, preallocation: true, size: Size.gibibytes(2) }).spec;
    expect(spec.contentType).toBe('archive');
    expect(spec.preallocation).toBe(true);
    expect(spec.storage.resources).toEqual({ requests: { storage: '2Gi' } });
  });

  test('prune protection keeps sync options the user wrote and can be switched off', () => {
    const kept = dataVolume({ metadata: { name: 'disk', annotations: { 'argocd.argoproj.io/sync-options': 'Validate=false', 'team': 'db' } } });
    expect(kept.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-options': 'Validate=false,Prune=false,Delete=false',
      'kustomize.toolkit.fluxcd.io/prune': 'disabled',
      'team': 'db',
    });
    expect(dataVolume({ pruneProtection: false }).metadata.annotations).toBeUndefined();
  });

  test('a VM attaches it by construct, and sees its access modes', () => {
    const chart = new Chart(Testing.app(), 'test');
    const dv = new DataVolume(chart, 'dv', { metadata: { name: 'mq-data' }, source: DataVolumeSource.blank(), size: '20Gi', accessModes: [AccessMode.READ_WRITE_MANY] });
    const source = VolumeSource.dataVolume(dv);
    expect(source.target).toBe(dv);
    expect(source.accessModes).toEqual(['ReadWriteMany']);
    new VirtualMachine(chart, 'vm', { metadata: { name: 'mq' }, memory: '1Gi', disks: [{ name: 'data', source }] });
    expect(findObject(synthValid(chart), 'VirtualMachine').spec.template.spec.volumes).toEqual([{ name: 'data', dataVolume: { name: 'mq-data' } }]);
  });

  test('a DataVolume template takes the same storage options', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'web' });
    const source = VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.pvc('golden'), accessModes: [AccessMode.READ_WRITE_MANY], preallocation: false, contentType: DataVolumeContentType.KUBEVIRT });
    expect(source.accessModes).toEqual(['ReadWriteMany']);
    new VirtualMachine(chart, 'vm', { metadata: { name: 'web' }, memory: '1Gi', disks: [{ name: 'root', source }] });
    expect(findObject(synthValid(chart), 'VirtualMachine').spec.dataVolumeTemplates).toEqual([{
      metadata: { name: 'web-root' },
      spec: { source: { pvc: { name: 'golden', namespace: 'web' } }, contentType: 'kubevirt', preallocation: false, storage: { accessModes: ['ReadWriteMany'] } },
    }]);
  });

  test.each<[string, Partial<DataVolumeProps>, string]>([
    ['no size for an import', { size: undefined }, 'size is required for a http source: give the disk\'s capacity, e.g. size: Size.gibibytes(30) (only PVC clones, snapshot restores and DataSource clones take their size from the source)'],
    ['a bad size', { size: '30GB' }, 'size "30GB" is not a Kubernetes quantity (Kubernetes writes "30Gi", not "30GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['an empty access mode list', { accessModes: [] }, 'accessModes must list at least one mode, e.g. [AccessMode.READ_WRITE_MANY]; leave it out to let CDI choose'],
    ['an unknown access mode', { accessModes: ['RWX' as AccessMode] }, 'access mode "RWX" is not one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"'],
    ['a repeated access mode', { accessModes: [AccessMode.READ_WRITE_MANY, AccessMode.READ_WRITE_MANY] }, 'access mode "ReadWriteMany" is listed twice: list each mode once'],
    ['an unknown volume mode', { volumeMode: 'Raw' as VolumeMode }, 'volumeMode "Raw" is not one of "Filesystem", "Block"'],
    ['a bad storage class', { storageClassName: 'Fast_SSD' }, 'storageClassName "Fast_SSD" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "fast-ssd")'],
    ['an unknown content type', { contentType: 'iso' as DataVolumeContentType }, 'contentType "iso" is not one of "kubevirt", "archive"'],
    ['an archive on a block volume', { contentType: DataVolumeContentType.ARCHIVE, volumeMode: VolumeMode.BLOCK }, 'contentType archive unpacks files onto a filesystem, so volumeMode cannot be Block: use VolumeMode.FILE_SYSTEM or contentType kubevirt'],
    ['an archive from a registry', { contentType: DataVolumeContentType.ARCHIVE, source: DataVolumeSource.registry('docker://quay.io/x/y:1') }, 'contentType archive works only with http and upload sources, not registry: use DataVolumeSource.http(...) with a .tar URL'],
    ['preallocation that is not a boolean', { preallocation: 'yes' as unknown as boolean }, 'preallocation "yes" must be true or false'],
    ['a source that is not a DataVolumeSource', { source: { http: { url: IMAGE } } as unknown as DataVolumeSource }, 'source must be a DataVolumeSource, e.g. DataVolumeSource.http("https://example.com/disk.qcow2")'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => dataVolume(props)).toThrow(new Error(`[test/dv] ${message}`));
  });

  test('a same-namespace clone needs a namespace to write into the source', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new DataVolume(chart, 'dv', { source: DataVolumeSource.pvc('golden') })).toThrow(new Error('[test/dv] the pvc source has no namespace and neither has this DataVolume: give the namespace to DataVolumeSource.pvc(name, namespace), or set metadata.namespace (or the chart\'s namespace)'));
    const vm = new VirtualMachine(chart, 'vm', { memory: '1Gi' });
    expect(() => vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.snapshot('snap') }))).toThrow(new Error('[test/vm] disk "root": the DataVolume template\'s snapshot source has no namespace and neither has the VM: give the namespace to DataVolumeSource.snapshot(name, namespace), or set metadata.namespace (or the chart\'s namespace)'));
  });

  test('refuses a bad name', () => {
    expect(() => dataVolume({ metadata: { name: 'Disk_1' } })).toThrow(new Error('[test/dv] metadata.name "Disk_1" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "disk-1")'));
  });

  test('template errors name the factory, reported by the VM with its path', () => {
    const vm = new VirtualMachine(new Chart(Testing.app(), 'test'), 'vm', { memory: '1Gi' });
    expect(() => vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank() }))).toThrow(new Error('[test/vm] disk "root": VolumeSource.dataVolumeTemplate: size is required for a blank source: give the disk\'s capacity, e.g. size: Size.gibibytes(30) (only PVC clones, snapshot restores and DataSource clones take their size from the source)'));
  });
});

describe('DataVolume and PersistentVolumeClaim are resources of one object', () => {
  test('metadata, name, kind and resourceType read the object', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    const dv = new DataVolume(chart, 'dv', { metadata: { name: 'disk' }, source: DataVolumeSource.blank(), size: '1Gi' });
    const pvc = new PersistentVolumeClaim(chart, 'pvc', { metadata: { name: 'claim' }, size: '1Gi' });
    dv.metadata.addLabel('tier', 'db');
    pvc.metadata.addLabel('tier', 'db');
    expect([dv, pvc].map((r) => `${r.kind}/${r.name}/${r.resourceType}`)).toEqual(['DataVolume/disk/datavolumes', 'PersistentVolumeClaim/claim/persistentvolumeclaims']);
    expect(synthValid(chart).map((o) => o.metadata.labels)).toEqual([{ tier: 'db' }, { tier: 'db' }]);
  });

  test('a caught constructor error leaves nothing half-built', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    expect(() => new PersistentVolumeClaim(chart, 'bad', { metadata: { name: 'Bad' }, size: '1Gi' })).toThrow('[test/bad] metadata.name "Bad"');
    expect(() => new DataVolume(chart, 'bad-dv', { metadata: { name: 'Disk_1' }, source: DataVolumeSource.blank(), size: '1Gi' })).toThrow('[test/bad-dv] metadata.name "Disk_1"');
    expect(() => new DataVolume(new Chart(chart.node.scope as never, 'other'), 'clone', { source: DataVolumeSource.pvc('golden'), size: '1Gi' }))
      .toThrow('[other/clone] the pvc source has no namespace');
    expect(synthValid(chart)).toEqual([]);
  });
});

describe('PersistentVolumeClaim', () => {
  function claim(props: Partial<ConstructorParameters<typeof PersistentVolumeClaim>[2]> = {}): any {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    new PersistentVolumeClaim(chart, 'pvc', { metadata: { name: 'data' }, size: '50Gi', ...props });
    return findObject(synthValid(chart), 'PersistentVolumeClaim', 'data');
  }

  test('defaults to ReadWriteMany and prune protection', () => {
    expect(claim()).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data',
        namespace: 'vms',
        annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
      },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '50Gi' } } },
    });
  });

  test('the size is written as the API server stores it; size keeps the text as written', () => {
    const chart = new Chart(Testing.app(), 'test');
    const pvc = new PersistentVolumeClaim(chart, 'pvc', { metadata: { name: 'data' }, size: '1024Gi' });
    expect(pvc.size).toBe('1024Gi');
    expect(findObject(synthValid(chart), 'PersistentVolumeClaim', 'data').spec.resources).toEqual({ requests: { storage: '1Ti' } });
  });

  test('binds a pre-provisioned volume without a class, and opts out of protection', () => {
    const pvc = claim({ storageClassName: '', volumeName: 'pv-san-lun-17', volumeMode: VolumeMode.BLOCK, accessModes: [AccessMode.READ_WRITE_ONCE], size: Size.tebibytes(1), pruneProtection: false });
    expect(pvc.metadata.annotations).toBeUndefined();
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Ti' } }, storageClassName: '', volumeMode: 'Block', volumeName: 'pv-san-lun-17' });
  });

  test('a VM disk from it knows its access modes', () => {
    const chart = new Chart(Testing.app(), 'test');
    const pvc = new PersistentVolumeClaim(chart, 'pvc', { size: '5Gi' });
    const source = VolumeSource.persistentVolumeClaim(pvc);
    expect(source.accessModes).toEqual(['ReadWriteMany']);
    expect(source.target).toBe(pvc);
    expect(source.claimName).toBe(pvc.name);
    expect(pvc.namespace).toBeUndefined();
    expect(new PersistentVolumeClaim(new Chart(Testing.app(), 'ns', { namespace: 'vms' }), 'pvc', { size: '5Gi' }).namespace).toBe('vms');
  });

  test.each<[string, object, string]>([
    ['a bad size', { size: '-1Gi' }, 'size "-1Gi" must be greater than zero'],
    ['no access modes', { accessModes: [] }, 'accessModes must list at least one mode, e.g. [AccessMode.READ_WRITE_MANY]'],
    ['an unknown access mode', { accessModes: ['ReadWriteAll'] }, 'access mode "ReadWriteAll" is not one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"'],
    ['a repeated access mode', { accessModes: ['ReadWriteMany', 'ReadWriteMany'] }, 'access mode "ReadWriteMany" is listed twice: list each mode once'],
    ['an unknown volume mode', { volumeMode: 'block' }, 'volumeMode "block" is not one of "Filesystem", "Block"'],
    ['a bad volume name', { volumeName: 'PV 1' }, 'volumeName "PV 1" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "pv-1")'],
    ['a bad name', { metadata: { name: 'Data' } }, 'metadata.name "Data" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "data")'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => claim(props)).toThrow(new Error(`[test/pvc] ${message}`));
  });
});

describe('credentials never go into a DataVolume source URL', () => {
  const secretFix = 'remove them from the URL, put them into a Secret with the keys accessKeyId (user) and secretKey (password), and name it with the secretRef option '
    + '(a private CA goes into a ConfigMap named by certConfigMap)';

  test('user:password in an http URL is refused with the password masked', () => {
    expect(() => dataVolume({ source: DataVolumeSource.http('https://admin:s3cret@images.example.com/rhel.qcow2') })).toThrow(new Error(
      `[test/dv] source: DataVolumeSource.http: url "https://admin:***@images.example.com/rhel.qcow2" carries credentials before the host, which would be written in clear text into the DataVolume (and Git): ${secretFix}`,
    ));
  });

  test('a user alone (a token) in an http URL is refused too', () => {
    expect(() => dataVolume({ source: DataVolumeSource.http('http://ghp_token@images.example.com/rhel.qcow2') })).toThrow(
      '[test/dv] source: DataVolumeSource.http: url "http://ghp_token@images.example.com/rhel.qcow2" carries credentials before the host',
    );
  });

  test('user:password in a registry URL is refused, also inside a VM\'s DataVolume template', () => {
    const vm = new VirtualMachine(new Chart(Testing.app(), 'test', { namespace: 'vms' }), 'vm', { memory: '1Gi' });
    const source = DataVolumeSource.registry('docker://robot:t0ken@quay.io/acme/rhel:9');
    expect(() => vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source, size: '10Gi' }))).toThrow(new Error(
      `[test/vm] disk "root": VolumeSource.dataVolumeTemplate: source: DataVolumeSource.registry: url "docker://robot:***@quay.io/acme/rhel:9" carries credentials before the host, which would be written in clear text into the DataVolume (and Git): ${secretFix}`,
    ));
  });

  test('near misses: an image digest (@ in the path), an @ in the query, and credentials through secretRef', () => {
    const digest = 'docker://quay.io/acme/rhel@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    expect(dataVolume({ source: DataVolumeSource.registry(digest, { secretRef: 'quay-robot' }) }).spec.source).toEqual({ registry: { url: digest, secretRef: 'quay-robot' } });
    const query = 'https://images.example.com/rhel.qcow2?owner=ops@example.com';
    expect(dataVolume({ source: DataVolumeSource.http(query, { secretRef: 'images-auth', certConfigMap: 'images-ca' }) }).spec.source)
      .toEqual({ http: { url: query, secretRef: 'images-auth', certConfigMap: 'images-ca' } });
  });
});
