import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { attach, nad, vm } from './rules/rule-fixtures';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';
import { IssueSeverity, ValidationRule, validateObjects } from '../../src/validation/validate-objects';

/** `rule path: message` of each error. */
function errorsOf(objects: any[], options = {}): string[] {
  return validateObjects(objects, options).errors.map((e) => `${e.rule} ${e.kind} ${e.name} ${e.path}: ${e.message}`);
}

describe('validateObjects: rules over plain objects', () => {
  test('a valid VM with a resolved secondary network has no issue at all', () => {
    const report = validateObjects([nad('repl', 'mq'), vm('a', (s) => attach(s, 'repl'))]);
    expect(report).toEqual({ valid: true, errors: [], warnings: [], migration: [] });
  });

  test('schema: strict upstream schemas, with the field path', () => {
    expect(errorsOf([vm('a', (s) => { s.domain.devices.disks[0].bootorder = 1; })])).toEqual([
      'schema VirtualMachine a spec.template.spec.domain.devices.disks[0].bootorder: unknown field (not in the schema: misspelled or misplaced?)',
    ]);
  });

  test('schema: an unknown kind is a warning, or an error when asked', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const report = validateObjects([widget]);
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w) => w.message)).toEqual(['no schema for example.com/v1 Widget: it is not a kind this package knows, so it cannot be checked']);
    expect(validateObjects([widget], { unknownKinds: IssueSeverity.ERROR }).valid).toBe(false);
  });

  test('names: DNS-1123 names and namespaces (VMs as labels, RBAC exempt)', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: 'Mq' } };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:kubevirt' }, rules: [] };
    expect(errorsOf([config, role, vm('a'.repeat(64))], { skipRules: [ValidationRule.SCHEMA] })).toEqual([
      'names ConfigMap Bad_Name metadata.namespace: "Mq" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "mq")',
      'names ConfigMap Bad_Name metadata.name: "Bad_Name" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "bad-name")',
      `names VirtualMachine ${'a'.repeat(64)} metadata.name: "${'a'.repeat(64)}" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. "${'a'.repeat(63)}")`,
    ]);
  });

  test('disks and volumes: every disk has a volume; a volume without a disk gets one from KubeVirt', () => {
    const broken = vm('a', (s) => {
      s.domain.devices.disks.push({ name: 'data', disk: {} });
      s.volumes.push({ name: 'scratch', emptyDisk: { capacity: '1Gi' } });
    });
    expect(errorsOf([broken])).toEqual([
      'disks-and-volumes VirtualMachine a spec.template.spec.domain.devices.disks[1].name: disk "data" has no volume of the same name: add a volume named "data" to spec.template.spec.volumes, or remove the disk',
    ]);
  });

  test('interfaces and networks: every interface has a network, every network an interface', () => {
    const broken = vm('a', (s) => {
      s.domain.devices.interfaces.push({ name: 'repl', bridge: {} });
      s.networks.push({ name: 'storage', multus: { networkName: 'storage' } });
    });
    // A Multus network (a second pod network would also be refused by network-sources), declared so only this rule speaks.
    expect(errorsOf([broken, nad('storage', 'mq')])).toEqual([
      'interfaces-and-networks VirtualMachine a spec.template.spec.domain.devices.interfaces[1].name: interface "repl" has no network of the same name: add one to spec.template.spec.networks (pod: {} or multus: { networkName }), or remove the interface',
      'interfaces-and-networks VirtualMachine a spec.template.spec.networks[1].name: network "storage" is used by no interface: add an interface named "storage" to spec.template.spec.domain.devices.interfaces, or remove the network',
    ]);
  });

  test('multus references resolve to a NAD in the same or the named namespace, an OpenShift additional network, or a known network', () => {
    const openshift = {
      apiVersion: 'operator.openshift.io/v1',
      kind: 'Network',
      metadata: { name: 'cluster' },
      spec: { additionalNetworks: [{ name: 'ocp-net', namespace: 'mq', type: 'Raw', rawCNIConfig: '{"cniVersion":"0.3.1","name":"ocp-net","type":"bridge"}' }] },
    };
    const objects = [
      nad('repl', 'mq'), nad('shared', 'infra'), openshift,
      vm('a', (s) => attach(s, 'repl')),
      vm('b', (s) => attach(s, 'infra/shared')),
      vm('c', (s) => attach(s, 'ocp-net')),
      vm('d', (s) => attach(s, 'shared')),
      vm('e', (s) => attach(s, 'lab/external')),
    ];
    expect(errorsOf(objects)).toEqual([
      'multus-references VirtualMachine d spec.template.spec.networks[1].multus.networkName: network "shared" resolves to no NetworkAttachmentDefinition "mq/shared" among these objects (a bare name means the same namespace): declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already',
      'multus-references VirtualMachine e spec.template.spec.networks[1].multus.networkName: network "lab/external" resolves to no NetworkAttachmentDefinition "lab/external" among these objects: declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already',
    ]);
    expect(errorsOf(objects, { knownNetworks: ['mq/shared', 'lab/external'] })).toEqual([]);
  });

  test('multus references in pod annotations (JSON and short form), and annotations that are neither', () => {
    const deployment = (name: string, annotation: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'mq' },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name }, annotations: { 'k8s.v1.cni.cncf.io/networks': annotation } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
      },
    });
    expect(errorsOf([nad('repl', 'mq'), deployment('a', '[{"name":"repl"}]'), deployment('b', 'repl@eth1, missing'), deployment('c', '[{"name":')])).toEqual([
      'multus-references Deployment b spec.template.metadata.annotations["k8s.v1.cni.cncf.io/networks"]: network "missing" resolves to no NetworkAttachmentDefinition "mq/missing" among these objects (a bare name means the same namespace): declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already',
      'multus-references Deployment c spec.template.metadata.annotations["k8s.v1.cni.cncf.io/networks"]: is neither a JSON list of networks nor "namespace/name" entries separated by commas: write e.g. [{"name":"repl","ips":["192.168.4.10/24"]}]',
    ]);
  });

  test('static IPs: an address used twice, across NADs, network data in Secrets and pod annotations', () => {
    const networkData = 'version: 2\nethernets:\n  repl:\n    match:\n      macaddress: "02:00:00:00:00:01"\n    addresses:\n      - 192.168.4.1/24\n';
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b-cloud-init', namespace: 'mq' }, data: { networkdata: Buffer.from(networkData).toString('base64') } };
    const withNetworkData = vm('b', (s) => {
      attach(s, 'l2');
      s.domain.devices.disks.push({ name: 'cloudinitdisk', disk: {} });
      s.volumes.push({ name: 'cloudinitdisk', cloudInitNoCloud: { networkDataSecretRef: { name: 'b-cloud-init' } } });
    });
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'monitor', namespace: 'mq', annotations: { 'k8s.v1.cni.cncf.io/networks': '[{"name":"l2","ips":["192.168.4.1/24"]}]' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    const objects = [nad('fixed', 'mq', { type: 'static', addresses: [{ address: '192.168.4.1/24' }] }), nad('l2', 'mq'), secret, withNetworkData, pod];
    expect(errorsOf(objects)).toEqual([
      'static-ips VirtualMachine b spec.template.spec.volumes[1].cloudInitNoCloud (network data ethernets.repl): static IP 192.168.4.1 of VirtualMachine "mq/b" is already used by NetworkAttachmentDefinition "mq/fixed": each address can be used once; pick another',
      'static-ips Pod monitor metadata.annotations["k8s.v1.cni.cncf.io/networks"]: static IP 192.168.4.1 of Pod "mq/monitor" is already used by NetworkAttachmentDefinition "mq/fixed": each address can be used once; pick another',
    ]);
  });

  test('a network declared as a NAD and as an OpenShift additional network is one network: a warning, its addresses counted once', () => {
    const ipam = { type: 'static', addresses: [{ address: '161.156.177.55/28' }] };
    const declared = nad('br1-static-55', 'vms', ipam);
    const openshift = {
      apiVersion: 'operator.openshift.io/v1',
      kind: 'Network',
      metadata: { name: 'cluster' },
      spec: { additionalNetworks: [{ name: 'br1-static-55', namespace: 'vms', type: 'Raw', rawCNIConfig: declared.spec.config }] },
    };
    const report = validateObjects([declared, openshift]);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => `${w.rule} ${w.kind} ${w.name} ${w.path}: ${w.message}`)).toEqual([
      'multus-references Network cluster spec.additionalNetworks[0].rawCNIConfig: additional network "vms/br1-static-55" and NetworkAttachmentDefinition "vms/br1-static-55" are the same network (the Cluster Network Operator creates that NetworkAttachmentDefinition from the additional network): apply only one of the two',
    ]);
    // Another network on the same address still clashes.
    expect(errorsOf([declared, nad('other', 'vms', ipam)])).toEqual([
      'static-ips NetworkAttachmentDefinition other spec.config (ipam.addresses[0]): static IP 161.156.177.55 of NetworkAttachmentDefinition "vms/other" is already used by NetworkAttachmentDefinition "vms/br1-static-55": each address can be used once; pick another',
    ]);
  });

  test('names: the same object twice is an error at the second; the same name in another namespace, kind or group is not', () => {
    const other = nad('repl', 'infra');
    const sameNameOtherGroup = { ...vm('repl'), metadata: { name: 'repl', namespace: 'mq' } };
    expect(errorsOf([nad('repl', 'mq'), other, sameNameOtherGroup, vm('a'), vm('a', (s) => { s.domain.memory.guest = '2Gi'; }), nad('repl', 'mq')])).toEqual([
      'names VirtualMachine a metadata.name: VirtualMachine "mq/a" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one',
      'names NetworkAttachmentDefinition repl metadata.name: NetworkAttachmentDefinition "mq/repl" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one',
    ]);
    expect(errorsOf([vm('a'), vm('a')], { skipRules: [ValidationRule.NAMES] })).toEqual([]);
  });

  test('static IPs: a network with fixed addresses serves one VM', () => {
    const objects = [nad('fixed', 'mq', { type: 'static', addresses: [{ address: '10.0.0.5/24' }] }), vm('a', (s) => attach(s, 'fixed')), vm('b', (s) => attach(s, 'fixed'))];
    expect(errorsOf(objects)).toEqual([
      'static-ips VirtualMachine b spec.template.spec.networks[1].multus.networkName: NetworkAttachmentDefinition "mq/fixed" gives the fixed address 10.0.0.5/24 to every attachment, and VirtualMachine "mq/a" interface "repl" already uses it: declare one network per VM or pod',
    ]);
  });

  test('cloud-init: clear-text passwords in inline user data are refused, hashes and Secrets are not', () => {
    const withUserData = (name: string, userData: string, field = 'userData') => vm(name, (s) => {
      s.domain.devices.disks.push({ name: 'cloudinitdisk', disk: {} });
      s.volumes.push({ name: 'cloudinitdisk', cloudInitNoCloud: { [field]: field === 'userData' ? userData : Buffer.from(userData).toString('base64') } });
    });
    const objects = [
      withUserData('a', '#cloud-config\npassword: fedora\nchpasswd: { expire: false }\n'),
      withUserData('b', '#cloud-config\nchpasswd:\n  list: |\n    root:secret\n', 'userDataBase64'),
      withUserData('c', '#cloud-config\nusers:\n  - name: ops\n    plain_text_passwd: hunter2\n  - name: svc\n    passwd: $6$salt$hash\n'),
      withUserData('d', '#cloud-config\nssh_pwauth: false\nusers:\n  - name: ops\n    passwd: $6$rounds=4096$salt$hash\n'),
    ];
    const fix = 'move the user data into a Secret (secretRef; addCloudInit writes one), use a crypt hash (openssl passwd -6), or use SSH keys';
    expect(errorsOf(objects)).toEqual([
      `cloud-init-passwords VirtualMachine a spec.template.spec.volumes[1].cloudInitNoCloud.userData: cloud-init user data sets a clear-text password (password) in the manifest, where anyone who can read the VM reads it: ${fix}`,
      `cloud-init-passwords VirtualMachine b spec.template.spec.volumes[1].cloudInitNoCloud.userDataBase64: cloud-init user data sets a clear-text password (chpasswd.list) in the manifest, where anyone who can read the VM reads it: ${fix}`,
      `cloud-init-passwords VirtualMachine c spec.template.spec.volumes[1].cloudInitNoCloud.userData: cloud-init user data sets a clear-text password (users[0].plain_text_passwd) in the manifest, where anyone who can read the VM reads it: ${fix}`,
    ]);
  });

  test('live migration: only VMs that ask for it are judged; LiveMigrateIfPossible gives warnings', () => {
    const required = vm('a', (s) => { s.evictionStrategy = 'LiveMigrate'; });
    const preferred = vm('b', (s) => { s.evictionStrategy = 'LiveMigrateIfPossible'; });
    const report = validateObjects([required, preferred, vm('c')]);
    expect(report.errors.map((e) => `${e.name} ${e.rule}`)).toEqual(['a live-migration']);
    expect(report.warnings.map((e) => `${e.name} ${e.severity} ${e.rule}`)).toEqual(['b warning live-migration']);
    expect(report.migration.map((m) => `${m.name} ${m.mode} ${m.migratable}`)).toEqual(['a required false', 'b preferred false']);
  });

  test('every rule can be skipped', () => {
    const broken = vm('Bad', (s) => {
      s.evictionStrategy = 'LiveMigrate';
      s.domain.devices.disks.push({ name: 'data', disk: {} });
      attach(s, 'missing');
    });
    expect(errorsOf([broken]).length).toBeGreaterThan(0);
    expect(errorsOf([broken], { skipRules: Object.values(ValidationRule) })).toEqual([]);
  });
});

describe('validation on synth', () => {
  test('an error in a hand-written ApiObject fails synth at that object, with the field path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'mq' });
    new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '1Gi' }).addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    new ApiObject(chart, 'raw', vm('raw', (s) => attach(s, 'nowhere')));
    expect(() => app.synthYaml()).toThrow('Validation failed with the following errors:\n  [apps/raw] VirtualMachine mq/raw spec.template.spec.networks[1].multus.networkName: network "nowhere" resolves to no NetworkAttachmentDefinition "mq/nowhere" among these objects (a bare name means the same namespace): declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already');
  });

  test('two charts declaring the same VM fail synth at the second one', () => {
    const app = Testing.app();
    for (const id of ['team-a', 'team-b']) {
      const chart = new Chart(app, id, { namespace: 'mq' });
      new VirtualMachine(chart, 'vm', { metadata: { name: 'shared' }, memory: '1Gi' }).addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    }
    expect(() => app.synthYaml()).toThrow('Validation failed with the following errors:\n  [team-b/vm] VirtualMachine mq/shared metadata.name: VirtualMachine "mq/shared" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one');
  });

  test('networks referenced with fromName count as known; NADs of the app resolve', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'mq' });
    const repl = new NetworkAttachmentDefinition(chart, 'repl', { metadata: { name: 'repl' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.none() });
    const vmConstruct = new VirtualMachine(chart, 'vm', { metadata: { name: 'vm' }, memory: '1Gi' });
    vmConstruct.attachNetwork(repl);
    vmConstruct.attachNetwork(NetworkAttachmentDefinition.fromName('sriov-net', 'infra'), { interfaceName: 'fast' });
    expect(() => app.synthYaml()).not.toThrow();
    expect(AppValidation.of(app).lastReport).toEqual({ valid: true, errors: [], warnings: [], migration: [] });
  });

  test('validation can be switched off, and run on demand', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'apps', { namespace: 'mq' });
    new VirtualMachine(chart, 'vm', { memory: '1Gi' });
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, date: {} });
    expect(AppValidation.of(app).validate().errors.map((e) => `${e.kind} ${e.path}`)).toEqual(['ConfigMap date']);
    AppValidation.of(app).configure({ enabled: false });
    expect(() => app.synthYaml()).not.toThrow();
  });
});
