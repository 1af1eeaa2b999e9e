import * as pulumi from '@pulumi/pulumi';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { installMocks, mockVmiStatus, readsSoFar, registered, resetRegistrations, valueOf } from './mocks';
import { RunStrategy } from '../../src/compute/run-strategy';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import {
  ChartDeployment,
  DataVolume as PulumiDataVolume,
  NetworkAttachmentDefinition as PulumiNetworkAttachmentDefinition,
  VirtualMachine as PulumiVirtualMachine,
} from '../../src/pulumi';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';

installMocks();
beforeEach(resetRegistrations);

const FILTER_WAIT = "jsonpath={.status[?@ == 'Succeeded' || @ == 'WaitForFirstConsumer' || @ == 'PendingPopulation']}";

/** A running VM with an imported root disk and a Service, a halted VM, and a DataVolume of its own, in namespace `apps`. */
function apps(): App {
  const app = Testing.app();
  const chart = new Chart(app, 'apps', { namespace: 'apps' });
  const web = new VirtualMachine(chart, 'web', { metadata: { name: 'web' }, memory: '2Gi', podNetwork: { ports: [{ name: 'https', port: 8443 }] } });
  web.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({
    source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:40'), size: '30Gi', accessModes: [AccessMode.READ_WRITE_MANY],
  }), { bootOrder: 1 });
  web.exposeViaService({ ports: [{ name: 'https', port: 443, targetPort: 'https' }] });
  const batch = new VirtualMachine(chart, 'batch', { metadata: { name: 'batch' }, memory: '1Gi', runStrategy: RunStrategy.HALTED });
  batch.addDisk('rootdisk', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
  new DataVolume(chart, 'shared', { metadata: { name: 'shared' }, source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_MANY] });
  return app;
}

function byName(name: string) {
  const found = registered().find((r) => r.name === name);
  if (!found) throw new Error(`no registration named ${name}: ${registered().map((r) => r.name).join(', ')}`);
  return found;
}

const annotationsOf = (name: string) => byName(name).inputs.metadata.annotations ?? {};
const NO_TIMEOUTS = { create: '', update: '', delete: '' };

describe('readiness: what `pulumi up` waits for', () => {
  test('running VMs wait for Ready, halted ones do not; every DataVolume (its own or a template) waits until populated, 30 minutes', async () => {
    await valueOf(new ChartDeployment('apps', { chart: apps() }).urns);
    expect(annotationsOf('virtualmachine-apps-web')['pulumi.com/waitFor']).toBe('condition=Ready');
    expect(byName('virtualmachine-apps-web').customTimeouts).toEqual(NO_TIMEOUTS);
    expect(annotationsOf('virtualmachine-apps-batch')['pulumi.com/waitFor']).toBeUndefined();
    for (const disk of ['datavolume-apps-shared', 'datavolume-apps-web-rootdisk']) {
      expect(annotationsOf(disk)['pulumi.com/waitFor']).toBe('jsonpath={.status.phase}=Succeeded');
      expect(byName(disk).customTimeouts).toEqual({ create: '30m', update: '30m', delete: '' });
    }
    // Every VM and DataVolume registered: the running ones wait, the halted one does not.
    const awaited = registered().filter((r) => r.inputs.metadata?.annotations?.['pulumi.com/waitFor'] !== undefined).map((r) => r.name).sort();
    expect(awaited).toEqual(['datavolume-apps-shared', 'datavolume-apps-web-rootdisk', 'virtualmachine-apps-web']);
  });

  test('late-binding storage, timeouts, opting out, and a hand-written waitFor that wins', async () => {
    const app = apps();
    const shared = app.node.findAll().find((c) => c instanceof DataVolume) as DataVolume;
    shared.metadata.addAnnotation('pulumi.com/waitFor', 'jsonpath={.status.phase}=ImportScheduled');
    await valueOf(new ChartDeployment('apps', { chart: app, readiness: { storageBindsLate: true, vmTimeout: '20m', diskTimeout: '2h' } }).urns);
    expect(annotationsOf('datavolume-apps-web-rootdisk')['pulumi.com/waitFor']).toBe(FILTER_WAIT);
    expect(byName('datavolume-apps-web-rootdisk').customTimeouts).toEqual({ create: '2h', update: '2h', delete: '' });
    expect(annotationsOf('datavolume-apps-shared')['pulumi.com/waitFor']).toBe('jsonpath={.status.phase}=ImportScheduled');
    expect(byName('virtualmachine-apps-web').customTimeouts).toEqual({ create: '20m', update: '20m', delete: '' });

    resetRegistrations();
    await valueOf(new ChartDeployment('quick', { chart: apps(), readiness: { waitForVms: false, waitForDisks: false } }).urns);
    expect(registered().filter((r) => r.inputs.metadata?.annotations?.['pulumi.com/waitFor'] !== undefined)).toEqual([]);
    expect(registered().filter((r) => r.customTimeouts.create !== '')).toEqual([]);
  });

  test('a timeout that is no duration is refused with the fix', () => {
    expect(() => new ChartDeployment('bad', { chart: apps(), readiness: { vmTimeout: '20 minutes' } }))
      .toThrow('ChartDeployment: vmTimeout "20 minutes" is not a duration: write it like "20m", "1h" or "1h30m"');
  });
});

describe('destroy: VMs are deleted, disks kept', () => {
  test('a VM\'s DataVolume templates become DataVolumes of their own, before it and retained; the VM is not retained', async () => {
    const deployment = new ChartDeployment('apps', { chart: apps() });
    await valueOf(deployment.urns);
    const vm = byName('virtualmachine-apps-web');
    const root = byName('datavolume-apps-web-rootdisk');
    expect(vm.retainOnDelete).toBe(false);
    expect(root.retainOnDelete).toBe(true);
    expect(vm.dependencies).toContain(root.urn);
    // The VM goes without its template (KubeVirt would adopt a DataVolume named like one); its
    // volume names the standalone DataVolume, made from the template.
    const synthesized = Testing.synth(Chart.of(apps().node.findAll().find((c) => c instanceof VirtualMachine)!)).find((o) => o.metadata.name === 'web')!;
    expect(vm.inputs.spec.dataVolumeTemplates).toBeUndefined();
    expect(vm.inputs.spec.template.spec.volumes).toEqual(synthesized.spec.template.spec.volumes);
    expect(vm.inputs.spec.template.spec.volumes).toContainEqual({ name: 'rootdisk', dataVolume: { name: 'web-rootdisk' } });
    expect(root.inputs.spec).toEqual(synthesized.spec.dataVolumeTemplates[0].spec);
    // No deletion propagation override: the VM goes with the provider's default (foreground) deletion.
    expect(vm.inputs.metadata.annotations['pulumi.com/deletionPropagationPolicy']).toBeUndefined();
    expect(registered().filter((r) => r.retainOnDelete).map((r) => r.name).sort()).toEqual(['datavolume-apps-shared', 'datavolume-apps-web-rootdisk', 'namespace-apps']);
  });

  test('per VM opt-out: deleteDisksWithVms keeps the template in the VM, and nothing of it is retained', async () => {
    await valueOf(new ChartDeployment('apps', { chart: apps(), deleteDisksWithVms: ['VirtualMachine/apps/web'] }).urns);
    expect(registered().some((r) => r.name === 'datavolume-apps-web-rootdisk')).toBe(false);
    expect(byName('virtualmachine-apps-web').retainOnDelete).toBe(false);
    expect(registered().filter((r) => r.retainOnDelete).map((r) => r.name).sort()).toEqual(['datavolume-apps-shared', 'namespace-apps']);
    expect(() => new ChartDeployment('typo', { chart: apps(), deleteDisksWithVms: ['VirtualMachine/apps/batch'] }))
      .toThrow('ChartDeployment: deleteDisksWithVms names VirtualMachine/apps/batch, which is no VirtualMachine with DataVolume templates here: use one of VirtualMachine/apps/web');
  });

  test('retainVms: VMs whose template DataVolumes exist already (deployed by 0.1.0) keep them and are retained, as before', async () => {
    await valueOf(new ChartDeployment('apps', { chart: apps(), retainVms: ['VirtualMachine/apps/web'] }).urns);
    expect(registered().some((r) => r.name === 'datavolume-apps-web-rootdisk')).toBe(false);
    expect(byName('virtualmachine-apps-web').retainOnDelete).toBe(true);
    expect(() => new ChartDeployment('typo', { chart: apps(), retainVms: ['VirtualMachine/apps/webb'] }))
      .toThrow('ChartDeployment: retainVms names VirtualMachine/apps/webb, which is no VirtualMachine with DataVolume templates here: use one of VirtualMachine/apps/web');
  });

  test('a template named like a DataVolume of the chart is refused', () => {
    const app = apps();
    new DataVolume(Chart.of(app.node.findAll().find((c) => c instanceof DataVolume)!), 'clash', {
      metadata: { name: 'web-rootdisk' }, source: DataVolumeSource.blank(), size: '1Gi', accessModes: [AccessMode.READ_WRITE_MANY],
    });
    expect(() => new ChartDeployment('clash', { chart: app, createNamespaces: false })).toThrow(/web-rootdisk/);
  });
});

describe('namespaces', () => {
  test('the namespace the objects use is created first (before every object in it), opt-out for existing ones', async () => {
    await valueOf(new ChartDeployment('apps', { chart: apps() }).urns);
    const namespace = byName('namespace-apps');
    expect(namespace.inputs).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
    for (const object of registered().filter((r) => r.inputs.metadata?.namespace === 'apps')) expect(object.dependencies).toContain(namespace.urn);
    expect(registered().filter((r) => r.type.startsWith('kubernetes:'))[0].name).toBe('namespace-apps');

    for (const args of [{ existingNamespaces: ['apps'] }, { createNamespaces: false }]) {
      resetRegistrations();
      await valueOf(new ChartDeployment('apps', { chart: apps(), ...args }).urns);
      expect(registered().some((r) => r.type === 'kubernetes:core/v1:Namespace')).toBe(false);
    }
  });
});

describe('outputs', () => {
  test('lookup by kind/namespace/name, the Services of a VM with their ports, and its guest addresses read after it', async () => {
    const deployment = new ChartDeployment('apps', { chart: apps() });
    expect(deployment.lookup('Service', 'apps', 'web')).toBe(deployment.resources['Service/apps/web']);
    expect(deployment.lookup('Namespace', undefined, 'apps')).toBe(deployment.resources['Namespace/apps']);
    expect(() => deployment.lookup('Service', 'apps', 'nope')).toThrow(/^ChartDeployment: nothing deployed as Service\/apps\/nope: deployed are Namespace\/apps, /);
    expect(deployment.servicesOf('apps', 'web')).toEqual([{ name: 'web', type: 'ClusterIP', ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] }]);
    expect(deployment.servicesOf('apps', 'batch')).toEqual([]);

    const addresses = await valueOf(deployment.guestIpAddresses('apps', 'web'));
    expect(deployment.guestIpAddresses('apps', 'web')).toBe(deployment.guestIpAddresses('apps', 'web'));
    const status = mockVmiStatus('apps/web');
    expect(addresses).toEqual([...status.interfaces[0].ipAddresses, status.interfaces[1].ipAddress]);
    // Read by the VM's own ID, so the read waits for the VM (and its Ready wait) and is skipped in previews.
    expect(readsSoFar().map((r) => [r.type, r.name, r.id])).toEqual([
      ['kubernetes:kubevirt.io/v1:VirtualMachineInstance', 'virtualmachineinstance-apps-web', 'apps/web'],
    ]);
    expect(() => deployment.guestIpAddresses('apps', 'batch'))
      .toThrow('ChartDeployment: VirtualMachine apps/batch is not meant to run (runStrategy Halted): it has no guest addresses to read');
  });
});

describe('adoption of objects that exist', () => {
  test('adoptExisting: every object forces its fields through conflicts; VMs with templates keep them and are retained', async () => {
    await valueOf(new ChartDeployment('apps', { chart: apps(), adoptExisting: true, createNamespaces: false }).urns);
    const objects = registered().filter((r) => r.type.startsWith('kubernetes:'));
    expect(objects.map((r) => r.name).sort()).toEqual(['datavolume-apps-shared', 'service-apps-web', 'virtualmachine-apps-batch', 'virtualmachine-apps-web']);
    for (const object of objects) expect(object.inputs.metadata.annotations['pulumi.com/patchForce']).toBe('true');
    expect(registered().some((r) => r.name === 'datavolume-apps-web-rootdisk')).toBe(false);
    expect(byName('virtualmachine-apps-web').retainOnDelete).toBe(true);
  });

  test('secretStringData fills a Secret of the chart as a Pulumi secret, and names an unknown Secret with the ones there are', async () => {
    const app = apps();
    new ApiObject(Chart.of(app.node.findAll().find((c) => c instanceof DataVolume)!), 'token', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, type: 'Opaque' });
    await valueOf(new ChartDeployment('apps', { chart: app, secretStringData: { 'Secret/apps/token': { token: pulumi.output('s3cr3t') } } }).urns);
    expect(byName('secret-apps-token').inputs.stringData).toEqual({ token: 's3cr3t' });
    expect(byName('secret-apps-token').secretInputs).toEqual(['stringData']);
    expect(() => new ChartDeployment('bad', { chart: apps(), secretStringData: { 'Secret/apps/nope': { a: 'b' } } }))
      .toThrow('ChartDeployment: secretStringData names Secret/apps/nope, which is no Secret of the deployment: use one of (none)');
  });
});

describe('VirtualMachine (Pulumi): outputs, namespace, destroy, fixed IPs from a pool', () => {
  const base = { memory: '2Gi', rootDiskImageUrl: 'https://images.example.com/fedora.qcow2' };

  test('outputs name, namespace, Service names and ports, and the guest addresses once Ready; the namespace first', async () => {
    const vm = new PulumiVirtualMachine('web', { ...base, namespace: 'shop', podNetworkPorts: [8443, 22], servicePorts: [8443, 22] });
    expect(await valueOf(vm.vmName)).toBe('web');
    expect(await valueOf(vm.namespace)).toBe('shop');
    expect(await valueOf(vm.serviceNames)).toEqual(['web']);
    expect(await valueOf(vm.servicePorts)).toEqual([8443, 22]);
    const status = mockVmiStatus('shop/web');
    expect(await valueOf(vm.ipAddresses)).toEqual([...status.interfaces[0].ipAddresses, status.interfaces[1].ipAddress]);
    await valueOf(vm.urns);
    const namespace = byName('namespace-shop');
    expect(namespace.retainOnDelete).toBe(true);
    for (const name of ['virtualmachine-shop-web', 'datavolume-shop-web-rootdisk', 'service-shop-web']) expect(byName(name).dependencies).toContain(namespace.urn);
    expect(byName('virtualmachine-shop-web').retainOnDelete).toBe(false);
    expect(byName('datavolume-shop-web-rootdisk').retainOnDelete).toBe(true);
  });

  test('an existing namespace, disks deleted with the VM, a halted VM (no wait, no read)', async () => {
    const vm = new PulumiVirtualMachine('batch', { ...base, namespace: 'jobs', createNamespace: false, keepDisksOnDestroy: false, runStrategy: 'Halted' });
    expect(await valueOf(vm.ipAddresses)).toEqual([]);
    await valueOf(vm.urns);
    expect(registered().some((r) => r.type === 'kubernetes:core/v1:Namespace')).toBe(false);
    expect(registered().some((r) => r.name === 'datavolume-jobs-batch-rootdisk')).toBe(false);
    expect(registered().filter((r) => r.retainOnDelete)).toEqual([]);
    expect(byName('virtualmachine-jobs-batch').inputs.metadata.annotations?.['pulumi.com/waitFor']).toBeUndefined();
    expect(readsSoFar()).toEqual([]);
    // A VM created by 0.1.0: kept as a whole, its disks its own.
    resetRegistrations();
    await valueOf(new PulumiVirtualMachine('old', { ...base, namespace: 'jobs', createNamespace: false, retainVmOnDestroy: true }).urns);
    expect(registered().filter((r) => r.retainOnDelete).map((r) => r.name)).toEqual(['virtualmachine-jobs-old']);
    // "default" exists in every cluster: never created.
    resetRegistrations();
    await valueOf(new PulumiVirtualMachine('plain', { memory: '1Gi', containerDiskImage: 'quay.io/containerdisks/fedora:40', readGuestIps: false }).urns);
    expect(registered().some((r) => r.type === 'kubernetes:core/v1:Namespace')).toBe(false);
  });

  test('a fixed address checked against its pool gets the pool\'s prefix; the gateway and reserved addresses are refused; a pool without an address is refused', async () => {
    const vm = new PulumiVirtualMachine('db', {
      ...base,
      namespace: 'data',
      networks: [{ network: 'backend', ip: '10.10.0.7', ipPoolCidr: '10.10.0.0/24', ipPoolGateway: '10.10.0.1', ipPoolReserved: ['10.10.0.200-10.10.0.250'] }],
    });
    await valueOf(vm.urns);
    const cloudInit = byName('secret-data-db-cloud-init').inputs;
    const networkData = Buffer.from(cloudInit.data.networkdata, 'base64').toString();
    expect(networkData).toContain('10.10.0.7/24');
    expect(() => new PulumiVirtualMachine('g', { ...base, networks: [{ network: 'backend', ip: '10.10.0.1', ipPoolCidr: '10.10.0.0/24', ipPoolGateway: '10.10.0.1' }] }))
      .toThrow('allocate("g/backend"): 10.10.0.1 is the gateway of the pool: pick another address');
    expect(() => new PulumiVirtualMachine('r', { ...base, networks: [{ network: 'backend', ip: '10.10.0.210', ipPoolCidr: '10.10.0.0/24', ipPoolReserved: ['10.10.0.200-10.10.0.250'] }] }))
      .toThrow('allocate("r/backend"): 10.10.0.210 is reserved ("10.10.0.200-10.10.0.250"): pick an address outside the reserved ranges');
    expect(() => new PulumiVirtualMachine('n', { ...base, networks: [{ network: 'backend', ipPoolCidr: '10.10.0.0/24' }] }))
      .toThrow('VirtualMachine n: network "backend" has ipPoolCidr "10.10.0.0/24" but no ip: give the address, e.g. ip: "10.10.0.10"');
  });
});

describe('DataVolume and NetworkAttachmentDefinition (Pulumi), SSH keys from other resources', () => {
  test('DataVolume: waits until populated, kept on destroy with its namespace; outputs name and claim', async () => {
    const disk = new PulumiDataVolume('images', { namespace: 'store', size: '20Gi', sourceUrl: 'https://images.example.com/rhel9.qcow2', timeout: '1h' });
    expect(await valueOf(disk.claimName)).toBe('images');
    await valueOf(disk.urns);
    const dv = byName('datavolume-store-images');
    expect(dv.inputs.spec.source).toEqual({ http: { url: 'https://images.example.com/rhel9.qcow2' } });
    expect(dv.inputs.metadata.annotations['pulumi.com/waitFor']).toBe('jsonpath={.status.phase}=Succeeded');
    expect(dv.customTimeouts).toEqual({ create: '1h', update: '1h', delete: '' });
    expect(dv.retainOnDelete).toBe(true);
    expect(byName('namespace-store').retainOnDelete).toBe(true);
    expect(dv.dependencies).toContain(byName('namespace-store').urn);
    expect(() => new PulumiDataVolume('x', { size: '1Gi', sourceUrl: 'https://a/b.img', registryImage: 'docker://quay.io/a/b' }))
      .toThrow('DataVolume: give at most one of sourceUrl ("https://a/b.img") and registryImage ("docker://quay.io/a/b")');
  });

  test('NetworkAttachmentDefinition: the cdk8s config, its namespace first and kept (other components may use it)', async () => {
    const nad = new PulumiNetworkAttachmentDefinition('backend', { namespace: 'apps', cni: 'bridge', bridge: 'br1', vlan: 20 });
    expect(await valueOf(nad.networkName)).toBe('backend');
    await valueOf(nad.urns);
    const sent = byName('networkattachmentdefinition-apps-backend');
    expect(JSON.parse(sent.inputs.spec.config)).toMatchObject({ name: 'backend', type: 'bridge', bridge: 'br1', vlan: 20 });
    expect(byName('namespace-apps').retainOnDelete).toBe(true);
    expect(sent.retainOnDelete).toBe(false);
    expect(() => new PulumiNetworkAttachmentDefinition('y', { cni: 'bridge' })).toThrow('NetworkAttachmentDefinition: cni "bridge" needs bridge, the node bridge\'s name, e.g. "br1"');
    expect(() => new PulumiNetworkAttachmentDefinition('z', { cni: 'ovs' })).toThrow('NetworkAttachmentDefinition: cni "ovs" is not one of "bridge", "macvlan"');
  });

  test('SSH keys that are Outputs of other resources go into a Secret of their own, as Pulumi secrets', async () => {
    const generated = pulumi.output('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG3n generated');
    const vm = new PulumiVirtualMachine('jump', { memory: '1Gi', containerDiskImage: 'quay.io/containerdisks/fedora:40', sshPublicKeys: [generated], readGuestIps: false });
    await valueOf(vm.urns);
    const keys = byName('secret-default-jump-ssh-keys');
    expect(keys.inputs.stringData).toEqual({ key1: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG3n generated' });
    expect(keys.secretInputs).toEqual(['stringData']);
    const accessCredentials = byName('virtualmachine-default-jump').inputs.spec.template.spec.accessCredentials;
    expect(accessCredentials[0].sshPublicKey.source.secret.secretName).toBe('jump-ssh-keys');
    expect(byName('virtualmachine-default-jump').dependencies).toContain(keys.urn);
  });
});
