import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { parse } from 'yaml';
import { additions, argoCdDiff, storedByCluster } from './cluster-model';
import { canonicalQuantity } from '../../../src/common/quantity';
import { VirtualMachine } from '../../../src/compute/virtual-machine';
import { GitOpsApp } from '../../../src/gitops/gitops-app';
import { CniPlugin, Ipam } from '../../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../../src/network/network-attachment-definition';
import { StaticIpPool } from '../../../src/network/static-ip-pool';
import { Cdi } from '../../../src/runtime/cdi';
import { HyperConvergedApiVersion } from '../../../src/runtime/hyperconverged';
import { KubeVirt } from '../../../src/runtime/kubevirt';
import { OpenShiftVirtualization } from '../../../src/runtime/openshift-virtualization';
import { DataVolume } from '../../../src/storage/data-volume';
import { DataVolumeSource } from '../../../src/storage/data-volume-source';
import { VolumeSource } from '../../../src/storage/volume-source';
import { AppValidation } from '../../../src/validation/app-validation';

/** Everything that KubeVirt, CDI and HCO write back into: both runtimes, disks and VMs, with quantities as people type them. */
function declare(app: App): void {
  new OpenShiftVirtualization(new Chart(app, 'openshift'), 'cnv', {
    hyperConverged: { apiVersion: HyperConvergedApiVersion.V1, liveMigration: { bandwidthPerMigration: '1024Mi' } },
  });
  const upstream = new Chart(app, 'upstream');
  new KubeVirt(upstream, 'kubevirt', { emulation: true });
  new Cdi(upstream, 'cdi');
  const vms = new Chart(app, 'vms', { namespace: 'mq' });
  new kplus.Namespace(vms, 'ns', { metadata: { name: 'mq' } });
  const replication = new NetworkAttachmentDefinition(vms, 'replication', {
    metadata: { name: 'replication' }, cni: CniPlugin.bridge({ bridge: 'br-repl' }), ipam: Ipam.none(),
  });
  const pool = new StaticIpPool(vms, 'ips', { cidr: '192.168.4.0/24' });
  const data = new DataVolume(vms, 'data', { metadata: { name: 'qm1-data' }, source: DataVolumeSource.blank(), size: '10240Mi' });
  const qm1 = new VirtualMachine(vms, 'qm1', {
    metadata: { name: 'qm1' },
    memory: '2048Mi',
    cloudInit: { userData: { packages: ['git'] } },
    resources: { memory: { request: '2048Mi', limit: '4096Mi' } },
  });
  qm1.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.http('https://images.example.com/rhel9.qcow2'), size: '20480Mi' }));
  qm1.addDisk('data', VolumeSource.dataVolume(data), { readOnly: false });
  qm1.addDisk('scratch', VolumeSource.emptyDisk('512Mi'));
  qm1.attachNetwork(replication, { interfaceName: 'repl', ip: pool.allocate('qm1') });
  qm1.exposeViaService({ ports: [{ port: 1414 }] });
  new VirtualMachine(vms, 'pinned', { metadata: { name: 'pinned' }, memory: '1Gi', machineType: 'pc-q35-rhel9.6.0' });
}

/** The objects of the synthesized app, each with the ignoreDifferences of the Application that syncs it. */
function synthesize(): Array<{ object: any; ignore: any[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-'));
  const app = new GitOpsApp({ outdir, argoCd: { repoURL: 'https://git.example.com/platform.git', path: 'dist' } });
  AppValidation.of(app).configure({ onWarnings: () => undefined });
  declare(app);
  app.synth();
  const read = (file: string) => parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
  const result: Array<{ object: any; ignore: any[] }> = [];
  for (const phase of read('kustomization.yaml').resources.flatMap((chart: string) => read(`${chart}/kustomization.yaml`).resources.map((p: string) => `${chart}/${p}`))) {
    const application = read(`argocd/application-virtualization-${path.basename(phase)}.yaml`);
    for (const file of read(`${phase}/kustomization.yaml`).resources) {
      result.push({ object: read(`${phase}/${file}`), ignore: application.spec.ignoreDifferences ?? [] });
    }
  }
  return result;
}

const written = synthesize();
const owned = written.filter(({ object }) => ['VirtualMachine', 'DataVolume', 'HyperConverged', 'KubeVirt', 'CDI'].includes(object.kind));
const name = ({ object }: { object: any }) => `${object.kind} ${object.metadata.name}`;

test('the model covers every kind KubeVirt, CDI and HCO write into', () => {
  expect(owned.map(name).sort()).toEqual(['CDI cdi', 'DataVolume qm1-data', 'HyperConverged kubevirt-hyperconverged', 'KubeVirt kubevirt', 'VirtualMachine pinned', 'VirtualMachine qm1']);
});

test.each(owned.map((entry) => [name(entry), entry] as const))('%s: Argo CD sees no difference once the cluster has defaulted it', (_, { object, ignore }) => {
  expect(argoCdDiff(object, storedByCluster(object, canonicalQuantity), ignore)).toEqual([]);
});

test.each(owned.map((entry) => [name(entry), entry] as const))('%s: whatever the cluster adds is ignored, so a stricter comparison (server-side diff) sees nothing either', (_, { object, ignore }) => {
  const added = additions(object, storedByCluster(object, canonicalQuantity), ignore);
  // The HyperConverged CRD's schema defaults fill keys Git never had; only Argo CD's default diff is promised for them.
  expect(object.kind === 'HyperConverged' ? added.filter((p) => p.startsWith('/metadata')) : added).toEqual([]);
});

describe('the model can fail', () => {
  const handWritten = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'raw', namespace: 'mq' },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          domain: { memory: { guest: '2048Mi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio', readonly: false } }] } },
          volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
        },
      },
    },
  };

  test('a hand-written VM with a non-canonical quantity and a zero value drifts', () => {
    expect(argoCdDiff(handWritten, storedByCluster(handWritten, canonicalQuantity), [])).toEqual([
      '/spec/template/spec/domain/memory/guest',
      '/spec/template/spec/domain/devices/disks/0/disk/readonly',
    ]);
  });

  test('without the generated ignoreDifferences, what KubeVirt adds shows', () => {
    const vm = owned.find((entry) => entry.object.metadata.name === 'pinned')!.object;
    expect(additions(vm, storedByCluster(vm, canonicalQuantity), [])).toEqual(expect.arrayContaining([
      '/metadata/annotations/kubevirt.io~1latest-observed-api-version',
      '/spec/template/spec/architecture',
      '/spec/template/spec/domain/devices/interfaces/0/macAddress',
    ]));
  });

  test('a VM started or stopped by hand (virtctl flips runStrategy) is a difference: Git wins', () => {
    const vm = owned.find((entry) => entry.object.metadata.name === 'qm1')!;
    const stopped = storedByCluster(vm.object, canonicalQuantity);
    stopped.spec.runStrategy = 'Halted';
    expect(argoCdDiff(vm.object, stopped, vm.ignore)).toEqual(['/spec/runStrategy']);
  });
});
