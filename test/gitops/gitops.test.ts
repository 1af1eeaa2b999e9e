import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { parse } from 'yaml';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DeploymentPhase, setDeploymentPhase } from '../../src/gitops/deployment-phase';
import { GitOpsApp } from '../../src/gitops/gitops-app';
import { addSyncWaves } from '../../src/gitops/sync-waves';

import { MigrationPolicy } from '../../src/live-migration/migration-policy';
import { CniPlugin } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { KubeVirt } from '../../src/runtime/kubevirt';
import { OpenShiftVirtualization } from '../../src/runtime/openshift-virtualization';
import { OperatorManifests } from '../../src/runtime/operator-manifests';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';

/** A whole stack: operator install, cluster CRs, a network, a disk, a VM with a Service. */
function stack(chart: Chart): void {
  new OpenShiftVirtualization(chart, 'cnv', { emulation: true });
  new MigrationPolicy(chart, 'policy', { name: 'fast', selectors: { instanceLabels: { tier: 'db' } }, bandwidthPerMigration: '1Gi' });
  new NetworkAttachmentDefinition(chart, 'net', { metadata: { name: 'lab' }, cni: CniPlugin.bridge({ bridge: 'br1' }) });
  const disk = new DataVolume(chart, 'disk', { metadata: { name: 'db-data' }, source: DataVolumeSource.blank(), size: '10Gi' });
  const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'db' }, memory: '2Gi', cloudInit: { userData: {} } });
  vm.addDisk('data', VolumeSource.dataVolume(disk));
  vm.exposeViaService({ ports: [{ port: 5432 }] });
}

function annotationsByObject(objects: any[]): Record<string, Record<string, string>> {
  return Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.annotations ?? {}]));
}

/** The smallest CRD spec the API server (and so the strict schema) accepts. */
const KUBEVIRT_CRD_SPEC = {
  group: 'kubevirt.io',
  names: { kind: 'KubeVirt', plural: 'kubevirts' },
  scope: 'Namespaced',
  versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
};

describe('addSyncWaves', () => {
  test('orders operators, cluster CRs, networks and storage, then workloads; skips the dry run for operator-created kinds', () => {
    const chart = new Chart(Testing.app(), 'stack', { namespace: 'db' });
    stack(chart);
    addSyncWaves(chart);
    const waves = Object.fromEntries(Object.entries(annotationsByObject(Testing.synth(chart))).map(([key, a]) => [key, [a['argocd.argoproj.io/sync-wave'], a['argocd.argoproj.io/sync-options']]]));
    expect(waves).toEqual({
      'Namespace/openshift-cnv': ['0', undefined],
      'OperatorGroup/kubevirt-hyperconverged-group': ['0', undefined],
      'Subscription/hco-operatorhub': ['0', undefined],
      'HyperConverged/kubevirt-hyperconverged': ['1', 'SkipDryRunOnMissingResource=true'],
      'MigrationPolicy/fast': ['1', 'SkipDryRunOnMissingResource=true'],
      'NetworkAttachmentDefinition/lab': ['2', 'SkipDryRunOnMissingResource=true'],
      'DataVolume/db-data': ['2', 'Prune=false,Delete=false,SkipDryRunOnMissingResource=true'],
      'Secret/db-cloud-init': ['2', undefined],
      'VirtualMachine/db': ['3', 'SkipDryRunOnMissingResource=true'],
      'Service/db': ['3', undefined],
    });
  });

  test('the scheme is configurable, the dry-run skip can be switched off, and marked constructs keep their phase', () => {
    const chart = new Chart(Testing.app(), 'stack');
    const ops = new kplus.Deployment(chart, 'virt-operator', { metadata: { name: 'virt-operator' }, containers: [{ image: 'quay.io/kubevirt/virt-operator:v1.6.0' }] });
    setDeploymentPhase(ops, DeploymentPhase.OPERATORS);
    new KubeVirt(chart, 'kv', { operatorManifests: OperatorManifests.fromObjects([{ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'kubevirts.kubevirt.io' }, spec: KUBEVIRT_CRD_SPEC }]) });
    addSyncWaves(chart, { waves: { [DeploymentPhase.OPERATORS]: -5, [DeploymentPhase.CLUSTER]: 10 }, skipDryRunOnMissingResource: false });
    const annotations = annotationsByObject(Testing.synth(chart));
    expect(annotations['Deployment/virt-operator']).toEqual({ 'argocd.argoproj.io/sync-wave': '-5' });
    expect(annotations['CustomResourceDefinition/kubevirts.kubevirt.io']).toEqual({ 'argocd.argoproj.io/sync-wave': '-5', 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' });
    expect(annotations['KubeVirt/kubevirt']).toEqual({ 'argocd.argoproj.io/sync-wave': '10' });
  });

  test('keeps a wave written by hand', () => {
    const chart = new Chart(Testing.app(), 'stack');
    new VirtualMachine(chart, 'vm', { metadata: { name: 'late', annotations: { 'argocd.argoproj.io/sync-wave': '9' } }, memory: '1Gi' });
    addSyncWaves(chart);
    expect(Testing.synth(chart)[0].metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('9');
  });

  test('refuses a wave that is not a whole number', () => {
    expect(() => addSyncWaves(Testing.chart(), { waves: { [DeploymentPhase.WORKLOADS]: 2.5 } })).toThrow(new Error('addSyncWaves: the wave of "workloads" is 2.5: Argo CD sync waves are whole numbers (negative ones run first)'));
  });
});

describe('GitOpsApp', () => {
  function synthTo(build: (app: App) => void): { dir: string; files: Record<string, string> } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
    const app = new GitOpsApp({ outdir: dir });
    build(app);
    app.synth();
    const files: Record<string, string> = {};
    const walk = (rel: string) => {
      for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const child = path.join(rel, entry.name);
        if (entry.isDirectory()) walk(child);
        else files[child] = fs.readFileSync(path.join(dir, child), 'utf8');
      }
    };
    walk('');
    return { dir, files };
  }

  const build = (app: App) => {
    new OpenShiftVirtualization(new Chart(app, 'cluster'), 'cnv');
    const vms = new Chart(app, 'vms', { namespace: 'db' });
    stackWithoutInstall(vms);
  };
  const stackWithoutInstall = (chart: Chart) => {
    new NetworkAttachmentDefinition(chart, 'net', { metadata: { name: 'lab' }, cni: CniPlugin.bridge({ bridge: 'br1' }) });
    new VirtualMachine(chart, 'vm', { metadata: { name: 'db' }, memory: '2Gi', cloudInit: { userData: {} } });
    new kplus.ConfigMap(chart, 'a', { metadata: { name: 'same', namespace: 'one' } });
    new kplus.ConfigMap(chart, 'b', { metadata: { name: 'same', namespace: 'two' } });
  };

  test('one folder per chart, one per phase inside it, one file per object, a kustomization.yaml in every folder', () => {
    const { files } = synthTo(build);
    expect(Object.keys(files).sort()).toEqual([
      'cluster/cluster/hyperconverged-kubevirt-hyperconverged.yaml',
      'cluster/cluster/kustomization.yaml',
      'cluster/kustomization.yaml',
      'cluster/operators/kustomization.yaml',
      'cluster/operators/namespace-openshift-cnv.yaml',
      'cluster/operators/operatorgroup-kubevirt-hyperconverged-group.yaml',
      'cluster/operators/subscription-hco-operatorhub.yaml',
      'kustomization.yaml',
      'vms/kustomization.yaml',
      'vms/networks-and-storage/configmap-one-same.yaml',
      'vms/networks-and-storage/configmap-two-same.yaml',
      'vms/networks-and-storage/kustomization.yaml',
      'vms/networks-and-storage/networkattachmentdefinition-lab.yaml',
      'vms/networks-and-storage/secret-db-cloud-init.yaml',
      'vms/workloads/kustomization.yaml',
      'vms/workloads/virtualmachine-db.yaml',
    ]);
    expect(parse(files['kustomization.yaml'])).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['cluster', 'vms'] });
    expect(parse(files['cluster/kustomization.yaml']).resources).toEqual(['operators', 'cluster']);
    expect(parse(files['vms/kustomization.yaml']).resources).toEqual(['networks-and-storage', 'workloads']);
    expect(parse(files['cluster/operators/kustomization.yaml']).resources).toEqual([
      'namespace-openshift-cnv.yaml', 'operatorgroup-kubevirt-hyperconverged-group.yaml', 'subscription-hco-operatorhub.yaml',
    ]);
    const vm = parse(files['vms/workloads/virtualmachine-db.yaml']);
    expect(vm.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '3', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    expect(parse(files['cluster/cluster/hyperconverged-kubevirt-hyperconverged.yaml']).metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('1');
  });

  test('is byte-identical when written again, and clears objects that are gone', () => {
    const first = synthTo(build);
    fs.writeFileSync(path.join(first.dir, 'vms', 'workloads', 'stale-object.yaml'), 'kind: Gone\n');
    const app = new GitOpsApp({ outdir: first.dir });
    build(app);
    app.synth();
    expect(fs.existsSync(path.join(first.dir, 'vms', 'workloads', 'stale-object.yaml'))).toBe(false);
    expect(synthTo(build).files).toEqual(first.files);
  });

  test('without sync waves, and validation still runs first', () => {
    const { files } = synthTo((app) => new VirtualMachine(new Chart(app, 'vms'), 'vm', { metadata: { name: 'db' }, memory: '1Gi' }));
    expect(parse(files['vms/workloads/virtualmachine-db.yaml']).metadata.annotations).toBeDefined();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
    const plain = new GitOpsApp({ outdir: dir, syncWaves: false });
    new VirtualMachine(new Chart(plain, 'vms'), 'vm', { metadata: { name: 'db' }, memory: '1Gi' });
    plain.synth();
    expect(parse(fs.readFileSync(path.join(dir, 'vms', 'workloads', 'virtualmachine-db.yaml'), 'utf8')).metadata.annotations).toBeUndefined();

    const broken = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-')) });
    new VirtualMachine(new Chart(broken, 'vms'), 'vm', { metadata: { name: 'db' }, memory: '1Gi', sshKeys: { secretName: 'keys' } });
    expect(() => broken.synth()).toThrow(new Error('Validation failed with the following errors:\n  [vms/vm] SSH keys from Secret "keys" are propagated through noCloud, but the VM has no cloud-init: add cloud-init with datasource NoCloud (vm.addCloudInit({ ... })) or use SshKeyPropagation.qemuGuestAgent([...])'));
  });

  test('a chart removed from the program is removed from the output; a folder the app did not write is left alone', () => {
    const first = synthTo(build);
    fs.mkdirSync(path.join(first.dir, 'notes'));
    fs.writeFileSync(path.join(first.dir, 'notes', 'README.md'), 'kept\n');
    const app = new GitOpsApp({ outdir: first.dir });
    new OpenShiftVirtualization(new Chart(app, 'cluster'), 'cnv');
    app.synth();
    expect(fs.existsSync(path.join(first.dir, 'vms'))).toBe(false);
    expect(parse(fs.readFileSync(path.join(first.dir, 'kustomization.yaml'), 'utf8')).resources).toEqual(['cluster']);
    expect(fs.readFileSync(path.join(first.dir, 'notes', 'README.md'), 'utf8')).toBe('kept\n');
  });

  test.each([
    ['..', 'the chart ".." would write the folder "..", which is not a folder inside the output: give the chart an id with letters or digits'],
    ['???', 'the chart "???" would write the folder "", which is not a folder inside the output: give the chart an id with letters or digits'],
    ['argocd', 'the chart "argocd" would write the folder "argocd", which GitOpsApp keeps for its argocd files: give the chart another id'],
  ])('refuses the chart id %j before writing anything', (id, message) => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
    const outdir = path.join(parent, 'out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(parent, 'sibling.txt'), 'mine\n');
    const app = new GitOpsApp({ outdir });
    new VirtualMachine(new Chart(app, id), 'vm', { metadata: { name: 'db' }, memory: '1Gi' });
    expect(() => app.synth()).toThrow(new Error(`GitOpsApp: ${message}`));
    expect(fs.readdirSync(parent).sort()).toEqual(['out', 'sibling.txt']);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('refuses two charts that would share a folder, before writing the first', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
    const app = new GitOpsApp({ outdir });
    new VirtualMachine(new Chart(app, 'Web'), 'vm', { metadata: { name: 'a' }, memory: '1Gi' });
    new VirtualMachine(new Chart(app, 'web'), 'vm', { metadata: { name: 'b' }, memory: '1Gi' });
    expect(() => app.synth()).toThrow(new Error('GitOpsApp: the charts "Web" and "web" would both write the folder "web": give the charts ids that differ by more than case or punctuation'));
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a Namespace that holds kept disks is kept too, and a warning says why', () => {
    const lines: string[] = [];
    const { files } = synthTo((app) => {
      AppValidation.of(app).configure({ onWarnings: (l) => lines.push(...l) });
      const chart = new Chart(app, 'vms');
      new kplus.Namespace(chart, 'ns', { metadata: { name: 'db' } });
      new kplus.Namespace(chart, 'empty', { metadata: { name: 'scratch' } });
      new DataVolume(chart, 'disk', { metadata: { name: 'db-data', namespace: 'db' }, source: DataVolumeSource.blank(), size: '10Gi' });
    });
    const namespace = parse(files['vms/operators/namespace-db.yaml']);
    expect(namespace.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-wave': '0',
      'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
      'kustomize.toolkit.fluxcd.io/prune': 'disabled',
    });
    expect(parse(files['vms/operators/namespace-scratch.yaml']).metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '0' });
    expect(lines).toEqual([
      '[vms/ns] warning: Namespace "db" is kept from GitOps deletion (Argo CD Prune=false,Delete=false; Flux prune: disabled) because it holds DataVolume db-data, and deleting a Namespace deletes everything in it. To remove it, delete its disks first, then the Namespace, by hand',
    ]);
  });
});

