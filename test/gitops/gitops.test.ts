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
    expect(annotations['CustomResourceDefinition/kubevirts.kubevirt.io']).toEqual({ 'argocd.argoproj.io/sync-wave': '-5' });
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

  test('one folder per chart, one file per object, a kustomization.yaml in each folder and at the top', () => {
    const { files } = synthTo(build);
    expect(Object.keys(files).sort()).toEqual([
      'cluster/hyperconverged-kubevirt-hyperconverged.yaml',
      'cluster/kustomization.yaml',
      'cluster/namespace-openshift-cnv.yaml',
      'cluster/operatorgroup-kubevirt-hyperconverged-group.yaml',
      'cluster/subscription-hco-operatorhub.yaml',
      'kustomization.yaml',
      'vms/configmap-one-same.yaml',
      'vms/configmap-two-same.yaml',
      'vms/kustomization.yaml',
      'vms/networkattachmentdefinition-lab.yaml',
      'vms/secret-db-cloud-init.yaml',
      'vms/virtualmachine-db.yaml',
    ]);
    expect(parse(files['kustomization.yaml'])).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['cluster', 'vms'] });
    expect(parse(files['cluster/kustomization.yaml']).resources).toEqual([
      'namespace-openshift-cnv.yaml', 'operatorgroup-kubevirt-hyperconverged-group.yaml', 'subscription-hco-operatorhub.yaml', 'hyperconverged-kubevirt-hyperconverged.yaml',
    ]);
    const vm = parse(files['vms/virtualmachine-db.yaml']);
    expect(vm.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '3', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    expect(parse(files['cluster/hyperconverged-kubevirt-hyperconverged.yaml']).metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('1');
  });

  test('is byte-identical when written again, and clears objects that are gone', () => {
    const first = synthTo(build);
    fs.writeFileSync(path.join(first.dir, 'vms', 'stale-object.yaml'), 'kind: Gone\n');
    const app = new GitOpsApp({ outdir: first.dir });
    build(app);
    app.synth();
    expect(fs.existsSync(path.join(first.dir, 'vms', 'stale-object.yaml'))).toBe(false);
    expect(synthTo(build).files).toEqual(first.files);
  });

  test('without sync waves, and validation still runs first', () => {
    const { files } = synthTo((app) => new VirtualMachine(new Chart(app, 'vms'), 'vm', { metadata: { name: 'db' }, memory: '1Gi' }));
    expect(parse(files['vms/virtualmachine-db.yaml']).metadata.annotations).toBeDefined();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
    const plain = new GitOpsApp({ outdir: dir, syncWaves: false });
    new VirtualMachine(new Chart(plain, 'vms'), 'vm', { metadata: { name: 'db' }, memory: '1Gi' });
    plain.synth();
    expect(parse(fs.readFileSync(path.join(dir, 'vms', 'virtualmachine-db.yaml'), 'utf8')).metadata.annotations).toBeUndefined();

    const broken = new GitOpsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-')) });
    new VirtualMachine(new Chart(broken, 'vms'), 'vm', { metadata: { name: 'db' }, memory: '1Gi', sshKeys: { secretName: 'keys' } });
    expect(() => broken.synth()).toThrow(new Error('Validation failed with the following errors:\n  [vms/vm] SSH keys from Secret "keys" are propagated through noCloud, but the VM has no cloud-init: add cloud-init with datasource NoCloud (vm.addCloudInit({ ... })) or use SshKeyPropagation.qemuGuestAgent([...])'));
  });
});
