import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { parse } from 'yaml';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { GitOpsApp, GitOpsAppProps } from '../../src/gitops/gitops-app';
import { ARGO_CD_HEALTH_CHECKS } from '../../src/gitops/health/health-checks';
import { CniPlugin } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { OpenShiftVirtualization } from '../../src/runtime/openshift-virtualization';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';
import { assertValidManifests } from '../../src/validation/validate-manifests';

const REPO = 'https://git.example.com/platform/virtualization.git';

/** Synthesizes a stack (runtime, a namespace, a network, a disk, two VMs) with `props` into a fresh folder. */
function synth(props: GitOpsAppProps): Record<string, any> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-'));
  const app = new GitOpsApp({ ...props, outdir });
  const warnings: string[] = [];
  AppValidation.of(app).configure({ onWarnings: (lines) => warnings.push(...lines) });
  new OpenShiftVirtualization(new Chart(app, 'runtime'), 'cnv');
  const vms = new Chart(app, 'vms', { namespace: 'db' });
  new kplus.Namespace(vms, 'ns', { metadata: { name: 'db' } });
  new NetworkAttachmentDefinition(vms, 'net', { metadata: { name: 'lab' }, cni: CniPlugin.bridge({ bridge: 'br1' }) });
  const disk = new DataVolume(vms, 'disk', { metadata: { name: 'db-data' }, source: DataVolumeSource.blank(), size: '10Gi' });
  new VirtualMachine(vms, 'db', { metadata: { name: 'db' }, memory: '2Gi' }).addDisk('data', VolumeSource.dataVolume(disk));
  new VirtualMachine(vms, 'pinned', { metadata: { name: 'pinned' }, memory: '1Gi', machineType: 'pc-q35-rhel9.6.0' });
  app.synth();
  expect(warnings).toEqual([expect.stringMatching(/^\[vms\/ns\] warning: Namespace "db" is kept from GitOps deletion/)]);
  const files: Record<string, any> = {};
  for (const file of (fs.readdirSync(outdir, { recursive: true }) as string[]).sort()) {
    if (fs.statSync(path.join(outdir, file)).isFile()) files[file] = parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
  }
  return files;
}

const PHASES = ['operators', 'cluster', 'networks-and-storage', 'workloads'];

describe('GitOpsApp with an Argo CD app-of-apps', () => {
  const files = synth({ argoCd: { repoURL: REPO, path: 'clusters/lab', targetRevision: 'main' } });

  test('writes the AppProject and one Application per phase for the root Application to sync, and the root and health checks to apply once', () => {
    expect(Object.keys(files).filter((f) => f.startsWith('argocd/'))).toEqual([
      'argocd/application-virtualization-cluster.yaml',
      'argocd/application-virtualization-networks-and-storage.yaml',
      'argocd/application-virtualization-operators.yaml',
      'argocd/application-virtualization-workloads.yaml',
      'argocd/appproject-virtualization.yaml',
      'argocd/bootstrap/application-virtualization.yaml',
      'argocd/bootstrap/configmap-argocd-cm.yaml',
      'argocd/kustomization.yaml',
    ]);
    expect(files['argocd/kustomization.yaml'].resources).toEqual([
      'appproject-virtualization.yaml', ...PHASES.map((p) => `application-virtualization-${p}.yaml`),
    ]);
    const root = files['argocd/bootstrap/application-virtualization.yaml'];
    expect(root.spec.source).toEqual({ repoURL: REPO, targetRevision: 'main', path: 'clusters/lab/argocd' });
    expect(root.spec.project).toBe('default');
  });

  test('the phase Applications are ordered by sync waves after their project, read their phase folder, retry with backoff', () => {
    const apps = PHASES.map((phase) => files[`argocd/application-virtualization-${phase}.yaml`]);
    expect(apps.map((a) => a.metadata.annotations['argocd.argoproj.io/sync-wave'])).toEqual(['0', '1', '2', '3']);
    expect(files['argocd/appproject-virtualization.yaml'].metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-1');
    expect(apps.map((a) => a.spec.source.path)).toEqual(PHASES.map((p) => `clusters/lab/phases/${p}`));
    expect(apps[0].spec).toMatchObject({
      project: 'virtualization',
      destination: { server: 'https://kubernetes.default.svc' },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 10, backoff: { duration: '15s', factor: 2, maxDuration: '300s' } },
        syncOptions: ['RespectIgnoreDifferences=true'],
      },
    });
  });

  test('each phase folder lists the chart folders of that phase, and every file is a valid object', () => {
    expect(files['phases/operators/kustomization.yaml'].resources).toEqual(['../../runtime/operators', '../../vms/operators']);
    expect(files['phases/workloads/kustomization.yaml'].resources).toEqual(['../../vms/workloads']);
    const objects = Object.entries(files).filter(([f]) => !f.endsWith('kustomization.yaml')).map(([, o]) => o);
    expect(() => assertValidManifests(objects)).not.toThrow();
  });

  test('ignoreDifferences: what KubeVirt owns, and a field a VM writes itself only ignored on the others', () => {
    const workloads = files['argocd/application-virtualization-workloads.yaml'].spec.ignoreDifferences;
    expect(workloads[0]).toEqual({
      group: 'kubevirt.io',
      kind: 'VirtualMachine',
      jsonPointers: [
        '/spec/template/spec/architecture',
        '/spec/template/metadata/annotations/kubevirt.io~1pci-topology-version',
        '/spec/template/metadata/annotations/kubevirt.io~1pci-interface-slot-count',
        '/spec/template/metadata/creationTimestamp',
        '/metadata/annotations/kubevirt.io~1latest-observed-api-version',
        '/metadata/annotations/kubevirt.io~1storage-observed-api-version',
        '/metadata/annotations/kubemacpool.io~1transaction-timestamp',
        '/metadata/finalizers',
      ],
    });
    // The pod network's interface gets its MAC from kubemacpool; 'pinned' writes its machine type itself.
    const macOfPodInterface = '/spec/template/spec/domain/devices/interfaces/0/macAddress';
    expect(workloads.slice(1)).toEqual([
      { group: 'kubevirt.io', kind: 'VirtualMachine', name: 'db', namespace: 'db', jsonPointers: ['/spec/template/spec/domain/machine/type', macOfPodInterface] },
      { group: 'kubevirt.io', kind: 'VirtualMachine', name: 'pinned', namespace: 'db', jsonPointers: [macOfPodInterface] },
    ]);
    const storage = files['argocd/application-virtualization-networks-and-storage.yaml'].spec.ignoreDifferences;
    expect(storage.map((d: any) => d.kind)).toEqual(['DataVolume']);
  });

  test('argocd-cm carries a health check for every runtime kind and for Applications', () => {
    const cm = files['argocd/bootstrap/configmap-argocd-cm.yaml'];
    expect(cm.metadata).toMatchObject({ name: 'argocd-cm', namespace: 'argocd' });
    expect(Object.keys(cm.data).sort()).toEqual(ARGO_CD_HEALTH_CHECKS.map((c) => `resource.customizations.health.${c.group}_${c.kind}`).sort());
    expect(Object.keys(cm.data)).toEqual(expect.arrayContaining([
      'resource.customizations.health.hco.kubevirt.io_HyperConverged',
      'resource.customizations.health.argoproj.io_Application',
      'resource.customizations.health.kubevirt.io_VirtualMachine',
    ]));
  });

  test('the Namespace holding the disk is kept when the Application is deleted', () => {
    expect(files['vms/operators/namespace-db.yaml'].metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
  });
});

describe('GitOpsApp with Flux Kustomizations', () => {
  const files = synth({ flux: { path: 'clusters/lab' } });

  test('one Kustomization per phase, each waiting for its objects and depending on the one before', () => {
    const kustomizations = PHASES.map((phase) => files[`flux/kustomization-virtualization-${phase}.yaml`]);
    expect(kustomizations.map((k) => [k.metadata.name, k.spec.path, k.spec.dependsOn])).toEqual([
      ['virtualization-operators', './clusters/lab/phases/operators', undefined],
      ['virtualization-cluster', './clusters/lab/phases/cluster', [{ name: 'virtualization-operators' }]],
      ['virtualization-networks-and-storage', './clusters/lab/phases/networks-and-storage', [{ name: 'virtualization-cluster' }]],
      ['virtualization-workloads', './clusters/lab/phases/workloads', [{ name: 'virtualization-networks-and-storage' }]],
    ]);
    expect(kustomizations[0].spec).toMatchObject({ prune: true, wait: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' }, interval: '600s', timeout: '900s' });
    expect(files['flux/kustomization.yaml'].resources).toHaveLength(4);
    expect(Object.keys(files).some((f) => f.startsWith('argocd/'))).toBe(false);
  });

  test('health expressions for the runtime CR and the VMs, written for the apiVersion each object has', () => {
    const cluster = files['flux/kustomization-virtualization-cluster.yaml'].spec.healthCheckExprs;
    expect(cluster.map((e: any) => `${e.apiVersion} ${e.kind}`)).toEqual(['hco.kubevirt.io/v1beta1 HyperConverged']);
    const workloads = files['flux/kustomization-virtualization-workloads.yaml'].spec.healthCheckExprs;
    expect(workloads.map((e: any) => `${e.apiVersion} ${e.kind}`)).toEqual(['kubevirt.io/v1 VirtualMachine']);
    expect(files['flux/kustomization-virtualization-operators.yaml'].spec.healthCheckExprs).toBeUndefined();
  });
});

test.each([
  [{ argoCd: { repoURL: 'platform', path: 'dist' } }, 'GitOpsApp: argoCd.repoURL "platform" is not a Git repository URL: give https://host/org/repo.git or git@host:org/repo.git'],
  [{ argoCd: { repoURL: REPO, path: '../dist' } }, 'GitOpsApp: argoCd.path "../dist" must be a folder inside the repository, relative to its root (e.g. "dist" or "clusters/prod"), without ".." or a leading "/"'],
  [{ flux: { path: '/abs' } }, 'GitOpsApp: flux.path "/abs" must be a folder inside the repository, relative to its root (e.g. "dist" or "clusters/prod"), without ".." or a leading "/"'],
])('refuses bad bootstrap options at construction: %j', (props, message) => {
  expect(() => new GitOpsApp(props as GitOpsAppProps)).toThrow(new Error(message));
});
