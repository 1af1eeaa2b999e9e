import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { Fleet, FleetProps } from '../../src/fleet/fleet';
import { FleetClusterGenerator } from '../../src/fleet/fleet-bootstrap';
import { FleetCluster, FleetClusterProps, VirtualizationPlatform } from '../../src/fleet/fleet-cluster';
import { PROCESS_HEAP_FLAGS } from '../../src/fleet/heap-growth';
import { GitOpsApp } from '../../src/gitops/gitops-app';
import { ObjectFiles } from '../../src/gitops/repository-layout';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { SharedIpPool } from '../../src/network/shared-ip-pool';
import { VolumeSource } from '../../src/storage/volume-source';
import { validateObjects } from '../../src/validation/validate-objects';

const REPO = 'https://git.example.com/platform/fleet.git';

/** Two VMs per cluster on a replication network with fixed addresses from the cluster's plan. */
function buildCluster(addresses: (cluster: FleetCluster) => Array<string | undefined>) {
  return (cluster: FleetCluster, app: GitOpsApp) => {
    const chart = new Chart(app, 'mq', { namespace: 'mq' });
    const replication = new NetworkAttachmentDefinition(chart, 'replication', {
      metadata: { name: 'replication' }, cni: CniPlugin.bridge({ bridge: 'br-repl' }), ipam: Ipam.none(),
    });
    const pool = cluster.ipPool(chart, 'replication-ips', 'replication');
    addresses(cluster).forEach((address, i) => {
      const vm = new VirtualMachine(chart, `mq-${i + 1}`, { metadata: { name: `mq-${i + 1}` }, memory: '2Gi' });
      vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
      vm.attachNetwork(replication, { interfaceName: 'repl', ip: pool.allocate(`mq-${i + 1}`, address) });
      vm.addCloudInit({ userData: { user: 'mqm' } });
    });
  };
}

const shared = () => new SharedIpPool({ name: 'replication', cidr: '10.30.0.0/24', clusters: ['east', 'west'] });
function clusters(pool: SharedIpPool): FleetClusterProps[] {
  return [
    { name: 'east', platform: VirtualizationPlatform.OPENSHIFT, argoCdDestination: { server: 'https://east.example.com:6443' }, fluxKubeConfig: { secretName: 'east-kubeconfig' }, networks: { replication: pool } },
    { name: 'west', platform: VirtualizationPlatform.OPENSHIFT, argoCdDestination: { name: 'west' }, fluxKubeConfig: { secretName: 'west-kubeconfig' }, networks: { replication: pool } },
    { name: 'lab', platform: VirtualizationPlatform.KUBEVIRT, emulation: true, networks: { replication: { cidr: '10.30.0.0/24' } } },
  ];
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
}

function filesOf(outdir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of (fs.readdirSync(outdir, { recursive: true }) as string[]).sort()) {
    if (fs.statSync(path.join(outdir, file)).isFile()) files[file] = fs.readFileSync(path.join(outdir, file), 'utf8');
  }
  return files;
}

function synth(props: Partial<FleetProps> & { outdir: string }): Record<string, string> {
  const pool = shared();
  new Fleet({
    clusters: clusters(pool),
    build: buildCluster((c) => (c.name === 'lab' ? ['10.30.0.1', '10.30.0.2'] : [undefined, undefined])),
    argoCd: { repoURL: REPO, path: 'fleet', targetRevision: 'main' },
    flux: { path: 'fleet' },
    objectFiles: ObjectFiles.ONE_PER_OBJECT,
    ...props,
  }).synth();
  return filesOf(props.outdir);
}

describe('Fleet', () => {
  const outdir = tmp();
  const files = synth({ outdir });
  const objects = (prefix: string) => Object.entries(files).filter(([f]) => f.startsWith(prefix) && !f.endsWith('kustomization.yaml')).map(([, text]) => parse(text));

  test('writes one GitOpsApp layout per cluster under clusters/<name>', () => {
    for (const cluster of ['east', 'west', 'lab']) {
      expect(parse(files[`clusters/${cluster}/kustomization.yaml`]).resources).toEqual(['mq']);
      expect(files[`clusters/${cluster}/mq/workloads/virtualmachine-mq-1.yaml`]).toBeDefined();
      expect(files[`clusters/${cluster}/argocd/bootstrap/application-${cluster}-virtualization.yaml`]).toBeUndefined();
    }
  });

  test('each cluster\'s Applications are named after it and deploy to its destination; its AppProject allows only that', () => {
    const east = objects('clusters/east/argocd/');
    const application = east.find((o) => o.metadata.name === 'east-virtualization-workloads');
    expect(application.spec.destination).toEqual({ server: 'https://east.example.com:6443' });
    expect(application.spec.source.path).toBe('fleet/clusters/east/phases/workloads');
    expect(east.find((o) => o.kind === 'AppProject').spec.destinations).toEqual([{ server: 'https://east.example.com:6443', namespace: '*' }]);
    const west = objects('clusters/west/argocd/');
    expect(west.find((o) => o.kind === 'AppProject').spec.destinations).toEqual([{ name: 'west', namespace: '*' }]);
  });

  test('an ApplicationSet creates each cluster\'s app-of-apps root, kept by a root Application and applied with the health checks', () => {
    const [appSet] = objects('argocd/applicationset');
    expect(appSet.spec.generators).toEqual([{ list: { elements: [{ cluster: 'east' }, { cluster: 'west' }, { cluster: 'lab' }] } }]);
    expect(appSet.spec.template.spec.source.path).toBe('fleet/clusters/{{ .cluster }}/argocd');
    expect(appSet.spec.syncPolicy.preserveResourcesOnDeletion).toBe(true);
    expect(parse(files['argocd/kustomization.yaml']).resources).toEqual(['applicationset-virtualization-fleet.yaml']);
    expect(parse(files['argocd/bootstrap/application-virtualization-fleet.yaml']).spec.source.path).toBe('fleet/argocd');
    expect(files['argocd/bootstrap/configmap-argocd-cm.yaml']).toContain('resource.customizations.health.kubevirt.io_VirtualMachine');
  });

  test('Flux: one Kustomization per cluster, kept when the cluster leaves; the cluster\'s phases reach it through its kubeconfig', () => {
    const top = objects('flux/');
    expect(top.map((k) => [k.metadata.name, k.spec.path, k.metadata.annotations])).toEqual(['east', 'lab', 'west'].map((c) => [
      `${c}-virtualization`, `./fleet/clusters/${c}/flux`, { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
    ]));
    const eastPhases = objects('clusters/east/flux/');
    expect(eastPhases.every((k) => k.spec.kubeConfig.secretRef.name === 'east-kubeconfig')).toBe(true);
    expect(objects('clusters/lab/flux/').every((k) => k.spec.kubeConfig === undefined)).toBe(true);
  });

  test.each(['clusters/east/', 'clusters/west/', 'clusters/lab/', 'argocd/', 'flux/'])('every object in %s passes strict validation', (folder) => {
    const all = Object.entries(files).filter(([f]) => f.startsWith(folder) && !f.endsWith('kustomization.yaml'))
      .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()));
    expect(all.length).toBeGreaterThan(0);
    expect(validateObjects(all).errors).toEqual([]);
  });

  test('a shared pool hands out addresses unique across its clusters; a cluster with its own plan may reuse them', () => {
    // The address is in the guest's network data, in the cloud-init Secret.
    const networkData = (cluster: string, vm: string) => Object.values<string>(parse(files[`clusters/${cluster}/mq/networks-and-storage/secret-${vm}-cloud-init.yaml`]).data)
      .map((value) => Buffer.from(value, 'base64').toString()).join('\n');
    const addresses = (cluster: string) => ['mq-1', 'mq-2'].map((vm) => /10\.30\.0\.\d+/.exec(networkData(cluster, vm))?.[0]);
    expect(addresses('east')).toEqual(['10.30.0.1', '10.30.0.2']);
    expect(addresses('west')).toEqual(['10.30.0.3', '10.30.0.4']);
    expect(addresses('lab')).toEqual(['10.30.0.1', '10.30.0.2']);
  });

  test('the same VM gets a different MAC in each cluster', () => {
    const macOf = (cluster: string) => parse(files[`clusters/${cluster}/mq/workloads/virtualmachine-mq-1.yaml`])
      .spec.template.spec.domain.devices.interfaces.find((i: any) => i.name === 'repl').macAddress;
    expect(new Set([macOf('east'), macOf('west'), macOf('lab')]).size).toBe(3);
  });

  test('synth again writes the same bytes; a cluster removed from the list leaves the output', () => {
    expect(synth({ outdir })).toEqual(files);
    const pool = shared();
    new Fleet({ outdir, clusters: clusters(pool).slice(0, 2), build: buildCluster(() => [undefined]), argoCd: { repoURL: REPO, path: 'fleet' } }).synth();
    const after = filesOf(outdir);
    expect(Object.keys(after).some((f) => f.startsWith('clusters/lab/'))).toBe(false);
    expect(Object.keys(after).some((f) => f.startsWith('flux/'))).toBe(false);
  });
});

test('by default each folder holds its objects in one objects.yaml, which kubectl-style readers take as it is', () => {
  const outdir = tmp();
  const files = synth({ outdir, objectFiles: undefined });
  expect(parse(files['clusters/east/mq/workloads/kustomization.yaml']).resources).toEqual(['objects.yaml']);
  const documents = parseAllDocuments(files['clusters/east/mq/workloads/objects.yaml']).map((d) => d.toJS());
  expect(documents.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['VirtualMachine/mq-1', 'VirtualMachine/mq-2']);
  expect(Object.keys(files).filter((f) => f.startsWith('clusters/east/mq/')).sort()).toEqual([
    'clusters/east/mq/kustomization.yaml',
    'clusters/east/mq/networks-and-storage/kustomization.yaml', 'clusters/east/mq/networks-and-storage/objects.yaml',
    'clusters/east/mq/workloads/kustomization.yaml', 'clusters/east/mq/workloads/objects.yaml',
  ]);
});

describe('Fleet addresses', () => {
  test('the same address in two clusters with their own plans passes', () => {
    const outdir = tmp();
    const pool = shared();
    expect(() => new Fleet({
      outdir,
      clusters: clusters(pool),
      build: buildCluster((c) => (c.name === 'east' ? ['10.30.0.5'] : c.name === 'west' ? ['10.30.0.6'] : ['10.30.0.5'])),
    }).synth()).not.toThrow();
  });

  test('a duplicate address within a cluster fails the synth, naming the cluster; nothing of the previous output changes', () => {
    const outdir = tmp();
    fs.writeFileSync(path.join(outdir, 'keep.txt'), 'mine');
    expect(() => new Fleet({
      outdir, clusters: clusters(shared()), build: buildCluster((c) => (c.name === 'lab' ? ['10.30.0.9', '10.30.0.9'] : [undefined])),
    }).synth()).toThrow(/^Fleet cluster "lab": \[mq\/replication-ips\] allocate\("mq-2"\): 10\.30\.0\.9 is already allocated to "mq-1"/);
    expect(fs.readdirSync(outdir)).toEqual(['keep.txt']);
  });

  test('an address used in two clusters of a shared pool fails, naming both clusters', () => {
    expect(() => new Fleet({
      outdir: tmp(), clusters: clusters(shared()), build: buildCluster((c) => (c.name === 'lab' ? [] : ['10.30.0.7'])),
    }).synth()).toThrow('Fleet cluster "west": [mq/replication-ips] allocate("mq-1"): 10.30.0.7 is already used by "mq-1" (StaticIpPool "mq/replication-ips") in cluster "east" on the network "replication" shared by "east", "west": pick another address');
  });

  test('automatic addresses of a shared pool skip those of the clusters before', () => {
    const pool = shared();
    new Fleet({ outdir: tmp(), clusters: clusters(pool), build: buildCluster((c) => (c.name === 'lab' ? [] : [undefined, undefined])) }).synth();
    expect(pool.allocations.map((a) => [a.address, a.cluster])).toEqual([
      ['10.30.0.1', 'east'], ['10.30.0.2', 'east'], ['10.30.0.3', 'west'], ['10.30.0.4', 'west'],
    ]);
  });
});

describe('Fleet memory', () => {
  afterEach(() => jest.restoreAllMocks());

  test('V8 collects tighter from the second cluster on, and has its default back after the synth, even a failed one', () => {
    const flags = jest.spyOn(PROCESS_HEAP_FLAGS, 'set');
    synth({ outdir: tmp() });
    expect(flags.mock.calls).toEqual([['--heap-growing-percent=40'], ['--heap-growing-percent=0']]);
    flags.mockClear();
    expect(() => new Fleet({
      outdir: tmp(), clusters: clusters(shared()), build: buildCluster((c) => (c.name === 'lab' ? ['10.30.0.9', '10.30.0.9'] : [undefined])),
    }).synth()).toThrow(/^Fleet cluster "lab"/);
    expect(flags.mock.calls).toEqual([['--heap-growing-percent=40'], ['--heap-growing-percent=0']]);
  });

  test('a fleet of one cluster leaves V8 as it is', () => {
    const flags = jest.spyOn(PROCESS_HEAP_FLAGS, 'set');
    synth({ outdir: tmp(), clusters: [clusters(shared())[2]] });
    expect(flags).not.toHaveBeenCalled();
  });
});

describe('Fleet refuses bad settings before building anything', () => {
  const build = jest.fn();
  test.each<[string, Partial<FleetProps>, string]>([
    ['no clusters', { clusters: [] }, 'Fleet: clusters [] must list at least one cluster'],
    ['a bad cluster name', { clusters: [{ name: 'Prod East', platform: VirtualizationPlatform.KUBEVIRT }] }, 'Fleet: cluster "Prod East": name "Prod East"'],
    ['a repeated name', { clusters: [{ name: 'a', platform: VirtualizationPlatform.KUBEVIRT }, { name: 'a', platform: VirtualizationPlatform.KUBEVIRT }] }, 'the cluster names "a" are used twice'],
    ['a bad platform', { clusters: [{ name: 'a', platform: 'vmware' as any }] }, 'cluster "a": platform "vmware" is not one of "openshift", "kubevirt"'],
    ['both destinations', { clusters: [{ name: 'a', platform: VirtualizationPlatform.KUBEVIRT, argoCdDestination: { server: 'https://a', name: 'a' } }] }, 'cluster "a": argoCdDestination gives both server and name'],
    ['a shared pool of other clusters', { clusters: [{ name: 'a', platform: VirtualizationPlatform.KUBEVIRT, networks: { repl: shared() } }] }, 'cluster "a": networks.repl is the SharedIpPool "replication" of "east", "west": add "a" to its clusters'],
    ['a bad generator', { argoCd: { repoURL: REPO, path: 'fleet', generator: 'matrix' as any } }, 'argoCd.generator "matrix" is not one of "list", "git-directories"'],
  ])('%s', (_, props, message) => {
    expect(() => new Fleet({ clusters: [{ name: 'ok', platform: VirtualizationPlatform.KUBEVIRT }], build, ...props })).toThrow(message);
    expect(build).not.toHaveBeenCalled();
  });

  test('a missing storage class or address plan names the cluster and what it has', () => {
    const fleet = new Fleet({
      outdir: tmp(),
      clusters: [{ name: 'lab', platform: VirtualizationPlatform.KUBEVIRT, storageClasses: { rwo: 'local-path' } }],
      build: (cluster) => cluster.storageClass('rwx'),
    });
    expect(() => fleet.synth()).toThrow('Fleet cluster "lab": Fleet cluster "lab": no storage class for "rwx": add it to the cluster\'s storageClasses (it has "rwo")');
  });

  test('the git-directories generator derives the cluster from the path', () => {
    const outdir = tmp();
    new Fleet({
      outdir, clusters: clusters(shared()), build: buildCluster(() => []), argoCd: { repoURL: REPO, path: 'fleet', generator: FleetClusterGenerator.GIT_DIRECTORIES },
    }).synth();
    const appSet = parse(fs.readFileSync(path.join(outdir, 'argocd/applicationset-virtualization-fleet.yaml'), 'utf8'));
    expect(appSet.spec.generators[0].git.directories).toEqual([{ path: 'fleet/clusters/*/argocd' }]);
    expect(appSet.spec.template.metadata.name).toBe('{{ (index .path.segments 2) }}-virtualization');
  });
});
