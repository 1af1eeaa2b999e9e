import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { MigrationPolicy, MigrationPolicyProps } from '../../src/live-migration/migration-policy';
import { CniPlugin } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { Cdi, CdiProps } from '../../src/runtime/cdi';
import { KubeVirt, KubeVirtProps } from '../../src/runtime/kubevirt';
import { OperatorManifests } from '../../src/runtime/operator-manifests';
import { EvictionStrategy, WorkloadUpdateMethod } from '../../src/runtime/workload-update';
import { findObject, synthValid } from '../helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const kubevirtOperator = () => OperatorManifests.fromFile(path.join(FIXTURES, 'kubevirt-operator.yaml'));
const cdiOperator = () => OperatorManifests.fromFile(path.join(FIXTURES, 'cdi-operator.yaml'));

function synth(build: (chart: Chart) => void, namespace = 'vms'): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  build(chart);
  return synthValid(chart);
}

describe('KubeVirt', () => {
  test('a bare KubeVirt CR in namespace kubevirt', () => {
    expect(synth((c) => new KubeVirt(c, 'kv'))).toEqual([
      { apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', metadata: { name: 'kubevirt', namespace: 'kubevirt' }, spec: {} },
    ]);
  });

  test('emulation, feature gates, migrations, eviction, workload updates and placement', () => {
    const objects = synth((c) => {
      const net = new NetworkAttachmentDefinition(c, 'mig', { metadata: { name: 'migration', namespace: 'kubevirt' }, cni: CniPlugin.macvlan({ master: 'ens5' }) });
      new KubeVirt(c, 'kv', {
        emulation: true,
        featureGates: ['Snapshot', 'HotplugVolumes'],
        migrations: {
          parallelMigrationsPerCluster: 4,
          parallelOutboundMigrationsPerNode: 1,
          bandwidthPerMigration: Size.mebibytes(640),
          completionTimeoutPerGiB: 300,
          progressTimeout: Duration.minutes(3),
          allowPostCopy: true,
          network: net,
        },
        evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
        workloadUpdateStrategy: { methods: [WorkloadUpdateMethod.LIVE_MIGRATE], batchEvictionSize: 3, batchEvictionInterval: 30 },
        infra: { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } },
        workloads: { nodeSelector: { 'kubevirt.io/schedulable': 'true' } },
      });
    });
    expect(findObject(objects, 'KubeVirt').spec).toEqual({
      configuration: {
        developerConfiguration: { useEmulation: true, featureGates: ['Snapshot', 'HotplugVolumes'] },
        migrations: { parallelMigrationsPerCluster: 4, parallelOutboundMigrationsPerNode: 1, bandwidthPerMigration: '640Mi', completionTimeoutPerGiB: 300, progressTimeout: 180, allowPostCopy: true, network: 'migration' },
        evictionStrategy: 'LiveMigrate',
      },
      workloadUpdateStrategy: { workloadUpdateMethods: ['LiveMigrate'], batchEvictionSize: 3, batchEvictionInterval: '30s' },
      infra: { nodePlacement: { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } } },
      workloads: { nodePlacement: { nodeSelector: { 'kubevirt.io/schedulable': 'true' } } },
    });
  });

  test('includes the operator release manifests as they are: cluster-scoped objects stay without a namespace', () => {
    const objects = synth((c) => new KubeVirt(c, 'kv', { operatorManifests: kubevirtOperator() }));
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace//kubevirt',
      'CustomResourceDefinition//kubevirts.kubevirt.io',
      'ServiceAccount/kubevirt/kubevirt-operator',
      'ClusterRole//kubevirt-operator',
      'ClusterRoleBinding//kubevirt-operator',
      'Deployment/kubevirt/virt-operator',
      'KubeVirt/kubevirt/kubevirt',
    ]);
    const file = fs.readFileSync(path.join(FIXTURES, 'kubevirt-operator.yaml'), 'utf8');
    expect(findObject(objects, 'Deployment', 'virt-operator').spec.template.spec.containers[0].image).toBe('quay.io/kubevirt/virt-operator:v1.6.0');
    expect(file).toContain('quay.io/kubevirt/virt-operator:v1.6.0');
  });

  test.each<[string, () => KubeVirtProps, string]>([
    ['a bad namespace', () => ({ namespace: 'KubeVirt' }), 'namespace "KubeVirt" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "kubevirt")'],
    ['the CDI manifests', () => ({ operatorManifests: cdiOperator() }), 'operatorManifests do not define the CRD kubevirts.kubevirt.io: pass kubevirt-operator.yaml from the KubeVirt release (not kubevirt-cr.yaml)'],
    ['a feature gate in the wrong format', () => ({ featureGates: ['snapshot'] }), 'featureGates[0] "snapshot" is not a feature gate name: these gates are PascalCase, e.g. "Snapshot"'],
    ['a repeated feature gate', () => ({ featureGates: ['Snapshot', 'Snapshot'] }), 'featureGates[1] "Snapshot" is listed twice'],
    ['a negative completion timeout', () => ({ migrations: { completionTimeoutPerGiB: -1 } }), 'migrations.completionTimeoutPerGiB of -1 seconds must be a whole number of seconds, at least 1'],
    ['a migration network in another namespace', () => ({ migrations: { network: NetworkAttachmentDefinition.fromName('mig', 'default') } }), 'migrations.network "mig" is declared in namespace "default", but the operator looks for it in "kubevirt": declare the migration network in "kubevirt"'],
    ['a migration network that is not a network', () => ({ migrations: { network: { name: 'mig' } as never } }), 'migrations.network must be a NetworkAttachmentDefinition declared in this app, or NetworkAttachmentDefinition.fromName("...")'],
    ['an unknown eviction strategy', () => ({ evictionStrategy: 'Drain' as EvictionStrategy }), 'evictionStrategy "Drain" is not one of "None", "LiveMigrate", "LiveMigrateIfPossible", "External"'],
    ['a migration network of another cdk8s App', () => ({
      migrations: { network: new NetworkAttachmentDefinition(new Chart(Testing.app(), 'other'), 'mig', { metadata: { name: 'migration', namespace: 'kubevirt' }, cni: CniPlugin.bridge({ bridge: 'br-mig' }) }) },
    }), 'migrations.network "migration" is the NetworkAttachmentDefinition at [other/mig] of another cdk8s App, whose manifests this App\'s do not include: declare the migration network in this App, or reference it with NetworkAttachmentDefinition.fromName("migration") when the other App deploys it'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => synth((c) => new KubeVirt(c, 'kv', props()))).toThrow(new Error(`[test/kv] ${message}`));
  });
});

describe('Cdi', () => {
  test('the cluster-scoped CDI CR with scratch space, upload proxy, filesystem overhead and feature gates', () => {
    const objects = synth((c) => new Cdi(c, 'cdi', {
      scratchSpaceStorageClass: 'local-path',
      uploadProxyUrl: 'https://cdi-uploadproxy.apps.example.com',
      filesystemOverhead: { global: 0.08, storageClasses: { 'nfs-csi': 0.1 } },
      featureGates: ['HonorWaitForFirstConsumer'],
      infra: { nodeSelector: { 'node-role.kubernetes.io/infra': '' } },
    }));
    expect(objects).toEqual([{
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'CDI',
      metadata: { name: 'cdi' },
      spec: {
        config: {
          scratchSpaceStorageClass: 'local-path',
          uploadProxyURLOverride: 'https://cdi-uploadproxy.apps.example.com',
          filesystemOverhead: { global: '0.08', storageClass: { 'nfs-csi': '0.1' } },
          featureGates: ['HonorWaitForFirstConsumer'],
        },
        infra: { nodeSelector: { 'node-role.kubernetes.io/infra': '' } },
      },
    }]);
  });

  test('includes the CDI operator manifests', () => {
    const objects = synth((c) => new Cdi(c, 'cdi', { operatorManifests: cdiOperator() }));
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Deployment', 'CDI']);
    expect(findObject(objects, 'Deployment').metadata.namespace).toBe('cdi');
  });

  test.each<[string, () => CdiProps, string]>([
    ['the KubeVirt manifests', () => ({ operatorManifests: kubevirtOperator() }), 'operatorManifests do not define the CRD cdis.cdi.kubevirt.io: pass cdi-operator.yaml from the CDI release (not cdi-cr.yaml)'],
    ['a plain http upload proxy', () => ({ uploadProxyUrl: 'http://cdi-uploadproxy' }), 'uploadProxyUrl "http://cdi-uploadproxy" is not an https URL: give the address virtctl reaches the upload proxy at, e.g. "https://cdi-uploadproxy.apps.example.com"'],
    ['an overhead of 100%', () => ({ filesystemOverhead: { global: 1 } }), 'filesystemOverhead.global 1 must be a fraction from 0 up to (not including) 1, e.g. 0.055 for 5.5%'],
    ['a negative overhead for a class', () => ({ filesystemOverhead: { storageClasses: { nfs: -0.1 } } }), 'filesystemOverhead.storageClasses["nfs"] -0.1 must be a fraction from 0 up to (not including) 1, e.g. 0.055 for 5.5%'],
    ['a bad storage class name for an overhead', () => ({ filesystemOverhead: { storageClasses: { 'NFS CSI': 0.1 } } }), 'filesystemOverhead.storageClasses: "NFS CSI" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "nfs-csi")'],
    ['a bad scratch class', () => ({ scratchSpaceStorageClass: 'Local Path' }), 'scratchSpaceStorageClass "Local Path" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "local-path")'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => synth((c) => new Cdi(c, 'cdi', props()))).toThrow(new Error(`[test/cdi] ${message}`));
  });
});

describe('OperatorManifests', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('fromObjects takes parsed objects and skips empty documents', () => {
    const manifests = OperatorManifests.fromObjects([null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kubevirt' } }]);
    expect(manifests.items).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kubevirt' } }]);
    expect(manifests.definesCrd('kubevirts.kubevirt.io')).toBe(false);
  });

  test.each<[string, () => unknown, string]>([
    ['a missing file', () => OperatorManifests.fromFile(path.join(tmp, 'nope.yaml')), `OperatorManifests.fromFile: cannot read ${JSON.stringify(path.join(tmp, 'nope.yaml'))} (ENOENT): download the release manifest once (e.g. kubevirt-operator.yaml from the KubeVirt release page) and pass its path`],
    ['broken YAML', () => OperatorManifests.fromFile(write('broken.yaml', 'kind: [\n')), `OperatorManifests.fromFile: ${JSON.stringify(path.join(tmp, 'broken.yaml'))} document 0: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1`],
    ['an object without a name', () => OperatorManifests.fromFile(write('noname.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {}\n')), `OperatorManifests.fromFile: ${JSON.stringify(path.join(tmp, 'noname.yaml'))}: object 0 is not a Kubernetes object (it needs apiVersion, kind and metadata.name)`],
    ['an empty file', () => OperatorManifests.fromFile(write('empty.yaml', '---\n')), `OperatorManifests.fromFile: ${JSON.stringify(path.join(tmp, 'empty.yaml'))}: no objects: pass the operator's release manifest`],
  ])('refuses %s through the construct given them, with its path', (_case, make, message) => {
    const manifests = make() as OperatorManifests;
    expect(() => synth((c) => new KubeVirt(c, 'kv', { operatorManifests: manifests }))).toThrow(new Error(`[test/kv] operatorManifests: ${message}`));
  });
});

describe('MigrationPolicy', () => {
  test('cluster-scoped, with selectors and tuning', () => {
    const objects = synth((c) => new MigrationPolicy(c, 'big-vms', {
      name: 'big-vms',
      selectors: { namespaceLabels: { tier: 'prod' }, instanceLabels: { size: 'large' } },
      bandwidthPerMigration: '1024Mi',
      allowAutoConverge: true,
      allowPostCopy: false,
      completionTimeoutPerGiB: Duration.seconds(600),
    }));
    expect(objects).toEqual([{
      apiVersion: 'migrations.kubevirt.io/v1alpha1',
      kind: 'MigrationPolicy',
      metadata: { name: 'big-vms' },
      spec: {
        selectors: { namespaceSelector: { tier: 'prod' }, virtualMachineInstanceSelector: { size: 'large' } },
        // As written back by KubeVirt's Go types: 1024Mi is stored as 1Gi.
        bandwidthPerMigration: '1Gi',
        completionTimeoutPerGiB: 600,
        allowAutoConverge: true,
        allowPostCopy: false,
      },
    }]);
  });

  test.each<[string, object, string]>([
    ['no selector', { selectors: {} }, 'selectors must select something: give namespaceLabels and/or instanceLabels (a policy for every VM is the cluster-wide migration configuration instead)'],
    ['a non-string label', { selectors: { instanceLabels: { large: true } } }, 'selectors.instanceLabels["large"] true must be a string: labels are strings, write "true"'],
    ['a bad name', { name: 'Big VMs', selectors: { instanceLabels: { a: 'b' } } }, 'name "Big VMs" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "big-vms")'],
    ['a zero completion timeout', { selectors: { instanceLabels: { a: 'b' } }, completionTimeoutPerGiB: 0 }, 'policy.completionTimeoutPerGiB of 0 seconds must be a whole number of seconds, at least 1'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => synth((c) => new MigrationPolicy(c, 'p', props as MigrationPolicyProps))).toThrow(new Error(`[test/p] ${message}`));
  });
});
