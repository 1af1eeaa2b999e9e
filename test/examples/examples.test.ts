import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { renderVmGraph } from '../../src/cli/vm-graph';
import { canonicalQuantity } from '../../src/common/quantity';
import { assertValidManifests } from '../../src/validation/validate-manifests';
import { validateObjects } from '../../src/validation/validate-objects';
import { additions, argoCdDiff, storedByCluster } from '../gitops/argo-cd/cluster-model';
import { findObject, secretData } from '../helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((name) => fs.existsSync(path.join(EXAMPLES, name, 'cdk8s.yaml'))).sort();

/** Syntheses and documents done by cdk8s in place of ours (proves the swap below took effect). */
let cdk8sWrites = 0;

/** Makes the examples' `VirtualizationApp` cdk8s' `App`, and our YAML writer cdk8s' `Yaml.stringify`. */
function useCdk8sAppAndWriter(): void {
  jest.doMock(require.resolve('../../src/synth/virtualization-app'), () => {
    const Cdk8sApp: typeof App = jest.requireActual('cdk8s').App;
    return {
      VirtualizationApp: class extends Cdk8sApp {
        public synth(): void {
          cdk8sWrites++;
          super.synth();
        }
      },
    };
  });
  jest.doMock(require.resolve('../../src/synth/yaml-writer'), () => {
    const { Yaml: cdk8sYaml } = jest.requireActual('cdk8s');
    return {
      stringifyYamlDocument: (doc: unknown) => (cdk8sWrites++, cdk8sYaml.stringify(doc)),
      stringifyYamlDocuments: (docs: unknown[]) => (cdk8sWrites++, cdk8sYaml.stringify(...docs)),
      writeYamlDocuments: (file: string, docs: unknown[]) => (cdk8sWrites++, cdk8sYaml.save(file, docs)),
    };
  });
}

/**
 * Runs examples/<name>/main.ts as `cdk8s synth` would (CDK8S_OUTDIR) and returns the files it wrote.
 * With `withCdk8s`, the program runs on cdk8s' App and YAML writer instead of ours.
 */
function synthExample(name: string, withCdk8s = false): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    // Load the program fresh each time, as `cdk8s synth` runs it in a new process.
    jest.isolateModules(() => {
      if (withCdk8s) useCdk8sAppAndWriter();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLES, name, 'main.ts'));
    });
  } finally {
    jest.dontMock(require.resolve('../../src/synth/virtualization-app'));
    jest.dontMock(require.resolve('../../src/synth/yaml-writer'));
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
  // Relative paths: a GitOpsApp writes folders.
  const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(outdir, f)).isFile()).sort();
  const out = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
  fs.rmSync(outdir, { recursive: true, force: true });
  return out;
}

/** The first synthesis of an example, shared by the tests that only read it. */
const firstSyntheses = new Map<string, Record<string, string>>();
function synthesized(name: string): Record<string, string> {
  if (!firstSyntheses.has(name)) firstSyntheses.set(name, synthExample(name));
  return firstSyntheses.get(name)!;
}

/** The Kubernetes objects of the output (kustomization.yaml files are not objects to apply). */
function objectsOf(files: Record<string, string>): any[] {
  return Object.entries(files)
    .filter(([file]) => path.basename(file) !== 'kustomization.yaml')
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()));
}

test('every example folder is covered', () => {
  expect(examples).toEqual([
    'basic-vm', 'fleet', 'gitops-openshift', 'golden-images', 'kubevirt-upstream', 'openshift-virtualization', 'pulumi-kubevirt', 'pulumi-openshift', 'rdqm-ha', 'secondary-networks',
    'vm-backup', 'vm-pool', 'vmware-migration', 'windows-server',
  ]);
});

describe.each(examples)('examples/%s', (name) => {
  const files = synthesized(name);

  test('writes YAML that passes the strict upstream schemas', () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
    expect(() => assertValidManifests(objectsOf(files))).not.toThrow();
  });

  test('is byte-identical when synthesized again', () => {
    expect(synthExample(name)).toEqual(files);
  });

  test('is what cdk8s App and Yaml.stringify write', () => {
    cdk8sWrites = 0;
    const reference = synthExample(name, true);
    expect(cdk8sWrites).toBeGreaterThan(0);
    expect(files).toEqual(reference);
  });

  test('matches the reviewed output', () => {
    expect(files).toMatchSnapshot();
  });
});

describe('examples/basic-vm', () => {
  const objects = objectsOf(synthesized('basic-vm'));

  test('a Fedora VM with 2 cores and 4 GiB from a container disk, on the pod network with masquerade', () => {
    const vm = findObject(objects, 'VirtualMachine', 'fedora');
    const spec = vm.spec.template.spec;
    expect(vm.metadata.namespace).toBe('vms');
    expect(spec.domain.cpu).toEqual({ cores: 2 });
    expect(spec.domain.memory).toEqual({ guest: '4Gi' });
    expect(spec.volumes[0]).toEqual({ name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } });
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {} }]);
  });

  test('cloud-init lives in a Secret, not in the VM', () => {
    const vm = findObject(objects, 'VirtualMachine', 'fedora');
    const secret = findObject(objects, 'Secret', 'fedora-cloud-init');
    expect(vm.spec.template.spec.volumes[1]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'fedora-cloud-init' } } });
    expect(secretData(secret).userdata).toMatch(/^#cloud-config\nuser: fedora\n/);
    expect(secretData(secret).userdata).toContain('ssh_authorized_keys:\n  - ssh-ed25519 ');
    expect(JSON.stringify(vm)).not.toContain('userData');
  });
});

describe('examples/rdqm-ha', () => {
  const files = synthesized('rdqm-ha');
  const objects = objectsOf({ a: files['rdqm-ha.k8s.yaml'] });
  const nodes = ['rdqm-1', 'rdqm-2', 'rdqm-3'];

  test('every node must live-migrate, and can: the validation engine finds nothing', () => {
    const report = validateObjects(objects);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.migration.map((m) => [m.name, m.mode, m.migratable])).toEqual(nodes.map((name) => [name, 'required', true]));
    for (const name of nodes) expect(findObject(objects, 'VirtualMachine', name).spec.template.spec.evictionStrategy).toBe('LiveMigrate');
  });

  test('the day-2 migration of rdqm-1 is a file of its own', () => {
    expect(objectsOf({ a: files['rdqm-ha-day2.k8s.yaml'] })).toEqual([{
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { name: 'rdqm-1-maintenance', namespace: 'mq' },
      spec: { vmiName: 'rdqm-1' },
    }]);
  });

  test('every disk is ReadWriteMany; the root disk is imported over http; the DRBD disk is prune-protected', () => {
    for (const name of nodes) {
      const vm = findObject(objects, 'VirtualMachine', name);
      const [template] = vm.spec.dataVolumeTemplates;
      expect(template.spec.source.http.url).toMatch(/^https:\/\/.+\.qcow2$/);
      expect(template.spec.storage.accessModes).toEqual(['ReadWriteMany']);
      const drbd = findObject(objects, 'DataVolume', `${name}-drbd`);
      expect(drbd.spec.storage.accessModes).toEqual(['ReadWriteMany']);
      expect(drbd.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
      expect(vm.spec.template.spec.volumes.map((v: any) => v.dataVolume?.name ?? v.name)).toEqual([`${name}-rootdisk`, `${name}-drbd`, 'cloudinitdisk']);
    }
  });

  test('the MQ listener is declared on the masquerade interface and exposed by a Service per node', () => {
    for (const name of nodes) {
      expect(findObject(objects, 'Service', name).spec).toEqual({
        type: 'ClusterIP',
        selector: { 'vm.kubevirt.io/name': name },
        ports: [{ name: 'mq-listener', port: 1414, protocol: 'TCP' }],
      });
    }
  });
});

describe('examples/rdqm-ha: the replication network', () => {
  const objects = objectsOf({ a: synthesized('rdqm-ha')['rdqm-ha.k8s.yaml'] });
  const nodes = ['rdqm-1', 'rdqm-2', 'rdqm-3'];

  /** The addresses each VM's generated network data configures on its replication interface. */
  function replicationAddress(name: string): string {
    const networkData = parse(secretData(findObject(objects, 'Secret', `${name}-cloud-init`)).networkdata);
    const [address] = networkData.ethernets.repl.addresses;
    return address;
  }

  test('three VMs with fixed replication IPs 192.168.4.1-3/24 on a bridge network without IPAM', () => {
    expect(nodes.map(replicationAddress)).toEqual(['192.168.4.1/24', '192.168.4.2/24', '192.168.4.3/24']);
    const nad = findObject(objects, 'NetworkAttachmentDefinition', 'rdqm-replication');
    expect(JSON.parse(nad.spec.config)).toEqual({ cniVersion: '0.3.1', name: 'rdqm-replication', type: 'bridge', bridge: 'br-repl', mtu: 9000 });
    for (const name of nodes) {
      const spec = findObject(objects, 'VirtualMachine', name).spec.template.spec;
      expect(spec.networks).toEqual([{ name: 'default', pod: {} }, { name: 'repl', multus: { networkName: 'rdqm-replication' } }]);
      expect(spec.domain.devices.interfaces.map((i: any) => Object.keys(i).sort())).toEqual([['macAddress', 'masquerade', 'name', 'ports'], ['bridge', 'macAddress', 'name']]);
    }
  });

  test('rdqm.ini names each node with the address its VM really gets', () => {
    const ini = findObject(objects, 'ConfigMap', 'rdqm-ini').data['rdqm.ini'];
    const stanzas = [...ini.matchAll(/Node:\n {2}Name=(\S+)\n {2}HA_Replication=(\S+)\n/g)].map((m: string[]) => [m[1], m[2]]);
    expect(stanzas).toEqual(nodes.map((name) => [name, replicationAddress(name).split('/')[0]]));
    for (const name of nodes) {
      const userData = parse(secretData(findObject(objects, 'Secret', `${name}-cloud-init`)).userdata);
      expect(userData.write_files).toEqual([{ path: '/var/mqm/rdqm.ini', permissions: '0644', content: ini }]);
    }
  });
});

describe('examples/secondary-networks', () => {
  const files = synthesized('secondary-networks');
  const plain = objectsOf({ a: files['secondary-networks.k8s.yaml'] });
  const openshift = objectsOf({ a: files['secondary-networks-openshift.k8s.yaml'] });

  test('two bridge networks with static IPAM 161.156.177.55/28 and .56/28, one VM on each', () => {
    const configs = plain.filter((o) => o.kind === 'NetworkAttachmentDefinition').map((o) => JSON.parse(o.spec.config));
    expect(configs.map((c) => [c.name, c.type, c.bridge, c.ipam])).toEqual([
      ['br1-static-55', 'bridge', 'br1', { type: 'static', addresses: [{ address: '161.156.177.55/28' }] }],
      ['br1-static-56', 'bridge', 'br1', { type: 'static', addresses: [{ address: '161.156.177.56/28' }] }],
    ]);
    expect(findObject(plain, 'VirtualMachine', 'fedora-55').spec.template.spec.networks[1]).toEqual({ name: 'br1', multus: { networkName: 'br1-static-55' } });
    expect(findObject(plain, 'VirtualMachine', 'fedora-56').spec.template.spec.networks[1]).toEqual({ name: 'br1', multus: { networkName: 'br1-static-56' } });
  });

  test('the OpenShift form carries the same CNI configs and the same VMs', () => {
    const network = findObject(openshift, 'Network', 'cluster');
    expect(network.metadata.namespace).toBeUndefined();
    expect(network.spec.additionalNetworks).toEqual(plain.filter((o) => o.kind === 'NetworkAttachmentDefinition').map((nad) => ({
      name: nad.metadata.name, namespace: 'vms', type: 'Raw', rawCNIConfig: nad.spec.config,
    })));
    expect(openshift.filter((o) => o.kind !== 'Network')).toEqual(plain.filter((o) => o.kind !== 'NetworkAttachmentDefinition'));
  });
});

describe('examples/openshift-virtualization', () => {
  const files = synthesized('openshift-virtualization');
  const objects = objectsOf(files);

  test('a GitOps layout: a folder per chart and phase, one file per object, kustomization files listing them', () => {
    expect(Object.keys(files)).toEqual([
      'kustomization.yaml',
      'openshift-virtualization/cluster/hyperconverged-kubevirt-hyperconverged.yaml',
      'openshift-virtualization/cluster/kustomization.yaml',
      'openshift-virtualization/cluster/migrationpolicy-large-databases.yaml',
      'openshift-virtualization/kustomization.yaml',
      'openshift-virtualization/networks-and-storage/kustomization.yaml',
      'openshift-virtualization/networks-and-storage/networkattachmentdefinition-migration-network.yaml',
      'openshift-virtualization/operators/kustomization.yaml',
      'openshift-virtualization/operators/namespace-openshift-cnv.yaml',
      'openshift-virtualization/operators/operatorgroup-kubevirt-hyperconverged-group.yaml',
      'openshift-virtualization/operators/subscription-hco-operatorhub.yaml',
    ]);
    expect(parse(files['kustomization.yaml']).resources).toEqual(['openshift-virtualization']);
    expect(parse(files['openshift-virtualization/kustomization.yaml']).resources).toEqual(['operators', 'cluster', 'networks-and-storage']);
    for (const phase of ['operators', 'cluster', 'networks-and-storage']) {
      const folder = `openshift-virtualization/${phase}/`;
      const listed = parse(files[`${folder}kustomization.yaml`]).resources.map((f: string) => folder + f).sort();
      expect(listed).toEqual(Object.keys(files).filter((f) => f.startsWith(folder) && !f.endsWith('kustomization.yaml')));
    }
  });

  test('emulation through the Subscription, and a tuned live-migration config on the declared migration network', () => {
    expect(findObject(objects, 'Subscription').spec.config).toEqual({ env: [{ name: 'KVM_EMULATION', value: 'true' }] });
    const hco = findObject(objects, 'HyperConverged');
    expect(hco.apiVersion).toBe('hco.kubevirt.io/v1beta1');
    expect(hco.metadata.annotations['kubevirt.kubevirt.io/jsonpatch']).toBeUndefined();
    expect(hco.spec.liveMigrationConfig).toEqual({
      allowAutoConverge: true,
      bandwidthPerMigration: '1Gi',
      completionTimeoutPerGiB: 300,
      network: 'migration-network',
      parallelMigrationsPerCluster: 10,
      parallelOutboundMigrationsPerNode: 2,
      progressTimeout: 300,
    });
    expect(findObject(objects, 'NetworkAttachmentDefinition', 'migration-network').metadata.namespace).toBe('openshift-cnv');
  });

  test('sync waves install the operator before the cluster CRs, and the network before what uses it', () => {
    const wave = (kind: string) => Number(findObject(objects, kind).metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(['Namespace', 'OperatorGroup', 'Subscription'].map(wave)).toEqual([0, 0, 0]);
    expect(['HyperConverged', 'MigrationPolicy'].map(wave)).toEqual([1, 1]);
    expect(wave('NetworkAttachmentDefinition')).toBe(2);
  });
});

describe('examples/fleet', () => {
  const files = synthesized('fleet');
  const clusterObjects = (cluster: string) => objectsOf(Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith(`clusters/${cluster}/`))));
  const replicationAddresses = (cluster: string) => ['rdqm-1', 'rdqm-2', 'rdqm-3'].map((vm) => {
    const secret = clusterObjects(cluster).find((o) => o.kind === 'Secret' && o.metadata.name === `${vm}-cloud-init`);
    return /10\.40\.0\.\d+/.exec(Buffer.from(secret.data.networkdata, 'base64').toString())?.[0];
  });

  test.each(['prod-east', 'prod-west', 'lab'])('cluster %s passes every rule on its own', (cluster) => {
    const report = validateObjects(clusterObjects(cluster));
    expect(report.errors).toEqual([]);
  });

  test('the DR pair shares the replication segment without sharing an address; the lab reuses them', () => {
    expect(replicationAddresses('prod-east')).toEqual(['10.40.0.11', '10.40.0.12', '10.40.0.13']);
    expect(replicationAddresses('prod-west')).toEqual(['10.40.0.21', '10.40.0.22', '10.40.0.23']);
    expect(replicationAddresses('lab')).toEqual(['10.40.0.11', '10.40.0.12', '10.40.0.13']);
  });

  test('OpenShift Virtualization on the pair, KubeVirt with emulation and CDI in the lab', () => {
    expect(clusterObjects('prod-east').some((o) => o.kind === 'HyperConverged')).toBe(true);
    const kubevirt = clusterObjects('lab').find((o) => o.kind === 'KubeVirt');
    expect(kubevirt.spec.configuration.developerConfiguration.useEmulation).toBe(true);
    expect(clusterObjects('lab').some((o) => o.kind === 'CDI')).toBe(true);
    expect(clusterObjects('lab').some((o) => o.kind === 'HyperConverged')).toBe(false);
  });

  test('an ApplicationSet creates each cluster\'s app-of-apps; Flux applies each cluster through its kubeconfig', () => {
    const appSet = parse(files['argocd/applicationset-virtualization-fleet.yaml']);
    expect(appSet.spec.generators[0].list.elements).toEqual([{ cluster: 'prod-east' }, { cluster: 'prod-west' }, { cluster: 'lab' }]);
    const labPhases = objectsOf(Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith('clusters/lab/flux/'))));
    expect(labPhases.map((k) => k.spec.kubeConfig.secretRef.name)).toEqual(['lab-kubeconfig', 'lab-kubeconfig', 'lab-kubeconfig', 'lab-kubeconfig']);
  });
});

describe('examples/golden-images', () => {
  const objects = objectsOf(synthesized('golden-images'));

  test('passes every rule: the clones, the crons and the hand-kept DataSource', () => {
    expect(validateObjects(objects).errors).toEqual([]);
  });

  test('every VM\'s root disk clones one of the golden images by sourceRef, across namespaces', () => {
    const sources = new Set(objects.filter((o) => o.kind === 'DataImportCron').map((o) => o.spec.managedDataSource)
      .concat(objects.filter((o) => o.kind === 'DataSource').map((o) => o.metadata.name)));
    const refs = objects.filter((o) => o.kind === 'VirtualMachine').map((vm) => vm.spec.dataVolumeTemplates[0].spec.sourceRef);
    expect(refs.map((r) => r.name)).toEqual(['fedora', 'fedora', 'centos-stream9', 'rhel9']);
    expect(refs.every((r) => r.kind === 'DataSource' && r.namespace === 'os-images' && sources.has(r.name))).toBe(true);
  });
});

describe('examples/gitops-openshift', () => {
  const files = synthesized('gitops-openshift');
  const read = (file: string) => parse(files[file]);
  const applications = ['operators', 'cluster', 'networks-and-storage', 'workloads'].map((phase) => read(`argocd/application-virtualization-${phase}.yaml`));

  test('the Applications order operators < runtime < networks and storage < VMs, each reading its phase folder', () => {
    expect(applications.map((a) => [a.metadata.name, a.metadata.annotations['argocd.argoproj.io/sync-wave'], a.spec.source.path])).toEqual([
      ['virtualization-operators', '0', 'dist/gitops-openshift/phases/operators'],
      ['virtualization-cluster', '1', 'dist/gitops-openshift/phases/cluster'],
      ['virtualization-networks-and-storage', '2', 'dist/gitops-openshift/phases/networks-and-storage'],
      ['virtualization-workloads', '3', 'dist/gitops-openshift/phases/workloads'],
    ]);
    expect(read('phases/cluster/kustomization.yaml').resources).toEqual(['../../runtime/cluster']);
    expect(read('runtime/cluster/kustomization.yaml').resources).toEqual(['hyperconverged-kubevirt-hyperconverged.yaml']);
  });

  test('every runtime object and VM has an Argo CD health check, and Flux waits for the same objects phase after phase', () => {
    const health = read('argocd/bootstrap/configmap-argocd-cm.yaml').data;
    const kinds = objectsOf(files).map((o) => `${o.apiVersion.split('/')[0]}_${o.kind}`);
    for (const kind of ['hco.kubevirt.io_HyperConverged', 'operators.coreos.com_Subscription', 'kubevirt.io_VirtualMachine']) {
      expect(kinds).toContain(kind);
      expect(health[`resource.customizations.health.${kind}`]).toMatch(/return hs/);
    }
    const flux = ['operators', 'cluster', 'networks-and-storage', 'workloads'].map((phase) => read(`flux/kustomization-virtualization-${phase}.yaml`));
    expect(flux.map((k) => k.spec.dependsOn?.[0]?.name)).toEqual([undefined, 'virtualization-operators', 'virtualization-cluster', 'virtualization-networks-and-storage']);
    expect(flux[1].spec.healthCheckExprs.map((e: any) => e.kind)).toEqual(['HyperConverged']);
  });

  test('no drift: each VM and runtime CR, as the cluster stores it, shows no difference through its Application\'s ignoreDifferences', () => {
    const byPhase = Object.fromEntries(applications.map((a) => [path.basename(a.spec.source.path), a.spec.ignoreDifferences ?? []]));
    const owned = Object.keys(files).filter((f) => /\/(virtualmachine|hyperconverged|datavolume)-/.test(f));
    expect(owned.length).toBe(3);
    for (const file of owned) {
      const object = read(file);
      const ignore = byPhase[path.basename(path.dirname(file))];
      const live = storedByCluster(object, canonicalQuantity);
      expect([file, argoCdDiff(object, live, ignore), additions(object, live, ignore)]).toEqual([file, [], []]);
    }
  });

  test('the apps Namespace is created first and kept, like the VMs that own their disks', () => {
    const namespace = read('apps/operators/namespace-apps.yaml');
    expect(namespace.metadata.namespace).toBeUndefined();
    const kept = 'Prune=false,Delete=false';
    expect(namespace.metadata.annotations['argocd.argoproj.io/sync-options']).toBe(kept);
    expect(read('apps/workloads/virtualmachine-web-1.yaml').metadata.annotations['argocd.argoproj.io/sync-options']).toBe(`${kept},SkipDryRunOnMissingResource=true`);
  });
});

describe('every example applies to an empty cluster: each namespaced object is in a namespace the example creates or an operator creates', () => {
  // Created by the operator installs the examples depend on (OLM, KubeVirt's release manifest), or always there.
  const external = new Set(['default', 'openshift-cnv', 'kubevirt', 'cdi', 'openshift-mtv', 'argocd', 'flux-system']);
  test.each(examples)('%s', (name) => {
    const objects = objectsOf(synthesized(name));
    const created = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
    const missing = [...new Set(objects.map((o) => o.metadata.namespace).filter((ns) => ns !== undefined && !created.has(ns) && !external.has(ns)))];
    expect(missing).toEqual([]);
  });
});

describe('examples/kubevirt-upstream', () => {
  const objects = objectsOf(synthesized('kubevirt-upstream'));

  test('the KubeVirt CR with emulation and the cluster-scoped CDI CR', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual(['KubeVirt/kubevirt/kubevirt', 'CDI//cdi']);
    expect(findObject(objects, 'KubeVirt').spec.configuration.developerConfiguration).toEqual({ useEmulation: true, featureGates: ['Snapshot', 'HotplugVolumes'] });
    expect(findObject(objects, 'CDI').spec.config.scratchSpaceStorageClass).toBe('local-path');
  });
});

describe('examples/vmware-migration', () => {
  const files = synthesized('vmware-migration');
  const objects = objectsOf({ a: files['vmware-migration.k8s.yaml'] });

  test('a warm plan for three vSphere VMs: RWX storage, the pod network and a Multus network, credentials only by Secret reference', () => {
    const plan = findObject(objects, 'Plan', 'web-tier');
    expect(plan.spec.vms).toEqual([{ name: 'web-1' }, { name: 'web-2' }, { name: 'db-1' }]);
    expect(plan.spec.type).toBe('warm');
    expect(findObject(objects, 'StorageMap').spec.map.map((m: any) => m.destination.accessMode)).toEqual(['ReadWriteMany', 'ReadWriteMany']);
    expect(findObject(objects, 'NetworkMap').spec.map.map((m: any) => m.destination.type)).toEqual(['pod', 'multus']);
    expect(findObject(objects, 'Provider').spec.secret).toEqual({ name: 'vcenter-credentials', namespace: 'openshift-mtv' });
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('a VMDK imported over http into a prune-protected RWX DataVolume; the migration starts from a file of its own', () => {
    const disk = findObject(objects, 'DataVolume', 'legacy-app-rootdisk');
    expect(disk.spec.source.http.url).toMatch(/\.vmdk$/);
    expect(disk.spec.storage.accessModes).toEqual(['ReadWriteMany']);
    expect(objectsOf({ a: files['vmware-migration-start.k8s.yaml'] }).map((o) => o.kind)).toEqual(['Migration']);
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  /** The fenced block right after a `<!-- marker -->` comment. */
  function blockAfter(marker: string): string {
    const match = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\n`).exec(readme);
    if (!match) throw new Error(`README.md has no block after <!-- ${marker} -->`);
    return match[1];
  }

  test('shows the basic-vm code as it is', () => {
    expect(blockAfter('example:basic-vm:code')).toBe(fs.readFileSync(path.join(EXAMPLES, 'basic-vm', 'main.ts'), 'utf8'));
  });

  test('shows the YAML basic-vm really synthesizes', () => {
    expect(blockAfter('example:basic-vm:yaml')).toBe(synthesized('basic-vm')['basic-vm.k8s.yaml']);
  });

  test('shows the graph `kubevirt-constructs graph` draws of the rdqm-ha output', () => {
    expect(blockAfter('example:rdqm-ha:graph')).toBe(renderVmGraph(objectsOf({ a: synthesized('rdqm-ha')['rdqm-ha.k8s.yaml'] })));
  });

  test('gives the two commands a newcomer runs', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test ');
  });
});
