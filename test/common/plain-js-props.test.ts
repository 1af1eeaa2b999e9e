import { App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  ArgoCdAppProject, ArgoCdApplication, Cdi, CniPlugin, DataVolume, DataVolumeSource, FluxKustomization, GitOpsApp, HostProvider, HyperConverged,
  KubeVirt, LiveMigration, MigrationPlan, MigrationPolicy, NetworkAttachmentDefinition, NetworkMap, OpenShiftAdditionalNetworks,
  OpenShiftVirtualization, PersistentVolumeClaim, StaticIpPool, StorageMap, VirtualMachine, VirtualMachineClone, VirtualMachineExport,
  VirtualMachineRestore, VirtualMachineSnapshot, VirtualizationApp, VmwareDiskImport, VsphereCredentials, VsphereProvider, WorkloadNamespace,
} from '../../src';

/** What the constructs of one row need: an app, a chart, and the constructs other constructs point at. */
interface Fixture {
  readonly app: App;
  readonly chart: Chart;
  readonly vm: VirtualMachine;
  readonly snapshot: VirtualMachineSnapshot;
  readonly vsphere: VsphereProvider;
  readonly host: HostProvider;
  readonly networkMap: NetworkMap;
  readonly storageMap: StorageMap;
}

function fixture(): Fixture {
  const app = new App();
  const chart = new Chart(app, 'c', { namespace: 'vms' });
  const vm = new VirtualMachine(chart, 'vm', { metadata: { name: 'db' }, memory: '2Gi' });
  const snapshot = new VirtualMachineSnapshot(chart, 'snap', { vm, metadata: { name: 'db-snap' } });
  const vsphere = new VsphereProvider(chart, 'vsphere', { metadata: { name: 'vcenter' }, url: 'https://vcenter.example.com/sdk', credentials: VsphereCredentials.fromSecret('vcenter') });
  const host = new HostProvider(chart, 'host', { metadata: { name: 'host' } });
  const networkMap = new NetworkMap(chart, 'nets', { metadata: { name: 'nets' }, source: vsphere, destination: host });
  const storageMap = new StorageMap(chart, 'disks', { metadata: { name: 'disks' }, source: vsphere, destination: host });
  networkMap.mapToPodNetwork('VM Network');
  storageMap.map('datastore1', { storageClass: 'fast' });
  return { app, chart, vm, snapshot, vsphere, host, networkMap, storageMap };
}

/** One exported construct: how to build it, its props type, the example its message gives, valid props. */
interface Row {
  readonly name: string;
  readonly propsType: string;
  readonly example: string;
  /** Whether the constructor has default props (then `undefined` is accepted). */
  readonly optional?: boolean;
  readonly build: (scope: Construct, id: string, props: any) => IConstruct;
  readonly valid: (f: Fixture) => object;
  /** Props an object, refused by a later check (after the construct exists), with the message's start. */
  readonly refused?: [(f: Fixture) => object, string];
}

/** Maps something, as a map that maps nothing is refused at synth. */
function withMapping(map: NetworkMap | StorageMap): IConstruct {
  if (map instanceof NetworkMap) map.mapToPodNetwork('VM Network');
  else map.map('datastore1', { storageClass: 'fast' });
  return map;
}

const bridge = () => CniPlugin.bridge({ bridge: 'br1' });
const disk = (method: keyof typeof VmwareDiskImport, build: (scope: Construct, id: string, props: any) => IConstruct): Row => ({
  name: `VmwareDiskImport.${method}`, propsType: 'VmwareDiskImportProps', example: '{ size: "40Gi" }', build, valid: () => ({ metadata: { name: 'imported' }, size: '40Gi' }),
});

const ROWS: Row[] = [
  {
    name: 'VirtualMachine',
    propsType: 'VirtualMachineProps',
    example: '{ memory: "2Gi" }',
    optional: true,
    build: (s, id, p) => new VirtualMachine(s, id, p),
    valid: () => ({ metadata: { name: 'web' }, memory: '1Gi' }),
    refused: [() => ({ memory: '1Gi', disks: [{ name: 'Root', source: null }] }), '[c/x] disk name "Root"'],
  },
  { name: 'DataVolume', propsType: 'DataVolumeProps', example: '{ source: DataVolumeSource.blank(), size: "10Gi" }', build: (s, id, p) => new DataVolume(s, id, p), valid: () => ({ metadata: { name: 'data' }, source: DataVolumeSource.blank(), size: '10Gi' }) },
  { name: 'PersistentVolumeClaim', propsType: 'PersistentVolumeClaimProps', example: '{ size: "10Gi" }', build: (s, id, p) => new PersistentVolumeClaim(s, id, p), valid: () => ({ metadata: { name: 'claim' }, size: '1Gi' }) },
  {
    name: 'NetworkAttachmentDefinition',
    propsType: 'NetworkAttachmentDefinitionProps',
    example: '{ cni: CniPlugin.bridge({ bridge: "br1" }) }',
    build: (s, id, p) => new NetworkAttachmentDefinition(s, id, p),
    valid: () => ({ metadata: { name: 'lab' }, cni: bridge() }),
    refused: [() => ({ metadata: { name: 'lab' }, cni: bridge(), resourceName: 'br1' }), '[c/x] resourceName "br1"'],
  },
  { name: 'StaticIpPool', propsType: 'StaticIpPoolProps', example: '{ cidr: "192.168.4.0/24" }', build: (s, id, p) => new StaticIpPool(s, id, p), valid: () => ({ cidr: '192.168.4.0/24' }) },
  {
    name: 'OpenShiftAdditionalNetworks',
    propsType: 'OpenShiftAdditionalNetworksProps',
    example: '{ networks: [{ name: "lab", namespace: "vms", cni: CniPlugin.bridge({ bridge: "br1" }) }] }',
    optional: true,
    build: (s, id, p) => new OpenShiftAdditionalNetworks(s, id, p),
    valid: () => ({ networks: [{ name: 'lab', namespace: 'vms', cni: bridge() }] }),
  },
  {
    name: 'KubeVirt',
    propsType: 'KubeVirtProps',
    example: '{ namespace: "kubevirt" }',
    optional: true,
    build: (s, id, p) => new KubeVirt(s, id, p),
    valid: () => ({}),
    refused: [() => ({ namespace: 'Kube Virt' }), '[c/x] namespace "Kube Virt"'],
  },
  { name: 'Cdi', propsType: 'CdiProps', example: '{ featureGates: ["HonorWaitForFirstConsumer"] }', optional: true, build: (s, id, p) => new Cdi(s, id, p), valid: () => ({}) },
  {
    name: 'HyperConverged',
    propsType: 'HyperConvergedProps',
    example: '{ namespace: "openshift-cnv" }',
    optional: true,
    build: (s, id, p) => new HyperConverged(s, id, p),
    valid: () => ({}),
    refused: [() => ({ namespace: 'CNV' }), '[c/x] namespace "CNV"'],
  },
  {
    name: 'OpenShiftVirtualization',
    propsType: 'OpenShiftVirtualizationProps',
    example: '{ preset: OperatorPreset.OPENSHIFT }',
    optional: true,
    build: (s, id, p) => new OpenShiftVirtualization(s, id, p),
    valid: () => ({}),
  },
  {
    name: 'MigrationPolicy',
    propsType: 'MigrationPolicyProps',
    example: '{ selectors: { instanceLabels: { tier: "db" } } }',
    build: (s, id, p) => new MigrationPolicy(s, id, p),
    valid: () => ({ name: 'fast', selectors: { instanceLabels: { tier: 'db' } } }),
  },
  { name: 'LiveMigration', propsType: 'LiveMigrationProps', example: '{ vm }', build: (s, id, p) => new LiveMigration(s, id, p), valid: (f) => ({ vm: f.vm, metadata: { name: 'move' } }) },
  { name: 'VirtualMachineSnapshot', propsType: 'VirtualMachineSnapshotProps', example: '{ vm }', build: (s, id, p) => new VirtualMachineSnapshot(s, id, p), valid: (f) => ({ vm: f.vm, metadata: { name: 'again' } }) },
  {
    name: 'VirtualMachineRestore',
    propsType: 'VirtualMachineRestoreProps',
    example: '{ snapshot }',
    build: (s, id, p) => new VirtualMachineRestore(s, id, p),
    valid: (f) => ({ snapshot: f.snapshot, metadata: { name: 'back' } }),
  },
  { name: 'VirtualMachineClone', propsType: 'VirtualMachineCloneProps', example: '{ source: vm }', build: (s, id, p) => new VirtualMachineClone(s, id, p), valid: (f) => ({ source: f.vm, metadata: { name: 'copy' } }) },
  { name: 'VirtualMachineExport', propsType: 'VirtualMachineExportProps', example: '{ source: vm }', build: (s, id, p) => new VirtualMachineExport(s, id, p), valid: (f) => ({ source: f.vm, metadata: { name: 'out' } }) },
  {
    name: 'VsphereProvider',
    propsType: 'VsphereProviderProps',
    example: '{ url: "https://vcenter.example.com/sdk", credentials: VsphereCredentials.fromSecret("vcenter") }',
    build: (s, id, p) => new VsphereProvider(s, id, p),
    valid: () => ({ metadata: { name: 'other' }, url: 'https://other.example.com/sdk', credentials: VsphereCredentials.fromSecret('other') }),
  },
  { name: 'HostProvider', propsType: 'HostProviderProps', example: '{ metadata: { name: "host" } }', optional: true, build: (s, id, p) => new HostProvider(s, id, p), valid: () => ({ metadata: { name: 'target' } }) },
  { name: 'NetworkMap', propsType: 'NetworkMapProps', example: '{ source: vsphere, destination: host }', build: (s, id, p) => withMapping(new NetworkMap(s, id, p)), valid: (f) => ({ metadata: { name: 'n2' }, source: f.vsphere, destination: f.host }) },
  { name: 'StorageMap', propsType: 'StorageMapProps', example: '{ source: vsphere, destination: host }', build: (s, id, p) => withMapping(new StorageMap(s, id, p)), valid: (f) => ({ metadata: { name: 's2' }, source: f.vsphere, destination: f.host }) },
  {
    name: 'MigrationPlan',
    propsType: 'MigrationPlanProps',
    example: '{ source: vsphere, destination: host, networkMap, storageMap, targetNamespace: "vms", vms: [{ name: "web-1" }] }',
    build: (s, id, p) => new MigrationPlan(s, id, p),
    valid: (f) => ({ metadata: { name: 'plan' }, source: f.vsphere, destination: f.host, networkMap: f.networkMap, storageMap: f.storageMap, targetNamespace: 'vms', vms: [{ name: 'web-1' }] }),
    refused: [(f) => ({ source: f.vsphere, destination: f.host, networkMap: f.networkMap, storageMap: f.storageMap, targetNamespace: 'vms', vms: [] }), '[c/x] vms is empty'],
  },
  {
    name: 'ArgoCdApplication',
    propsType: 'ArgoCdApplicationProps',
    example: '{ name: "vms", repoURL: "https://git.example.com/vms.git", path: "dist" }',
    build: (s, id, p) => new ArgoCdApplication(s, id, p),
    valid: () => ({ name: 'vms', repoURL: 'https://git.example.com/vms.git', path: 'dist' }),
    refused: [() => ({ name: 'vms', repoURL: 'https://git.example.com/vms.git', path: 'dist', retry: { limit: 0 } }), '[c/x] retry.limit 0'],
  },
  {
    name: 'ArgoCdAppProject',
    propsType: 'ArgoCdAppProjectProps',
    example: '{ name: "vms", sourceRepos: ["https://git.example.com/vms.git"] }',
    build: (s, id, p) => new ArgoCdAppProject(s, id, p),
    valid: () => ({ name: 'vms', sourceRepos: ['https://git.example.com/vms.git'] }),
  },
  { name: 'FluxKustomization', propsType: 'FluxKustomizationProps', example: '{ name: "vms", path: "dist" }', build: (s, id, p) => new FluxKustomization(s, id, p), valid: () => ({ name: 'vms', path: 'dist' }) },
  {
    name: 'WorkloadNamespace',
    propsType: 'WorkloadNamespaceProps',
    example: '{ name: "vms" }',
    build: (s, id, p) => new WorkloadNamespace(s, id, p),
    valid: () => ({ name: 'apps' }),
    refused: [() => ({ name: 'Apps' }), '[c/x] name "Apps"'],
  },
  disk('vmdkOverHttp', (s, id, p) => VmwareDiskImport.vmdkOverHttp(s, id, 'https://files.example.com/web-1.vmdk', p)),
  disk('qcow2OverHttp', (s, id, p) => VmwareDiskImport.qcow2OverHttp(s, id, 'https://files.example.com/web-1.qcow2', p)),
  disk('fromRegistry', (s, id, p) => VmwareDiskImport.fromRegistry(s, id, 'docker://registry.example.com/vms/web-1:v1', p)),
  disk('forUpload', (s, id, p) => VmwareDiskImport.forUpload(s, id, p)),
  disk('vddk', (s, id, p) => VmwareDiskImport.vddk(s, id, { url: 'https://vcenter.example.com/sdk', uuid: '42030a8e-2b7f-4b1c-9e3d-6f3a1c2b4d5e', backingFile: '[ds1] web-1/web-1.vmdk', thumbprint: Array.from({ length: 20 }, () => 'AB').join(':'), secretRef: 'vddk' } as any, p)),
];

/** What plain JavaScript can pass where the props object belongs. */
const BAD_PROPS: Array<[string, unknown]> = [['null', null], ['undefined', undefined], ['a string', 'vms'], ['an array', [{}]]];

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe.each(ROWS)('$name with props that are not an object', (row) => {
  test.each(BAD_PROPS.filter(([, value]) => !(row.optional && value === undefined)))('%s: a message with the path, the props type and an example', (_label, value) => {
    const { chart } = fixture();
    const shown = value === undefined ? 'undefined' : JSON.stringify(value);
    const where = row.name.startsWith('VmwareDiskImport.') ? `[c/bad] ${row.name}: ` : '[c/bad] ';
    expect(errorOf(() => row.build(chart, 'bad', value))).toBe(`${where}props ${shown} must be an object of ${row.propsType}, e.g. ${row.example}`);
  });

  test('a refused construct leaves its id free and nothing in the output', () => {
    const refused = fixture();
    expect(errorOf(() => row.build(refused.chart, 'x', null))).toMatch(/must be an object of/);
    row.build(refused.chart, 'x', row.valid(refused));
    const clean = fixture();
    row.build(clean.chart, 'x', row.valid(clean));
    expect(refused.app.synthYaml()).toBe(clean.app.synthYaml());
  });

  if (row.refused) {
    const [refusedProps, message] = row.refused;
    test('refused by a later check: its id is free and nothing of it is written', () => {
      const refused = fixture();
      expect(errorOf(() => row.build(refused.chart, 'x', refusedProps(refused)))).toContain(message);
      row.build(refused.chart, 'x', row.valid(refused));
      const clean = fixture();
      row.build(clean.chart, 'x', row.valid(clean));
      expect(refused.app.synthYaml()).toBe(clean.app.synthYaml());
    });
  }
});

describe('apps with props that are not an object', () => {
  test.each([['VirtualizationApp', (p: any) => new VirtualizationApp(p)], ['GitOpsApp', (p: any) => new GitOpsApp(p)]] as const)('%s', (name, build) => {
    const type = name === 'GitOpsApp' ? 'GitOpsAppProps' : 'AppProps';
    expect(errorOf(() => build(null))).toBe(`${name}: props null must be an object of ${type}, e.g. { outdir: "dist" }`);
    expect(errorOf(() => build('dist'))).toBe(`${name}: props "dist" must be an object of ${type}, e.g. { outdir: "dist" }`);
    expect(errorOf(() => build([]))).toBe(`${name}: props [] must be an object of ${type}, e.g. { outdir: "dist" }`);
  });
});
