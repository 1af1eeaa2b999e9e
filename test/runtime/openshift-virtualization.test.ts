import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { TolerationOperator } from '../../src/compute/toleration';
import { CniPlugin } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import {
  HyperConverged, HyperConvergedApiVersion, HyperConvergedProps, JsonPatchOp, UninstallStrategy, V1BETA1_FEATURE_GATES,
} from '../../src/runtime/hyperconverged';
import {
  InstallPlanApproval, OpenShiftVirtualization, OpenShiftVirtualizationProps, OperatorPreset,
} from '../../src/runtime/openshift-virtualization';
import { EvictionStrategy, WorkloadUpdateMethod } from '../../src/runtime/workload-update';
import { validateManifests } from '../../src/validation/validate-manifests';
import { findObject, synthValid } from '../helpers';

function install(props: OpenShiftVirtualizationProps = {}, namespace?: string): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  new OpenShiftVirtualization(chart, 'cnv', props);
  return synthValid(chart);
}

/** The HyperConverged of `props`; a function gets the chart first, to declare what the props name (a migration network of the same App). */
function hyperConverged(props: HyperConvergedProps | ((chart: Chart) => HyperConvergedProps), extra?: (chart: Chart) => void): any {
  const chart = new Chart(Testing.app(), 'test');
  extra?.(chart);
  new HyperConverged(chart, 'hco', typeof props === 'function' ? props(chart) : props);
  return findObject(synthValid(chart), 'HyperConverged');
}

describe('OpenShiftVirtualization', () => {
  test('installs through OLM: Namespace with cluster monitoring, OperatorGroup, Subscription, HyperConverged', () => {
    expect(install({}, 'vms')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-cnv', labels: { 'openshift.io/cluster-monitoring': 'true' } } },
      {
        apiVersion: 'operators.coreos.com/v1',
        kind: 'OperatorGroup',
        metadata: { name: 'kubevirt-hyperconverged-group', namespace: 'openshift-cnv' },
        spec: { targetNamespaces: ['openshift-cnv'] },
      },
      {
        apiVersion: 'operators.coreos.com/v1alpha1',
        kind: 'Subscription',
        metadata: { name: 'hco-operatorhub', namespace: 'openshift-cnv' },
        spec: { name: 'kubevirt-hyperconverged', channel: 'stable', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace', installPlanApproval: 'Automatic' },
      },
      { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' } },
    ]);
  });

  test('the OKD preset uses the community catalog and namespace', () => {
    const objects = install({ preset: OperatorPreset.OKD });
    expect(findObject(objects, 'Namespace').metadata.name).toBe('kubevirt-hyperconverged');
    expect(findObject(objects, 'Subscription')).toMatchObject({
      metadata: { namespace: 'kubevirt-hyperconverged' },
      spec: { name: 'community-kubevirt-hyperconverged', source: 'community-operators', sourceNamespace: 'openshift-marketplace', channel: 'stable' },
    });
    expect(findObject(objects, 'HyperConverged').metadata.namespace).toBe('kubevirt-hyperconverged');
  });

  test('everything is overridable, including startingCSV and manual approval', () => {
    const objects = install({
      namespace: 'virt',
      operatorGroupName: 'virt-group',
      subscription: { name: 'hco', package: 'kubevirt-hyperconverged', channel: 'candidate', source: 'mirror-operators', sourceNamespace: 'mirror', startingCSV: 'kubevirt-hyperconverged-operator.v4.18.3', installPlanApproval: InstallPlanApproval.MANUAL },
    });
    expect(findObject(objects, 'OperatorGroup').metadata).toEqual({ name: 'virt-group', namespace: 'virt' });
    expect(findObject(objects, 'Subscription')).toMatchObject({
      metadata: { name: 'hco', namespace: 'virt' },
      spec: { channel: 'candidate', source: 'mirror-operators', sourceNamespace: 'mirror', startingCSV: 'kubevirt-hyperconverged-operator.v4.18.3', installPlanApproval: 'Manual' },
    });
  });

  test('emulation with a managed operator: KVM_EMULATION on the Subscription, no JSON patch', () => {
    const objects = install({ emulation: true });
    expect(findObject(objects, 'Subscription').spec.config).toEqual({ env: [{ name: 'KVM_EMULATION', value: 'true' }] });
    expect(findObject(objects, 'HyperConverged').metadata.annotations).toBeUndefined();
  });

  test('emulation when the operator is managed elsewhere: the JSON patch, and only the HyperConverged CR', () => {
    const objects = install({ manageOperator: false, emulation: true });
    expect(objects.map((o) => o.kind)).toEqual(['HyperConverged']);
    const patch = JSON.parse(objects[0].metadata.annotations['kubevirt.kubevirt.io/jsonpatch']);
    expect(patch).toEqual([{ op: 'add', path: '/spec/configuration/developerConfiguration/useEmulation', value: true }]);
  });

  test.each<[string, OpenShiftVirtualizationProps, string]>([
    ['an unknown preset', { preset: 'rhel' as OperatorPreset }, 'preset "rhel" is not one of "openshift", "okd"'],
    ['a bad namespace', { namespace: 'OpenShift-CNV' }, 'namespace "OpenShift-CNV" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "openshift-cnv")'],
    ['subscription options without a managed operator', { manageOperator: false, subscription: { channel: 'stable' } }, 'subscription and operatorGroupName configure the operator install, but manageOperator is false: drop them, or let this construct install the operator'],
    ['a bad channel', { subscription: { channel: 'stable 4.18' } }, 'subscription.channel "stable 4.18" is not a channel name: use e.g. "stable" or "candidate"'],
    ['a bad startingCSV', { subscription: { startingCSV: 'v4.18.3 ' } }, 'subscription.startingCSV "v4.18.3 " is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "v4-18-3")'],
    ['an unknown approval', { subscription: { installPlanApproval: 'Auto' as InstallPlanApproval } }, 'subscription.installPlanApproval "Auto" is not one of "Automatic", "Manual"'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => install(props)).toThrow(new Error(`[test/cnv] ${message}`));
  });
});

describe('HyperConverged', () => {
  const migrationNetwork = (chart: Chart) => new NetworkAttachmentDefinition(chart, 'mig', { metadata: { name: 'migration-net', namespace: 'openshift-cnv' }, cni: CniPlugin.macvlan({ master: 'ens5' }) });
  const tuned = (apiVersion: HyperConvergedApiVersion, network: NetworkAttachmentDefinition): HyperConvergedProps => ({
    apiVersion,
    liveMigration: {
      parallelMigrationsPerCluster: 10,
      parallelOutboundMigrationsPerNode: 2,
      bandwidthPerMigration: Size.mebibytes(512),
      completionTimeoutPerGiB: Duration.seconds(800),
      progressTimeout: 300,
      network,
      allowAutoConverge: true,
      allowPostCopy: false,
    },
    featureGates: { downwardMetrics: true, deployKubeSecondaryDNS: false },
    workloadUpdateStrategy: {
      methods: [WorkloadUpdateMethod.LIVE_MIGRATE, WorkloadUpdateMethod.EVICT],
      batchEvictionSize: 5,
      batchEvictionInterval: Duration.minutes(2),
    },
    infra: { nodeSelector: { 'node-role.kubernetes.io/infra': '' }, tolerations: [{ key: 'infra', operator: TolerationOperator.EXISTS }] },
    workloads: { nodeSelector: { 'cpu-virt': 'true' } },
    vmStateStorageClass: 'ocs-storagecluster-ceph-rbd',
    scratchSpaceStorageClass: 'local-ssd',
    cpuAllocationRatio: 4,
    memoryOvercommitPercentage: 150,
    evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
    uninstallStrategy: UninstallStrategy.REMOVE_WORKLOADS,
  });
  const liveMigrationConfig = {
    parallelMigrationsPerCluster: 10,
    parallelOutboundMigrationsPerNode: 2,
    bandwidthPerMigration: '512Mi',
    completionTimeoutPerGiB: 800,
    progressTimeout: 300,
    network: 'migration-net',
    allowAutoConverge: true,
    allowPostCopy: false,
  };

  test('v1beta1: the flat layout', () => {
    const hc = hyperConverged({} as HyperConvergedProps, (chart) => { migrationNetwork(chart); });
    expect(hc.apiVersion).toBe('hco.kubevirt.io/v1beta1');
    const tunedHc = hyperConverged((chart) => tuned(HyperConvergedApiVersion.V1BETA1, migrationNetwork(chart)));
    expect(tunedHc).toEqual({
      apiVersion: 'hco.kubevirt.io/v1beta1',
      kind: 'HyperConverged',
      metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
      spec: {
        featureGates: { downwardMetrics: true, deployKubeSecondaryDNS: false },
        liveMigrationConfig,
        // Go's duration format, as the operator writes the CR back (120s would come back as 2m0s).
        workloadUpdateStrategy: { workloadUpdateMethods: ['LiveMigrate', 'Evict'], batchEvictionSize: 5, batchEvictionInterval: '2m0s' },
        infra: { nodePlacement: { nodeSelector: { 'node-role.kubernetes.io/infra': '' }, tolerations: [{ key: 'infra', operator: 'Exists' }] } },
        workloads: { nodePlacement: { nodeSelector: { 'cpu-virt': 'true' } } },
        vmStateStorageClass: 'ocs-storagecluster-ceph-rbd',
        scratchSpaceStorageClass: 'local-ssd',
        resourceRequirements: { vmiCPUAllocationRatio: 4 },
        higherWorkloadDensity: { memoryOvercommitPercentage: 150 },
        evictionStrategy: 'LiveMigrate',
        uninstallStrategy: 'RemoveWorkloads',
      },
    });
  });

  test('v1: the grouped layout, feature gates as a list', () => {
    const featureGates = { videoConfig: false, downwardMetrics: true, deployKubeSecondaryDNS: false };
    expect(hyperConverged((chart) => ({ ...tuned(HyperConvergedApiVersion.V1, migrationNetwork(chart)), featureGates }))).toEqual({
      apiVersion: 'hco.kubevirt.io/v1',
      kind: 'HyperConverged',
      metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
      spec: {
        // The operator's canonical form: its order, default-valued gates left out, state only when Disabled.
        featureGates: [{ name: 'downwardMetrics' }, { name: 'videoConfig', state: 'Disabled' }],
        deployment: {
          nodePlacements: {
            infra: { nodeSelector: { 'node-role.kubernetes.io/infra': '' }, tolerations: [{ key: 'infra', operator: 'Exists' }] },
            workload: { nodeSelector: { 'cpu-virt': 'true' } },
          },
          uninstallStrategy: 'RemoveWorkloads',
        },
        storage: { vmStateStorageClass: 'ocs-storagecluster-ceph-rbd', scratchSpaceStorageClass: 'local-ssd' },
        virtualization: {
          liveMigrationConfig,
          workloadUpdateStrategy: { workloadUpdateMethods: ['LiveMigrate', 'Evict'], batchEvictionSize: 5, batchEvictionInterval: '2m0s' },
          vmiCPUAllocationRatio: 4,
          higherWorkloadDensity: { memoryOvercommitPercentage: 150 },
          evictionStrategy: 'LiveMigrate',
        },
      },
    });
  });

  test('each layout is checked against its own version of the CRD schema', () => {
    const v1Layout = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: { virtualization: { vmiCPUAllocationRatio: 4 } } };
    expect(validateManifests([v1Layout]).issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['spec.virtualization: unknown field (not in the schema: misspelled or misplaced?)']);
    expect(validateManifests([{ ...v1Layout, apiVersion: 'hco.kubevirt.io/v1' }]).valid).toBe(true);
  });

  test('the emulation patch adds the member and comes before the user\'s patches, as valid JSON', () => {
    const hc = hyperConverged({
      emulation: true,
      kubevirtJsonPatches: [
        { op: JsonPatchOp.ADD, path: '/spec/configuration/developerConfiguration/featureGates/-', value: 'Sidecar' },
        { op: JsonPatchOp.REMOVE, path: '/spec/configuration/machineType' },
        { op: JsonPatchOp.COPY, from: '/spec/configuration/a', path: '/spec/configuration/b' },
      ],
    });
    expect(JSON.parse(hc.metadata.annotations['kubevirt.kubevirt.io/jsonpatch'])).toEqual([
      { op: 'add', path: '/spec/configuration/developerConfiguration/useEmulation', value: true },
      { op: 'add', path: '/spec/configuration/developerConfiguration/featureGates/-', value: 'Sidecar' },
      { op: 'remove', path: '/spec/configuration/machineType' },
      { op: 'copy', path: '/spec/configuration/b', from: '/spec/configuration/a' },
    ]);
  });

  test('the v1beta1 gate list is the CRD\'s', () => {
    const crd = parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'crds', 'hco-repo_hco00.crd.yaml'), 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
    const v1beta1 = crd.spec.versions.find((v: any) => v.name === 'v1beta1');
    const gates = v1beta1.schema.openAPIV3Schema.properties.spec.properties.featureGates.properties;
    expect([...V1BETA1_FEATURE_GATES].sort()).toEqual(Object.keys(gates).sort());
  });

  test.each<[string, HyperConvergedProps, string]>([
    ['another name', { name: 'hyperconverged' }, 'name "hyperconverged" is not accepted: the operator reconciles only a HyperConverged named "kubevirt-hyperconverged"; leave name out'],
    ['an unknown API version', { apiVersion: 'hco.kubevirt.io/v2' as HyperConvergedApiVersion }, 'apiVersion "hco.kubevirt.io/v2" is not one of "hco.kubevirt.io/v1beta1", "hco.kubevirt.io/v1"'],
    ['a feature gate in the wrong format', { featureGates: { 'Downward-Metrics': true } }, 'feature gate "Downward-Metrics" is not a feature gate name: the operator\'s gates are lowerCamelCase, e.g. "downwardMetrics"'],
    ['a feature gate v1beta1 does not know', { featureGates: { template: true } }, `feature gate "template" is not one of hco.kubevirt.io/v1beta1's gates (${V1BETA1_FEATURE_GATES.join(', ')}): check the name`],
    ['a feature gate that is not a boolean', { featureGates: { downwardMetrics: 'yes' as unknown as boolean } }, 'feature gate "downwardMetrics": "yes" must be true (on) or false (off)'],
    ['a negative completion timeout', { liveMigration: { completionTimeoutPerGiB: -20 } }, 'liveMigration.completionTimeoutPerGiB of -20 seconds must be a whole number of seconds, at least 1'],
    ['a negative progress timeout', { liveMigration: { progressTimeout: -1 } }, 'liveMigration.progressTimeout of -1 seconds must be a whole number of seconds, at least 1'],
    ['a fractional progress timeout', { liveMigration: { progressTimeout: Duration.millis(1500) } }, 'liveMigration.progressTimeout of 1.5 seconds must be a whole number of seconds, at least 1'],
    ['zero parallel migrations', { liveMigration: { parallelMigrationsPerCluster: 0 } }, 'liveMigration.parallelMigrationsPerCluster 0 must be a whole number of at least 1'],
    ['a bad bandwidth', { liveMigration: { bandwidthPerMigration: '1Gbps' } }, 'liveMigration.bandwidthPerMigration "1Gbps" is not a Kubernetes quantity: write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['a migration network by bare name', { liveMigration: { network: 'migration-net' as never } }, 'liveMigration.network "migration-net" is a bare name: declare the network (new NetworkAttachmentDefinition(...)) and pass it, or reference one that exists with NetworkAttachmentDefinition.fromName("migration-net", "openshift-cnv")'],
    ['a migration network in another namespace', { liveMigration: { network: NetworkAttachmentDefinition.fromName('migration-net', 'vms') } }, 'liveMigration.network "migration-net" is declared in namespace "vms", but the operator looks for it in "openshift-cnv": declare the migration network in "openshift-cnv"'],
    ['an unknown update method', { workloadUpdateStrategy: { methods: ['Restart' as WorkloadUpdateMethod] } }, 'workloadUpdateStrategy.methods: "Restart" is not one of "LiveMigrate", "Evict"'],
    ['a zero batch size', { workloadUpdateStrategy: { batchEvictionSize: 0 } }, 'workloadUpdateStrategy.batchEvictionSize 0 must be a whole number of at least 1'],
    ['a negative batch interval', { workloadUpdateStrategy: { batchEvictionInterval: -60 } }, 'workloadUpdateStrategy.batchEvictionInterval of -60 seconds must be a whole number of seconds, at least 1'],
    ['a bad storage class', { vmStateStorageClass: 'Ceph RBD' }, 'vmStateStorageClass "Ceph RBD" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "ceph-rbd")'],
    ['a zero CPU ratio', { cpuAllocationRatio: 0 }, 'cpuAllocationRatio 0 must be a whole number of at least 1 (10 means a vCPU requests 100m of a host CPU)'],
    ['a tiny overcommit', { memoryOvercommitPercentage: 5 }, 'memoryOvercommitPercentage 5 must be a whole number of at least 10 (100 means no overcommit)'],
    ['an unknown eviction strategy', { evictionStrategy: 'Migrate' as EvictionStrategy }, 'evictionStrategy "Migrate" is not one of "None", "LiveMigrate", "LiveMigrateIfPossible", "External"'],
    ['an unknown uninstall strategy', { uninstallStrategy: 'Force' as UninstallStrategy }, 'uninstallStrategy "Force" is not one of "BlockUninstallIfWorkloadsExist", "RemoveWorkloads"'],
    ['a contradictory toleration', { infra: { tolerations: [{ key: 'infra', operator: TolerationOperator.EXISTS, value: 'x' }] } }, 'infra: toleration for key "infra": operator Exists matches any value, so value "x" must be left out (or use TolerationOperator.EQUAL)'],
    ['a non-string node label', { workloads: { nodeSelector: { gpu: true as unknown as string } } }, 'workloads.nodeSelector["gpu"] true must be a string: node labels are strings, write "true"'],
    ['a patch with an unknown op', { kubevirtJsonPatches: [{ op: 'set' as JsonPatchOp, path: '/spec' }] }, 'kubevirtJsonPatches[0].op "set" is not one of "add", "remove", "replace", "test", "copy", "move"'],
    ['a patch with a relative path', { kubevirtJsonPatches: [{ op: JsonPatchOp.REMOVE, path: 'spec/configuration' }] }, 'kubevirtJsonPatches[0].path "spec/configuration" is not a JSON pointer: write it from the CR\'s root, e.g. "/spec/configuration/developerConfiguration/featureGates/-"'],
    ['an add without a value', { kubevirtJsonPatches: [{ op: JsonPatchOp.ADD, path: '/spec/x' }] }, 'kubevirtJsonPatches[0]: op "add" needs a value'],
    ['a move without from', { kubevirtJsonPatches: [{ op: JsonPatchOp.MOVE, path: '/spec/x' }] }, 'kubevirtJsonPatches[0]: op "move" needs from'],
  ])('refuses %s', (_case, props, message) => {
    expect(() => hyperConverged(props)).toThrow(new Error(`[test/hco] ${message}`));
  });

  test('is written even in a chart with another namespace, and in its own namespace', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'cluster', { namespace: 'vms' });
    new HyperConverged(chart, 'hco', { namespace: 'kubevirt-hyperconverged' });
    expect(findObject(synthValid(chart), 'HyperConverged').metadata.namespace).toBe('kubevirt-hyperconverged');
  });
});
