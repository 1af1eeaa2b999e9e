import { App, Chart, Testing } from 'cdk8s';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { AccessMode } from '../../src/storage/storage-options';
import { HostProvider } from '../../src/vmware/forklift/host-provider';
import { MigrationPlan } from '../../src/vmware/forklift/migration-plan';
import { NetworkMap } from '../../src/vmware/forklift/network-map';
import { StorageMap } from '../../src/vmware/forklift/storage-map';
import { VsphereCredentials, VsphereProvider } from '../../src/vmware/forklift/vsphere-provider';
import { VmwareDiskImport } from '../../src/vmware/vmware-disk-import';
import { findObject, secretData, synthValid } from '../helpers';

const THUMBPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01';

function setup(credentials = VsphereCredentials.fromSecret('vcenter-credentials')) {
  const app = Testing.app();
  const chart = new Chart(app, 'mtv', { namespace: 'openshift-mtv' });
  const vsphere = new VsphereProvider(chart, 'vcenter', { metadata: { name: 'vcenter' }, url: 'https://vcenter.example.com/sdk', credentials });
  const host = HostProvider.fromExisting(chart, 'host');
  const backend = new NetworkAttachmentDefinition(chart, 'backend', { metadata: { name: 'backend', namespace: 'apps' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.none() });
  const networks = new NetworkMap(chart, 'networks', { metadata: { name: 'networks' }, source: vsphere, destination: host });
  const storage = new StorageMap(chart, 'storage', { metadata: { name: 'storage' }, source: vsphere, destination: host });
  return { app, chart, vsphere, host, backend, networks, storage };
}

function synthErrors(app: App): string[] {
  try {
    app.synthYaml();
  } catch (error) {
    return (error as Error).message.replace('Validation failed with the following errors:\n  ', '').split('\n  ');
  }
  return [];
}

describe('Forklift constructs are resources of one object', () => {
  test('metadata, name, kind and resourceType read the object', () => {
    const { chart, vsphere, networks, storage } = setup();
    const host = new HostProvider(chart, 'target', { metadata: { name: 'target' } });
    for (const resource of [vsphere, host, networks, storage]) resource.metadata.addLabel('team', 'migration');
    expect([vsphere, host, networks, storage].map((r) => `${r.kind}/${r.name}/${r.resourceType}`))
      .toEqual(['Provider/vcenter/providers', 'Provider/target/providers', 'NetworkMap/networks/networkmaps', 'StorageMap/storage/storagemaps']);
    networks.mapToPodNetwork('VM Network');
    storage.map('datastore1', { storageClass: 'ceph-rbd' });
    const labelled = synthValid(chart).filter((o) => o.metadata.labels?.team === 'migration').map((o) => `${o.kind}/${o.metadata.name}`);
    expect(labelled).toEqual(['Provider/vcenter', 'NetworkMap/networks', 'StorageMap/storage', 'Provider/target']);
  });

  test('a caught constructor error leaves nothing half-built: no Plan, no synth-time check of it', () => {
    const { app, chart, vsphere, host, networks, storage } = setup();
    networks.mapToPodNetwork('VM Network');
    storage.map('datastore1', { storageClass: 'ceph-rbd' });
    const props = { source: vsphere, destination: host, networkMap: networks, storageMap: storage, targetNamespace: 'apps' };
    expect(() => new MigrationPlan(chart, 'plan', { ...props, vms: [] })).toThrow('[mtv/plan] vms is empty');
    expect(() => new VsphereProvider(chart, 'bad', { url: 'https://vcenter.example.com/sdk', credentials: VsphereCredentials.fromValues({ user: '', password: 'p' }) }))
      .toThrow('[mtv/bad] credentials: VsphereCredentials.fromValues: user is empty');
    expect(synthErrors(app)).toEqual([]);
    expect(synthValid(chart).map((o) => o.kind)).toEqual(['Provider', 'NetworkAttachmentDefinition', 'NetworkMap', 'StorageMap']);
  });
});

describe('Forklift (MTV) constructs', () => {
  test('a vSphere plan: provider with its Secret by reference, maps to the pod network and Multus, RWX storage, a warm plan', () => {
    const { chart, vsphere, host, backend, networks, storage } = setup();
    networks.mapToPodNetwork('VM Network');
    networks.mapToMultus('Backend', backend);
    storage.map('datastore1', { storageClass: 'ceph-rbd' });
    const plan = new MigrationPlan(chart, 'plan', {
      metadata: { name: 'web' },
      source: vsphere,
      destination: host,
      networkMap: networks,
      storageMap: storage,
      targetNamespace: 'apps',
      warm: true,
      transferNetwork: backend,
      vms: [{ name: 'web-1', networks: ['VM Network', 'Backend'], datastores: ['datastore1'] }, { id: 'vm-1234' }],
    });
    plan.start(chart, 'start', { metadata: { name: 'web-run' }, cutover: new Date('2026-12-05T22:00:00Z') });
    const objects = synthValid(chart);
    expect(objects.map((o) => o.kind)).toEqual(['Provider', 'NetworkAttachmentDefinition', 'NetworkMap', 'StorageMap', 'Plan', 'Migration']);
    expect(findObject(objects, 'Provider').spec).toEqual({
      type: 'vsphere',
      url: 'https://vcenter.example.com/sdk',
      secret: { name: 'vcenter-credentials', namespace: 'openshift-mtv' },
      settings: { sdkEndpoint: 'vcenter' },
    });
    const refs = { source: { name: 'vcenter', namespace: 'openshift-mtv' }, destination: { name: 'host', namespace: 'openshift-mtv' } };
    expect(findObject(objects, 'NetworkMap').spec).toEqual({
      provider: refs,
      map: [
        { source: { name: 'VM Network' }, destination: { type: 'pod' } },
        { source: { name: 'Backend' }, destination: { type: 'multus', name: 'backend', namespace: 'apps' } },
      ],
    });
    expect(findObject(objects, 'StorageMap').spec.map).toEqual([{ source: { name: 'datastore1' }, destination: { storageClass: 'ceph-rbd', accessMode: 'ReadWriteMany' } }]);
    expect(findObject(objects, 'Plan').spec).toEqual({
      provider: refs,
      map: { network: { name: 'networks', namespace: 'openshift-mtv' }, storage: { name: 'storage', namespace: 'openshift-mtv' } },
      targetNamespace: 'apps',
      type: 'warm',
      vms: [{ name: 'web-1' }, { id: 'vm-1234' }],
      transferNetwork: { name: 'backend', namespace: 'apps' },
    });
    expect(findObject(objects, 'Migration')).toEqual({
      apiVersion: 'forklift.konveyor.io/v1beta1',
      kind: 'Migration',
      metadata: { name: 'web-run', namespace: 'openshift-mtv' },
      spec: { plan: { name: 'web', namespace: 'openshift-mtv' }, cutover: '2026-12-05T22:00:00Z' },
    });
  });

  test('credentials given as values go into a Secret, never into the Provider', () => {
    const { chart, networks, storage } = setup(VsphereCredentials.fromValues({ user: 'mtv@vsphere.local', password: 's3cret!pass', thumbprint: THUMBPRINT.toLowerCase() }));
    networks.mapToPodNetwork('VM Network');
    storage.map('datastore1', { storageClass: 'ceph-rbd' });
    const objects = synthValid(chart);
    const secret = findObject(objects, 'Secret', 'vcenter-credentials');
    expect(secretData(secret)).toEqual({
      user: 'mtv@vsphere.local', password: 's3cret!pass', thumbprint: THUMBPRINT, insecureSkipVerify: 'false', url: 'https://vcenter.example.com/sdk',
    });
    expect(secret.metadata.labels).toEqual({ createdForProviderType: 'vsphere', createdForResourceType: 'providers' });
    const everythingElse = JSON.stringify(objects.filter((o) => o.kind !== 'Secret'));
    expect(everythingElse).not.toContain('s3cret!pass');
    expect(findObject(objects, 'Provider').spec.secret).toEqual({ name: 'vcenter-credentials', namespace: 'openshift-mtv' });
  });

  test('cross-checks at synth: unmapped networks and datastores, maps of other providers', () => {
    const { app, chart, vsphere, host, networks, storage } = setup();
    networks.mapToPodNetwork('VM Network');
    storage.map('datastore1', { storageClass: 'ceph-rbd' });
    const other = new VsphereProvider(chart, 'other', { metadata: { name: 'other' }, url: 'https://vc2.example.com/sdk', credentials: VsphereCredentials.fromSecret('vc2') });
    const otherStorage = new StorageMap(chart, 'other-storage', { metadata: { name: 'other-storage' }, source: other, destination: host });
    otherStorage.map('ds9', { storageClass: 'ceph-rbd' });
    new MigrationPlan(chart, 'plan', {
      metadata: { name: 'web' },
      source: vsphere,
      destination: host,
      networkMap: networks,
      storageMap: otherStorage,
      targetNamespace: 'apps',
      vms: [{ name: 'web-1', networks: ['VM Network', 'Storage VLAN'], datastores: ['datastore1'] }],
    });
    expect(storage.datastores).toEqual(['datastore1']);
    expect(synthErrors(app)).toEqual([
      '[mtv/plan] storageMap "other-storage" maps provider "other", but the plan migrates from "vcenter": use a map of the same source provider',
      '[mtv/plan] VM "web-1" is on vSphere network "Storage VLAN", which NetworkMap "networks" does not map: add networkMap.mapToPodNetwork("Storage VLAN") or mapToMultus("Storage VLAN", ...)',
      '[mtv/plan] VM "web-1" has disks on datastore "datastore1", which StorageMap "other-storage" does not map: add storageMap.map("datastore1", { storageClass: ... })',
    ]);
  });

  test('bad input is refused with the fix', () => {
    const { chart, vsphere, host, backend, networks, storage } = setup();
    expect(() => new VsphereProvider(chart, 'a', { url: 'https://admin:pw@vcenter.example.com/sdk', credentials: VsphereCredentials.fromSecret('x') }))
      .toThrow('[mtv/a] url carries credentials: give them as credentials (kept in a Secret), never in the URL');
    expect(() => new VsphereProvider(chart, 'b', { url: 'vcenter.example.com', credentials: VsphereCredentials.fromSecret('x') }))
      .toThrow('[mtv/b] url "vcenter.example.com" is not an https URL: use vCenter\'s SDK endpoint, e.g. "https://vcenter.example.com/sdk"');
    const provider = (id: string, credentials: VsphereCredentials) => () => new VsphereProvider(chart, id, { url: 'https://vcenter.example.com/sdk', credentials });
    expect(provider('c', VsphereCredentials.fromValues({ user: 'u', password: 'p' })))
      .toThrow('[mtv/c] credentials: VsphereCredentials.fromValues: give exactly one of thumbprint (the SHA-1 fingerprint of vCenter\'s certificate) or caCert (the PEM CA that signs it), so the connection is verified');
    expect(provider('d', VsphereCredentials.fromValues({ user: 'u', password: 'p', thumbprint: 'AB:CD' }))).toThrow('[mtv/d] credentials: VsphereCredentials.fromValues: thumbprint "AB:CD" is not a SHA-1 thumbprint');
    expect(provider('e', VsphereCredentials.fromSecret('Creds'))).toThrow('[mtv/e] credentials: VsphereCredentials.fromSecret: secret name "Creds" is not a valid DNS-1123 subdomain');
    networks.mapToPodNetwork('VM Network');
    expect(() => networks.mapToPodNetwork('Other')).toThrow('[mtv/networks] mapToPodNetwork("Other"): "VM Network" already goes to the pod network, and a VM has one pod interface: map this one to a Multus network');
    expect(() => networks.mapToMultus('VM Network', backend)).toThrow('[mtv/networks] source network "VM Network" is mapped twice: each vSphere network goes to one place');
    expect(() => storage.map('ds', { storageClass: 'Ceph RBD' })).toThrow('[mtv/storage] map("ds"): storageClass "Ceph RBD" is not a valid DNS-1123 subdomain');
    expect(() => storage.map('ds', { storageClass: 'ceph', accessMode: 'ReadWriteAll' as AccessMode })).toThrow('[mtv/storage] map("ds"): accessMode "ReadWriteAll" is not one of');
    const base = { source: vsphere, destination: host, networkMap: networks, storageMap: storage };
    expect(() => new MigrationPlan(chart, 'p1', { ...base, targetNamespace: 'Apps', vms: [{ name: 'a' }] })).toThrow('[mtv/p1] targetNamespace "Apps" is not a valid DNS-1123 label');
    expect(() => new MigrationPlan(chart, 'p2', { ...base, targetNamespace: 'apps', vms: [] })).toThrow('[mtv/p2] vms is empty: list the vSphere VMs to migrate, e.g. [{ name: "web-1" }]');
    expect(() => new MigrationPlan(chart, 'p3', { ...base, targetNamespace: 'apps', vms: [{ name: 'a', id: 'vm-1' }] })).toThrow('[mtv/p3] vms[0] needs exactly one of name and id');
    const cold = new MigrationPlan(chart, 'p4', { ...base, targetNamespace: 'apps', vms: [{ name: 'a' }] });
    expect(() => cold.start(chart, 's', { cutover: new Date() })).toThrow('[mtv/p4] start: cutover is for warm migrations, and this plan is cold: set warm: true on the plan, or drop cutover');
  });
});

describe('VMware disk imports (CDI)', () => {
  function chart(): Chart {
    return new Chart(Testing.app(), 'imports', { namespace: 'apps' });
  }

  test('VMDK and qcow2 over http, registry image, upload: RWX DataVolumes', () => {
    const c = chart();
    VmwareDiskImport.vmdkOverHttp(c, 'vmdk', 'https://files.example.com/web-1.vmdk', { metadata: { name: 'web-1' }, size: '40Gi' });
    VmwareDiskImport.qcow2OverHttp(c, 'qcow2', 'https://files.example.com/web-2.qcow2.xz', { metadata: { name: 'web-2' }, size: '40Gi' });
    VmwareDiskImport.fromRegistry(c, 'registry', 'docker://registry.example.com/vms/web-3:v1', { metadata: { name: 'web-3' }, size: '40Gi' });
    VmwareDiskImport.forUpload(c, 'upload', { metadata: { name: 'web-4' }, size: '40Gi', accessModes: [AccessMode.READ_WRITE_ONCE] });
    const objects = synthValid(c);
    expect(objects.map((o) => [o.metadata.name, Object.keys(o.spec.source)[0], o.spec.storage.accessModes])).toEqual([
      ['web-1', 'http', ['ReadWriteMany']],
      ['web-2', 'http', ['ReadWriteMany']],
      ['web-3', 'registry', ['ReadWriteMany']],
      ['web-4', 'upload', ['ReadWriteOnce']],
    ]);
    expect(() => VmwareDiskImport.vmdkOverHttp(c, 'x', 'https://files.example.com/web-1.qcow2', { size: '1Gi' }))
      .toThrow(`[${c.node.path}/x] VmwareDiskImport.vmdkOverHttp: url "https://files.example.com/web-1.qcow2" is not a .vmdk file (optionally .gz or .xz): use VmwareDiskImport.qcow2OverHttp for other images`);
    expect(c.node.tryFindChild('x')).toBeUndefined();
  });

  test('VDDK: straight from vSphere, credentials from an existing Secret', () => {
    const c = chart();
    const source = {
      url: 'https://vcenter.example.com/sdk',
      uuid: '42030a8e-2b7f-4b1c-9e3d-6f3a1c2b4d5e',
      backingFile: '[datastore1] web-1/web-1.vmdk',
      thumbprint: THUMBPRINT,
      secretRef: 'vddk-credentials',
      initImageUrl: 'registry.example.com/mtv/vddk:8.0.3',
    };
    VmwareDiskImport.vddk(c, 'vddk', source, { metadata: { name: 'web-1-disk0' }, size: '40Gi' });
    expect(findObject(synthValid(c), 'DataVolume').spec.source).toEqual({
      vddk: { ...source, initImageUrl: undefined, initImageURL: 'registry.example.com/mtv/vddk:8.0.3' },
    });
    const disk = (id: string, options: typeof source) => () => VmwareDiskImport.vddk(c, id, options, { size: '40Gi' });
    expect(disk('d1', { ...source, backingFile: 'web-1.vmdk' })).toThrow(`[${c.node.path}/d1] source: DataVolumeSource.vddk: backingFile "web-1.vmdk" is not a datastore path: write it as vSphere shows it, e.g. "[datastore1] web-1/web-1.vmdk"`);
    expect(disk('d2', { ...source, url: 'https://root:pw@esxi/sdk' })).toThrow(`[${c.node.path}/d2] source: DataVolumeSource.vddk: url carries credentials: put them into the Secret named by secretRef, never into the manifest`);
    expect(disk('d3', { ...source, uuid: 'web-1' })).toThrow(`[${c.node.path}/d3] source: DataVolumeSource.vddk: uuid "web-1" is not a VM UUID`);
    expect(() => DataVolumeSource.vddk(undefined as never)).not.toThrow();
  });
});
