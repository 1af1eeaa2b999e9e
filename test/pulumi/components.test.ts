import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { Chart, Testing } from 'cdk8s';
import { installMocks, registered, resetRegistrations, valueOf } from './mocks';
import { RunStrategy } from '../../src/compute/run-strategy';
import { VirtualMachine as Cdk8sVirtualMachine } from '../../src/compute/virtual-machine';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { ChartDeployment, VirtualMachine, VirtualizationRuntime, cdiOperatorUrl, kubevirtOperatorUrl } from '../../src/pulumi';
import { OpenShiftVirtualization } from '../../src/runtime/openshift-virtualization';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';

installMocks();
beforeEach(resetRegistrations);

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function byName(name: string) {
  const found = registered().find((r) => r.name === name);
  if (!found) throw new Error(`no registration named ${name}: ${registered().map((r) => r.name).join(', ')}`);
  return found;
}

function dependencyNames(name: string): string[] {
  return byName(name).dependencies.map((urn) => registered().find((r) => r.urn === urn)!.name).sort();
}

/** Wait for every registration a component makes. */
async function settled(component: { urn: any }): Promise<void> {
  await valueOf(component.urn);
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('VirtualizationRuntime: openshift', () => {
  test('OLM objects, then HyperConverged, waiting for the CSV and for Available; the same objects as the cdk8s construct', async () => {
    const runtime = new VirtualizationRuntime('virt', { mode: 'openshift', emulation: true, channel: 'stable' });
    await valueOf(runtime.urns);
    expect(registered().filter((r) => r.type.startsWith('kubernetes:')).map((r) => r.name)).toEqual([
      'namespace-openshift-cnv',
      'operatorgroup-openshift-cnv-kubevirt-hyperconverged-group',
      'subscription-openshift-cnv-hco-operatorhub',
      'hyperconverged-openshift-cnv-kubevirt-hyperconverged',
    ]);
    expect(byName('virt').type).toBe('kubevirt-constructs:index:VirtualizationRuntime');
    expect(byName('subscription-openshift-cnv-hco-operatorhub').inputs.metadata.annotations).toEqual({ 'pulumi.com/waitFor': 'jsonpath={.status.installedCSV}' });
    const hco = byName('hyperconverged-openshift-cnv-kubevirt-hyperconverged');
    expect(hco.inputs.metadata.annotations).toEqual({ 'pulumi.com/waitFor': 'condition=Available' });
    expect(dependencyNames('hyperconverged-openshift-cnv-kubevirt-hyperconverged')).toEqual([
      'namespace-openshift-cnv', 'operatorgroup-openshift-cnv-kubevirt-hyperconverged-group', 'subscription-openshift-cnv-hco-operatorhub',
    ]);

    // The GitOps side renders the same objects (without Pulumi's wait annotations).
    const chart = new Chart(Testing.app(), 'virt');
    new OpenShiftVirtualization(chart, 'runtime', { emulation: true, subscription: { channel: 'stable' } });
    for (const object of Testing.synth(chart)) {
      const sent = structuredClone(registered().find((r) => r.inputs.kind === object.kind)!.inputs);
      delete sent.metadata.annotations;
      expect(sent).toEqual(object);
    }
    expect(byName('subscription-openshift-cnv-hco-operatorhub').inputs.spec.config).toEqual({ env: [{ name: 'KVM_EMULATION', value: 'true' }] });
  });
});

describe('VirtualizationRuntime: kubevirt', () => {
  test('release manifests fetched by the provider at `pulumi up`, then the KubeVirt and CDI CRs waiting for Available', async () => {
    const runtime = new VirtualizationRuntime('virt', { mode: 'kubevirt', kubevirtVersion: 'v1.6.2', cdiVersion: 'v1.62.0', emulation: true });
    await valueOf(runtime.urns);
    const files = registered().filter((r) => r.type === 'kubernetes:yaml/v2:ConfigFile');
    expect(files.map((r) => [r.name, r.inputs.file])).toEqual([
      ['virt-kubevirt-operator', 'https://github.com/kubevirt/kubevirt/releases/download/v1.6.2/kubevirt-operator.yaml'],
      ['virt-cdi-operator', 'https://github.com/kubevirt/containerized-data-importer/releases/download/v1.62.0/cdi-operator.yaml'],
    ]);
    expect(kubevirtOperatorUrl('v1.6.2')).toBe(files[0].inputs.file);
    expect(cdiOperatorUrl('v1.62.0')).toBe(files[1].inputs.file);
    const kubevirt = byName('kubevirt-kubevirt-kubevirt');
    expect(kubevirt.type).toBe('kubernetes:kubevirt.io/v1:KubeVirt');
    expect(kubevirt.inputs.spec).toEqual({ configuration: { developerConfiguration: { useEmulation: true } } });
    expect(kubevirt.inputs.metadata.annotations).toEqual({ 'pulumi.com/waitFor': 'condition=Available' });
    expect(byName('cdi-cdi').inputs.metadata.annotations).toEqual({ 'pulumi.com/waitFor': 'condition=Available' });
    // Depending on the remote component waits for everything it creates.
    expect(dependencyNames('kubevirt-kubevirt-kubevirt')).toEqual(['virt-cdi-operator', 'virt-kubevirt-operator']);
  });

  test('local release manifests (air-gapped): one resource per object, operators first', async () => {
    const runtime = new VirtualizationRuntime('virt', {
      mode: 'kubevirt',
      kubevirtOperatorManifest: path.join(FIXTURES, 'kubevirt-operator.yaml'),
      cdiOperatorManifest: path.join(FIXTURES, 'cdi-operator.yaml'),
    });
    await valueOf(runtime.urns);
    expect(registered().filter((r) => r.type === 'kubernetes:yaml/v2:ConfigFile')).toEqual([]);
    expect(byName('deployment-kubevirt-virt-operator').type).toBe('kubernetes:apps/v1:Deployment');
    expect(byName('customresourcedefinition-kubevirts.kubevirt.io').type).toBe('kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition');
    expect(dependencyNames('kubevirt-kubevirt-kubevirt')).toContain('deployment-kubevirt-virt-operator');
    expect(dependencyNames('kubevirt-kubevirt-kubevirt')).toContain('customresourcedefinition-kubevirts.kubevirt.io');
  });

  test('bad arguments are refused with the fix', () => {
    expect(() => new VirtualizationRuntime('a', { mode: 'vsphere' })).toThrow('VirtualizationRuntime: mode "vsphere" is not one of "openshift", "kubevirt"');
    expect(() => new VirtualizationRuntime('b', { mode: 'kubevirt', cdiVersion: 'v1.62.0' })).toThrow('VirtualizationRuntime: mode "kubevirt" needs kubevirtVersion (e.g. "v1.6.2") or kubevirtOperatorManifest (a local file or URL)');
    expect(() => new VirtualizationRuntime('c', { mode: 'kubevirt', kubevirtVersion: '1.6', cdiVersion: 'v1.62.0' })).toThrow('VirtualizationRuntime: kubevirtVersion "1.6" is not a release tag: write it like "v1.6.2"');
  });
});

describe('VirtualMachine (Pulumi)', () => {
  test('flat args map onto the cdk8s construct; user data is a Pulumi secret in a Secret of its own', async () => {
    const runtime = new VirtualizationRuntime('virt', { mode: 'openshift' });
    const vm = new VirtualMachine('rdqm-1', {
      namespace: 'mq',
      cores: 2,
      memory: '8Gi',
      rootDiskImageUrl: 'https://images.example.com/rhel9.qcow2',
      storageClass: 'ceph-rbd',
      dataDisks: [{ name: 'drbd', size: '50Gi' }],
      networks: [{ network: 'rdqm-replication', interfaceName: 'repl', ip: '192.168.4.1/24' }],
      podNetworkPorts: [1414],
      userData: '#cloud-config\nuser: mqadmin\n',
      liveMigration: 'required',
    }, { dependsOn: [runtime] });
    await valueOf(vm.urns);
    await settled(vm);

    const sent = byName('virtualmachine-mq-rdqm-1');
    // pulumi destroy deletes the VM and keeps its disks and their namespace.
    expect(sent.retainOnDelete).toBe(false);
    expect(registered().filter((r) => r.retainOnDelete).map((r) => r.name).sort()).toEqual(['datavolume-mq-rdqm-1-drbd', 'datavolume-mq-rdqm-1-rootdisk', 'namespace-mq']);
    expect(byName('secret-mq-rdqm-1-user-data').secretInputs).toEqual(['stringData']);
    expect(byName('secret-mq-rdqm-1-user-data').inputs.stringData).toEqual({ userdata: '#cloud-config\nuser: mqadmin\n' });
    const deps = dependencyNames('virtualmachine-mq-rdqm-1');
    expect(deps).toEqual(expect.arrayContaining(['secret-mq-rdqm-1-user-data', 'secret-mq-rdqm-1-cloud-init', 'hyperconverged-openshift-cnv-kubevirt-hyperconverged', 'namespace-mq']));
    // The user-data Secret is created in the namespace, after it.
    expect(dependencyNames('secret-mq-rdqm-1-user-data')).toEqual(expect.arrayContaining(['namespace-mq']));

    // The same VM declared with the cdk8s construct renders the same manifest.
    const chart = new Chart(Testing.app(), 'rdqm-1', { namespace: 'mq' });
    const twin = new Cdk8sVirtualMachine(chart, 'vm', {
      metadata: { name: 'rdqm-1' },
      cpu: { cores: 2 },
      memory: '8Gi',
      runStrategy: RunStrategy.ALWAYS,
      liveMigration: LiveMigrationMode.REQUIRED,
      podNetwork: { ports: [{ port: 1414 }] },
    });
    twin.addDisk('rootdisk', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.http('https://images.example.com/rhel9.qcow2'), size: '30Gi', storageClassName: 'ceph-rbd', accessModes: [AccessMode.READ_WRITE_MANY] }), { bootOrder: 1 });
    twin.addDisk('drbd', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '50Gi', storageClassName: 'ceph-rbd', accessModes: [AccessMode.READ_WRITE_MANY] }));
    twin.attachNetwork(NetworkAttachmentDefinition.fromName('rdqm-replication'), { interfaceName: 'repl', ip: '192.168.4.1/24' });
    twin.addCloudInit({ userDataSecret: 'rdqm-1-user-data' });
    const expected = Testing.synth(chart);
    const { 'pulumi.com/waitFor': waitFor, ...annotations } = sent.inputs.metadata.annotations;
    expect(waitFor).toBe('condition=Ready');
    // Without its DataVolume templates, which are DataVolumes of their own (kept on destroy).
    const { dataVolumeTemplates, ...spec } = expected.find((o) => o.kind === 'VirtualMachine')!.spec;
    expect({ ...sent.inputs, metadata: { ...sent.inputs.metadata, annotations } }).toEqual({ ...expected.find((o) => o.kind === 'VirtualMachine'), spec });
    expect(byName('datavolume-mq-rdqm-1-drbd').inputs.spec).toEqual(dataVolumeTemplates[1].spec);
    expect(byName('secret-mq-rdqm-1-cloud-init').inputs).toEqual(expected.find((o) => o.kind === 'Secret'));
  });

  test('bad arguments name the field', () => {
    expect(() => new VirtualMachine('a', { memory: '1Gi' })).toThrow('VirtualMachine a: give exactly one of containerDiskImage and rootDiskImageUrl for the root disk');
    expect(() => new VirtualMachine('b', { memory: '1Gi', containerDiskImage: 'x', liveMigration: 'always' })).toThrow(new Error('VirtualMachine b: liveMigration "always" is not one of "required", "preferred", "off": write one of them, or leave liveMigration out for "off"'));
    expect(() => new VirtualMachine('c', { memory: '4GB', containerDiskImage: 'quay.io/containerdisks/fedora:40' })).toThrow('[c/vm] memory "4GB" is not a Kubernetes quantity');
  });
});

describe('Pulumi components report bad input only as pulumi.ResourceError, with the message of the construct that refused it', () => {
  function thrown(build: () => unknown): unknown {
    try {
      build();
    } catch (e) {
      return e;
    }
    throw new Error('nothing was thrown');
  }

  test.each<[string, () => unknown, string]>([
    ['a VM argument out of its enum', () => new VirtualMachine('a', { memory: '1Gi', containerDiskImage: 'x', runStrategy: 'Sometimes' }), 'VirtualMachine a: runStrategy "Sometimes" is not one of "Always", "RerunOnFailure", "Manual", "Halted", "Once": write one of them, or leave runStrategy out for "Always"'],
    ['a VM construct error', () => new VirtualMachine('b', { memory: '4GB', containerDiskImage: 'quay.io/containerdisks/fedora:40' }), '[b/vm] memory "4GB" is not a Kubernetes quantity'],
    ['a bad factory value', () => new VirtualMachine('c', { memory: '1Gi', containerDiskImage: 'docker://quay.io/x' }), '[c/vm] disk "rootdisk": VolumeSource.containerDisk: image "docker://quay.io/x" is not a container image reference'],
    ['a bad disk URL', () => new VirtualMachine('d', { memory: '1Gi', rootDiskImageUrl: 'ftp://x/y.qcow2' }), '[d/vm] disk "rootdisk": VolumeSource.dataVolumeTemplate: source: DataVolumeSource.http: url "ftp://x/y.qcow2"'],
    ['a bad release tag', () => new VirtualizationRuntime('e', { mode: 'kubevirt', kubevirtVersion: '1.6', cdiVersion: 'v1.62.0' }), 'VirtualizationRuntime: kubevirtVersion "1.6" is not a release tag'],
    ['a missing manifest file', () => new VirtualizationRuntime('f', { mode: 'kubevirt', kubevirtOperatorManifest: path.join(FIXTURES, 'nope.yaml'), cdiVersion: 'v1.62.0' }),
      `[f/kubevirt] operatorManifests: OperatorManifests.fromFile: cannot read ${JSON.stringify(path.join(FIXTURES, 'nope.yaml'))} (ENOENT)`],
    ['a chart that fails validation', () => {
      const chart = new Chart(Testing.app(), 'net', { namespace: 'vms' });
      for (const id of ['a', 'b']) {
        new NetworkAttachmentDefinition(chart, id, { metadata: { name: id }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: ['10.0.0.5/24'] }) });
      }
      return new ChartDeployment('h', { chart });
    }, 'Validation failed with the following errors:\n  [net/b] static IP 10.0.0.5'],
    ['a bad subscription', () => new VirtualizationRuntime('g', { mode: 'openshift', channel: 'not a channel' }), '[g/runtime] subscription.channel "not a channel" is not a channel name'],
  ])('%s', (_case, build, message) => {
    const error = thrown(build);
    expect(error).toBeInstanceOf(pulumi.ResourceError);
    expect((error as Error).message).toContain(message);
  });
});
