import * as path from 'path';
import * as k8s from '@pulumi/kubernetes';
import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import { installMocks, registered, resetRegistrations, valueOf } from './mocks';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { StaticIpPool } from '../../src/network/static-ip-pool';
import { ChartDeployment, objectKey, resourceNameOf } from '../../src/pulumi';
import { OpenShiftVirtualization } from '../../src/runtime/openshift-virtualization';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { PersistentVolumeClaim } from '../../src/storage/persistent-volume-claim';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';
import { ValidationRule } from '../../src/validation/validate-objects';

installMocks();
beforeEach(resetRegistrations);

/** An app with the runtime, a network, storage and a VM, as one program would declare them. */
function stack(): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'stack', { namespace: 'mq' });
  new OpenShiftVirtualization(chart, 'runtime');
  const repl = new NetworkAttachmentDefinition(chart, 'repl', { metadata: { name: 'repl' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.none() });
  const pool = new StaticIpPool(chart, 'pool', { cidr: '192.168.4.0/24' });
  const data = new DataVolume(chart, 'data', { metadata: { name: 'data' }, source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_MANY] });
  const shared = new PersistentVolumeClaim(chart, 'shared', { metadata: { name: 'shared' }, size: Size.gibibytes(1) });
  const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'rdqm-1' }, memory: '4Gi' });
  vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.http('https://images.example.com/rhel9.qcow2'), size: '30Gi', accessModes: [AccessMode.READ_WRITE_MANY] }));
  vm.addDisk('data', VolumeSource.dataVolume(data));
  vm.addDisk('shared', VolumeSource.persistentVolumeClaim(shared));
  vm.attachNetwork(repl, { ip: pool.allocate('rdqm-1') });
  vm.addCloudInit({ userData: { user: 'mqadmin' } });
  return { app, chart };
}

/** An object without the annotations only the Pulumi provider reads (`pulumi.com/...`). */
function withoutPulumiAnnotations(object: any): any {
  const annotations = Object.entries(object.metadata?.annotations ?? {}).filter(([key]) => !key.startsWith('pulumi.com/'));
  const { annotations: _, ...metadata } = object.metadata ?? {};
  return { ...object, metadata: annotations.length > 0 ? { ...metadata, annotations: Object.fromEntries(annotations) } : metadata };
}

function byName(name: string) {
  const found = registered().find((r) => r.name === name);
  if (!found) throw new Error(`no registration named ${name}: ${registered().map((r) => r.name).join(', ')}`);
  return found;
}

describe('ChartDeployment', () => {
  test('one resource per object, typed for built-in kinds, named <kind>-<namespace>-<name>, under the component', async () => {
    const { chart } = stack();
    const deployment = new ChartDeployment('stack', { chart });
    const urns = await valueOf(deployment.urns);
    const component = registered().find((r) => r.type === 'kubevirt-constructs:index:ChartDeployment')!;
    const children = registered().filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'kubernetes:cdi.kubevirt.io/v1beta1:DataVolume datavolume-mq-data',
      // The VM's DataVolume template, deployed as a DataVolume of its own (kept on destroy).
      'kubernetes:cdi.kubevirt.io/v1beta1:DataVolume datavolume-mq-rdqm-1-root',
      // The chart's namespace, which nothing in it declares.
      'kubernetes:core/v1:Namespace namespace-mq',
      'kubernetes:core/v1:Namespace namespace-openshift-cnv',
      'kubernetes:core/v1:PersistentVolumeClaim persistentvolumeclaim-mq-shared',
      'kubernetes:core/v1:Secret secret-mq-rdqm-1-cloud-init',
      'kubernetes:hco.kubevirt.io/v1beta1:HyperConverged hyperconverged-openshift-cnv-kubevirt-hyperconverged',
      'kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition networkattachmentdefinition-mq-repl',
      'kubernetes:kubevirt.io/v1:VirtualMachine virtualmachine-mq-rdqm-1',
      'kubernetes:operators.coreos.com/v1:OperatorGroup operatorgroup-openshift-cnv-kubevirt-hyperconverged-group',
      'kubernetes:operators.coreos.com/v1alpha1:Subscription subscription-openshift-cnv-hco-operatorhub',
    ]);
    expect(Object.keys(urns).sort()).toEqual(Object.keys(deployment.resources).sort());
    expect(Object.keys(urns)).toContain('VirtualMachine/mq/rdqm-1');
  });

  test('the objects are exactly what cdk8s synthesizes for the same program (plus the wait annotations), and the added ones are derived from them', async () => {
    const { chart } = stack();
    const expected = Testing.synth(stack().chart);
    await valueOf(new ChartDeployment('stack', { chart }).urns);
    for (const object of expected) {
      // The VM goes without its DataVolume templates: they are deployed as DataVolumes of their own.
      const { dataVolumeTemplates: _, ...spec } = object.spec ?? {};
      const sent = object.kind === 'VirtualMachine' ? { ...object, spec } : object;
      expect(withoutPulumiAnnotations(byName(resourceNameOf(object)).inputs)).toEqual(sent);
    }
    const added = registered().filter((r) => r.type.startsWith('kubernetes:') && !expected.some((o) => resourceNameOf(o) === r.name));
    expect(added.map((r) => withoutPulumiAnnotations(r.inputs))).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mq' } },
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name: 'rdqm-1-root', namespace: 'mq' },
        spec: expected.find((o) => o.kind === 'VirtualMachine')!.spec.dataVolumeTemplates[0].spec,
      },
    ]);
  });

  test('dependsOn: operators, then cluster CRs, then networks and storage, then the VM and what it names', async () => {
    const { chart } = stack();
    await valueOf(new ChartDeployment('stack', { chart }).urns);
    const urnOf = (name: string) => byName(name).urn;
    const dependencies = (name: string) => byName(name).dependencies.map((urn) => registered().find((r) => r.urn === urn)!.name).sort();
    // The namespaces come first, with the operators.
    const operators = ['namespace-mq', 'namespace-openshift-cnv', 'operatorgroup-openshift-cnv-kubevirt-hyperconverged-group', 'subscription-openshift-cnv-hco-operatorhub'];
    const cluster = 'hyperconverged-openshift-cnv-kubevirt-hyperconverged';
    expect(dependencies('namespace-openshift-cnv')).toEqual([]);
    expect(dependencies('namespace-mq')).toEqual([]);
    expect(dependencies(cluster)).toEqual(operators);
    expect(dependencies('datavolume-mq-data')).toEqual([...operators, cluster].sort());
    expect(dependencies('datavolume-mq-rdqm-1-root')).toEqual([...operators, cluster].sort());
    expect(dependencies('virtualmachine-mq-rdqm-1')).toEqual([
      ...operators, cluster, 'datavolume-mq-data', 'datavolume-mq-rdqm-1-root', 'networkattachmentdefinition-mq-repl', 'persistentvolumeclaim-mq-shared',
      'secret-mq-rdqm-1-cloud-init',
    ].sort());
    // Registered in that order, so a reader of `pulumi preview` sees the same sequence.
    const order = registered().map((r) => r.urn);
    expect(order.indexOf(urnOf(cluster))).toBeGreaterThan(order.indexOf(urnOf('subscription-openshift-cnv-hco-operatorhub')));
    expect(order.indexOf(urnOf('virtualmachine-mq-rdqm-1'))).toBeGreaterThan(order.indexOf(urnOf('datavolume-mq-data')));
  });

  test('disks (and the namespace holding them) are retained on delete by default, the VM is not; protected when asked', async () => {
    await valueOf(new ChartDeployment('stack', { chart: stack().chart }).urns);
    const retained = registered().filter((r) => r.retainOnDelete).map((r) => r.name).sort();
    expect(retained).toEqual(['datavolume-mq-data', 'datavolume-mq-rdqm-1-root', 'namespace-mq', 'persistentvolumeclaim-mq-shared']);
    expect(registered().some((r) => r.protect)).toBe(false);

    resetRegistrations();
    await valueOf(new ChartDeployment('protected', { chart: stack().chart, protectDisks: true, retainDisksOnDelete: false }).urns);
    expect(registered().filter((r) => r.retainOnDelete)).toEqual([]);
    // Without retention the template stays the VM's, so the VM is what would delete that disk.
    expect(registered().filter((r) => r.protect).map((r) => r.name).sort()).toEqual(['datavolume-mq-data', 'namespace-mq', 'persistentvolumeclaim-mq-shared', 'virtualmachine-mq-rdqm-1']);
    expect(registered().some((r) => r.name === 'datavolume-mq-rdqm-1-root')).toBe(false);
  });

  test('Secret data is sent as a Pulumi secret; nothing else is', async () => {
    await valueOf(new ChartDeployment('stack', { chart: stack().chart }).urns);
    expect(byName('secret-mq-rdqm-1-cloud-init').secretInputs).toEqual(['data']);
    expect(registered().filter((r) => r.secretInputs.length > 0).map((r) => r.name)).toEqual(['secret-mq-rdqm-1-cloud-init']);
  });

  test('a provider on the component reaches every object; dependsOn on the component applies to every object', async () => {
    const provider = new k8s.Provider('cluster-a', { kubeconfig: 'unused' });
    const gate = new k8s.core.v1.Namespace('gate', { metadata: { name: 'gate' } });
    await valueOf(new ChartDeployment('stack', { chart: stack().chart }, { provider, dependsOn: [gate] }).urns);
    const providerUrn = await valueOf(provider.urn);
    const gateUrn = await valueOf(gate.urn);
    const objects = registered().filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'pulumi:providers:kubernetes' && r.name !== 'gate');
    expect(objects.length).toBeGreaterThan(5);
    for (const object of objects) {
      expect(object.provider.startsWith(`${providerUrn}::`)).toBe(true);
      expect(object.dependencies).toContain(gateUrn);
    }
  });

  test('cdk8s addDependency and hand-written sync waves become dependsOn', async () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const first = new NetworkAttachmentDefinition(chart, 'first', { metadata: { name: 'first' }, cni: CniPlugin.bridge({ bridge: 'br1' }) });
    const second = new NetworkAttachmentDefinition(chart, 'second', { metadata: { name: 'second' }, cni: CniPlugin.bridge({ bridge: 'br2' }) });
    second.node.addDependency(first);
    const early = new DataVolume(chart, 'early', {
      metadata: { name: 'early', annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
      source: DataVolumeSource.blank(),
      size: '1Gi',
    });
    const cluster = new OpenShiftVirtualization(chart, 'runtime', { manageOperator: false });
    await valueOf(new ChartDeployment('c', { chart: app }).urns);
    const names = (name: string) => byName(name).dependencies.map((urn) => registered().find((r) => r.urn === urn)!.name).sort();
    expect(names('networkattachmentdefinition-ns-second')).toEqual(['hyperconverged-openshift-cnv-kubevirt-hyperconverged', 'namespace-ns', 'networkattachmentdefinition-ns-first']);
    // Wave -1 comes before the cluster CRs (wave 1), so it waits for nothing.
    expect(names('datavolume-ns-early')).toEqual([]);
    expect(early.name).toBe('early');
    expect(cluster.hyperConverged.apiObject.name).toBe('kubevirt-hyperconverged');
  });

  test('plain objects: validated first, ordered by kind', async () => {
    const vm = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'vm', namespace: 'ns' },
      spec: { runStrategy: 'Always', template: { spec: { domain: { memory: { guest: '1Gi' }, devices: { disks: [{ name: 'boot', disk: {} }] } }, volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'root' } }] } } },
    };
    expect(() => new ChartDeployment('bad', { objects: [vm] })).toThrow('ChartDeployment: the objects are not valid:\n  VirtualMachine ns/vm spec.template.spec.domain.devices.disks[0].name: disk "boot" has no volume of the same name');
    vm.spec.template.spec.domain.devices = { disks: [{ name: 'root', disk: {} }] } as any;
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'root', namespace: 'ns' }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } } };
    await valueOf(new ChartDeployment('plain', { objects: [vm, claim] }).urns);
    // The namespace they use is created first.
    expect(registered().filter((r) => r.type.startsWith('kubernetes:')).map((r) => r.name)).toEqual(['namespace-ns', 'persistentvolumeclaim-ns-root', 'virtualmachine-ns-vm']);
    expect(byName('virtualmachine-ns-vm').dependencies).toEqual([byName('namespace-ns').urn, byName('persistentvolumeclaim-ns-root').urn]);
  });

  test('bad arguments are refused with the fix', () => {
    expect(() => new ChartDeployment('none', {})).toThrow('ChartDeployment: give exactly one of chart (a cdk8s Chart or App) and objects (plain Kubernetes objects)');
    expect(() => new ChartDeployment('junk', { objects: [{ kind: 'x' }] })).toThrow('ChartDeployment: objects[0] is not a Kubernetes object (it needs apiVersion and kind)');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'b' } };
    expect(() => new ChartDeployment('twice', { objects: [cm, cm] })).toThrow('ChartDeployment: the objects are not valid:\n  ConfigMap b/a metadata.name: ConfigMap "b/a" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one');
    // With the validation rule skipped, the deployment still refuses two resources for one object.
    const app = Testing.app();
    for (const id of ['one', 'two']) new ApiObject(new Chart(app, id, { namespace: 'b' }), 'cm', cm);
    AppValidation.of(app).configure({ skipRules: [ValidationRule.NAMES] });
    expect(() => new ChartDeployment('twice-in-app', { chart: app })).toThrow('ChartDeployment: ConfigMap/b/a is declared twice: each object can be deployed once');
    expect(objectKey(cm)).toBe('ConfigMap/b/a');
    expect(path.basename(__filename)).toBe('chart-deployment.test.ts');
  });
});
