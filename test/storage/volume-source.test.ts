import { Chart, Size, Testing } from 'cdk8s';
import { PersistentVolumeAccessMode, PersistentVolumeClaim } from 'cdk8s-plus-32';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource, DataVolumeSourceKind, RegistryPullMethod } from '../../src/storage/data-volume-source';
import { ImagePullPolicy, VolumeSource, VolumeSourceKind } from '../../src/storage/volume-source';
import { synthValid } from '../helpers';

/** The volume (and DataVolume templates) a source renders as disk `disk` of VM `vm`, schema-checked. */
function render(source: VolumeSource, disk = 'disk', vm = 'vm'): { volume: any; dataVolumeTemplates?: any[] } {
  const chart = new Chart(Testing.app(), 'test');
  new VirtualMachine(chart, 'vm', { metadata: { name: vm }, memory: '1Gi', disks: [{ name: disk, source }] });
  const { spec } = synthValid(chart).find((o) => o.kind === 'VirtualMachine');
  return { volume: spec.template.spec.volumes[0], dataVolumeTemplates: spec.dataVolumeTemplates };
}

describe('VolumeSource', () => {
  test('containerDisk with options', () => {
    const source = VolumeSource.containerDisk('registry.local/win:2022', { imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT, path: '/disk/win.qcow2', imagePullSecret: 'pull' });
    expect(source.kind).toBe(VolumeSourceKind.CONTAINER_DISK);
    expect(source.persistent).toBe(false);
    expect(render(source, 'root')).toEqual({
      volume: { name: 'root', containerDisk: { image: 'registry.local/win:2022', imagePullPolicy: 'IfNotPresent', path: '/disk/win.qcow2', imagePullSecret: 'pull' } },
    });
  });

  test('persistentVolumeClaim by name and from a cdk8s-plus PersistentVolumeClaim', () => {
    const claim = new PersistentVolumeClaim(Testing.chart(), 'claim', { metadata: { name: 'data' }, storage: Size.gibibytes(10) });
    const byConstruct = VolumeSource.persistentVolumeClaim(claim, { hotpluggable: true });
    expect(byConstruct.claimName).toBe('data');
    expect(byConstruct.persistent).toBe(true);
    expect(render(byConstruct, 'd').volume).toEqual({ name: 'd', persistentVolumeClaim: { claimName: 'data', hotpluggable: true } });
    expect(render(VolumeSource.persistentVolumeClaim('other'), 'd').volume).toEqual({ name: 'd', persistentVolumeClaim: { claimName: 'other' } });
  });

  test('dataVolume references an existing DataVolume', () => {
    const source = VolumeSource.dataVolume('golden', { hotpluggable: false });
    expect(source.kind).toBe(VolumeSourceKind.DATA_VOLUME);
    // hotpluggable is a plain bool in KubeVirt's Go types: false is dropped when the VM is stored, so it is left out.
    expect(render(source, 'root').volume).toEqual({ name: 'root', dataVolume: { name: 'golden' } });
  });

  test('emptyDisk is ephemeral scratch space', () => {
    const source = VolumeSource.emptyDisk(Size.gibibytes(2));
    expect(source.persistent).toBe(false);
    expect(render(source, 'scratch').volume).toEqual({ name: 'scratch', emptyDisk: { capacity: '2Gi' } });
  });

  test('dataVolumeTemplate renders the template with every storage option', () => {
    const source = VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.http('https://images.example.com/rhel9.qcow2'),
      size: '40Gi',
      storageClassName: 'nfs-csi',
      accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY],
    });
    expect(render(source, 'root', 'db')).toEqual({
      volume: { name: 'root', dataVolume: { name: 'db-root' } },
      dataVolumeTemplates: [{
        metadata: { name: 'db-root' },
        spec: {
          source: { http: { url: 'https://images.example.com/rhel9.qcow2' } },
          storage: { resources: { requests: { storage: '40Gi' } }, storageClassName: 'nfs-csi', accessModes: ['ReadWriteMany'] },
        },
      }],
    });
  });

  test.each([
    [() => VolumeSource.containerDisk(''), 'VolumeSource.containerDisk: image "" is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)'],
    [() => VolumeSource.containerDisk('docker://quay.io/x'), 'VolumeSource.containerDisk: image "docker://quay.io/x" is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)'],
    [() => VolumeSource.persistentVolumeClaim('Data'), 'VolumeSource.persistentVolumeClaim: claim name "Data" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "data")'],
    [() => VolumeSource.dataVolume('a b'), 'VolumeSource.dataVolume: DataVolume name "a b" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "a-b")'],
    [() => VolumeSource.emptyDisk('2GB'), 'VolumeSource.emptyDisk: capacity "2GB" is not a Kubernetes quantity (Kubernetes writes "2Gi", not "2GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    [() => VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '0' }), 'VolumeSource.dataVolumeTemplate: size "0" must be greater than zero'],
    [() => VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '1Gi', name: 'Root' }), 'VolumeSource.dataVolumeTemplate: name "Root" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "root")'],
    [() => VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '1Gi', storageClassName: 'Fast SSD' }), 'VolumeSource.dataVolumeTemplate: storageClassName "Fast SSD" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "fast-ssd")'],
  ])('error %#: reported by the VM the source is given to, with its path', (build, message) => {
    expect(build).not.toThrow();
    const vm = new VirtualMachine(new Chart(Testing.app(), 'test'), 'vm', { memory: '1Gi' });
    expect(() => vm.addDisk('d', build())).toThrow(new Error(`[test/vm] disk "d": ${message}`));
  });

  test('a DataVolume template carries the problems of its DataVolumeSource forward to the VM', () => {
    const source = VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.http('ftp://x/y.img'), size: '1Gi' });
    expect(source._problems).toEqual(['VolumeSource.dataVolumeTemplate: source: DataVolumeSource.http: url "ftp://x/y.img" is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"']);
    const vm = new VirtualMachine(new Chart(Testing.app(), 'test'), 'vm', { memory: '1Gi' });
    expect(() => vm.addDisk('root', source)).toThrow(new Error('[test/vm] disk "root": VolumeSource.dataVolumeTemplate: source: DataVolumeSource.http: url "ftp://x/y.img" is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"'));
  });

  test('factories do not crash on input of the wrong type: the problem waits for the construct', () => {
    const sources = [
      VolumeSource.containerDisk(42 as unknown as string),
      VolumeSource.persistentVolumeClaim(undefined as unknown as string),
      VolumeSource.dataVolume(null as unknown as string),
      VolumeSource.dataVolumeTemplate(undefined as never),
      VolumeSource.emptyDisk({} as never),
    ];
    expect(sources.map((source) => source._problems.length > 0)).toEqual([true, true, true, true, true]);
  });
});

describe('DataVolumeSource', () => {
  test.each([
    [DataVolumeSource.http('http://10.0.0.5/disk.vmdk', { secretRef: 'web-creds', certConfigMap: 'web-ca' }), DataVolumeSourceKind.HTTP, { http: { url: 'http://10.0.0.5/disk.vmdk', secretRef: 'web-creds', certConfigMap: 'web-ca' } }],
    [DataVolumeSource.registry('docker://quay.io/containerdisks/centos-stream:9', { pullMethod: RegistryPullMethod.NODE }), DataVolumeSourceKind.REGISTRY, { registry: { url: 'docker://quay.io/containerdisks/centos-stream:9', pullMethod: 'node' } }],
    [DataVolumeSource.registry('oci-archive://images/disk.tar'), DataVolumeSourceKind.REGISTRY, { registry: { url: 'oci-archive://images/disk.tar' } }],
    [DataVolumeSource.pvc('golden-rhel9', 'os-images'), DataVolumeSourceKind.PVC, { pvc: { name: 'golden-rhel9', namespace: 'os-images' } }],
    [DataVolumeSource.snapshot('nightly'), DataVolumeSourceKind.SNAPSHOT, { snapshot: { name: 'nightly', namespace: undefined } }],
    [DataVolumeSource.upload(), DataVolumeSourceKind.UPLOAD, { upload: {} }],
    [DataVolumeSource.blank(), DataVolumeSourceKind.BLANK, { blank: {} }],
  ])('%#: %s', (source, kind, rendered) => {
    expect(source.kind).toBe(kind);
    expect(source._toKube()).toEqual(rendered);
  });

  test('_toKube returns a copy', () => {
    const source = DataVolumeSource.http('https://x/y.img');
    (source._toKube() as any).http.url = 'changed';
    expect(source._toKube()).toEqual({ http: { url: 'https://x/y.img' } });
  });

  test.each([
    [() => DataVolumeSource.http('ftp://x/y.img'), 'DataVolumeSource.http: url "ftp://x/y.img" is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"'],
    [() => DataVolumeSource.http('images/disk.qcow2'), 'DataVolumeSource.http: url "images/disk.qcow2" is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"'],
    [() => DataVolumeSource.registry('quay.io/containerdisks/fedora:40'), 'DataVolumeSource.registry: url "quay.io/containerdisks/fedora:40" needs the docker:// (or oci-archive://) scheme CDI expects: write "docker://quay.io/containerdisks/fedora:40"'],
    [() => DataVolumeSource.registry('https://quay.io/x'), 'DataVolumeSource.registry: url "https://quay.io/x" needs the docker:// (or oci-archive://) scheme CDI expects: write "docker://quay.io/containerdisks/fedora:40"'],
    [() => DataVolumeSource.pvc('Golden'), 'DataVolumeSource.pvc: claim name "Golden" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "golden")'],
    [() => DataVolumeSource.pvc('golden', 'OS'), 'DataVolumeSource.pvc: namespace "OS" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "os")'],
    [() => DataVolumeSource.snapshot(''), 'DataVolumeSource.snapshot: snapshot name "" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "name")'],
  ])('error %#: reported by the DataVolume the source is given to, with its path', (build, message) => {
    expect(build).not.toThrow();
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    expect(() => new DataVolume(chart, 'dv', { source: build(), size: '1Gi' })).toThrow(new Error(`[test/dv] source: ${message}`));
  });

  test('a bad source leaves nothing behind: the caught error keeps the app synthesizable', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'vms' });
    expect(() => new DataVolume(chart, 'bad', { source: DataVolumeSource.http('ftp://x/y.img'), size: '1Gi' })).toThrow('[test/bad] source: DataVolumeSource.http');
    new DataVolume(chart, 'good', { metadata: { name: 'good' }, source: DataVolumeSource.blank(), size: '1Gi' });
    expect(synthValid(chart).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['DataVolume/good']);
  });
});
