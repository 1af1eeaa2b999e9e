import { Chart, Size, Testing } from 'cdk8s';
import { HyperConverged, HyperConvergedApiVersion, HyperConvergedProps, V1_FEATURE_GATES } from '../../src/runtime/hyperconverged';
import { KubeVirt } from '../../src/runtime/kubevirt';
import { goDuration } from '../../src/runtime/workload-update';
import { findObject, synthValid } from '../helpers';

function hyperConvergedSpec(featureGates: Record<string, boolean>, apiVersion = HyperConvergedApiVersion.V1, props: HyperConvergedProps = {}): any {
  const chart = new Chart(Testing.app(), 'test');
  new HyperConverged(chart, 'hco', { ...props, apiVersion, featureGates });
  return findObject(synthValid(chart), 'HyperConverged').spec;
}

/*
 * hco.kubevirt.io/v1 is converted to the stored v1beta1 and back on every write and read
 * (HCO v1.18.1 api/v1beta1/zz_generated.featuregates_conversion.go, api/v1/featuregates/
 * feature_gates.go, phases in pkg/featuregatedetails/feature-gates.json). The expectations are
 * what that round trip returns for what we write.
 */
describe('HyperConverged v1 feature gates: the form the operator reads back', () => {
  test('the operator\'s order, not the user\'s; "state" only for Disabled', () => {
    const gates = { containerPathVolumes: true, videoConfig: false, downwardMetrics: true, decentralizedLiveMigration: false };
    expect(hyperConvergedSpec(gates).featureGates).toEqual([
      { name: 'downwardMetrics' },
      { name: 'decentralizedLiveMigration', state: 'Disabled' },
      { name: 'videoConfig', state: 'Disabled' },
      { name: 'containerPathVolumes' },
    ]);
  });

  test('gates set to their default are left out: alpha gates off, beta gates on', () => {
    expect(hyperConvergedSpec({ objectGraph: true, alignCPUs: false, videoConfig: true, decentralizedLiveMigration: true }).featureGates).toEqual([{ name: 'objectGraph' }]);
  });

  test('no featureGates at all when every gate has its default', () => {
    const storage = { vmStateStorageClass: 'ceph-rbd' };
    expect(hyperConvergedSpec({ downwardMetrics: false, videoConfig: true }, HyperConvergedApiVersion.V1, storage)).toEqual({ storage });
    expect(hyperConvergedSpec({}, HyperConvergedApiVersion.V1, storage)).toEqual({ storage });
  });

  test('every gate of HCO v1.18.1, enabled against its default, in the conversion\'s order', () => {
    const flipped = Object.fromEntries(V1_FEATURE_GATES.map((g) => [g.name, !g.enabledByDefault]));
    expect(hyperConvergedSpec(flipped).featureGates).toEqual([
      { name: 'downwardMetrics' }, { name: 'deployKubeSecondaryDNS' }, { name: 'disableMDevConfiguration' },
      { name: 'persistentReservation' }, { name: 'alignCPUs' }, { name: 'enableMultiArchBootImageImport' },
      { name: 'decentralizedLiveMigration', state: 'Disabled' }, { name: 'declarativeHotplugVolumes' },
      { name: 'videoConfig', state: 'Disabled' }, { name: 'objectGraph' }, { name: 'incrementalBackup' }, { name: 'containerPathVolumes' },
    ]);
  });

  const known = V1_FEATURE_GATES.map((g) => g.name).join(', ');
  test.each([
    ['an unknown gate', { template: true }, `feature gate "template" is not one of hco.kubevirt.io/v1's gates (${known}): check the name (the operator drops names it does not know)`],
    ['a deprecated gate', { nonRoot: true }, `feature gate "nonRoot" is deprecated: the operator ignores it and does not keep it in hco.kubevirt.io/v1 (GitOps would see it vanish); leave it out. Gates of v1: ${known}`],
  ])('refuses %s, naming the known gates', (_case, gates, message) => {
    expect(() => hyperConvergedSpec(gates)).toThrow(new Error(`[test/hco] ${message}`));
  });
});

describe('HyperConverged v1beta1 feature gates', () => {
  test('a map as given, default values and deprecated gates included (pointer fields, stored as written)', () => {
    expect(hyperConvergedSpec({ videoConfig: true, downwardMetrics: false, nonRoot: true }, HyperConvergedApiVersion.V1BETA1).featureGates)
      .toEqual({ videoConfig: true, downwardMetrics: false, nonRoot: true });
  });
});

describe('operator CRs: values in the form the operators write back', () => {
  test('bandwidthPerMigration as a canonical quantity, in the HyperConverged and the KubeVirt CR', () => {
    const chart = new Chart(Testing.app(), 'test');
    new HyperConverged(chart, 'hco', { liveMigration: { bandwidthPerMigration: '1024Mi' } });
    new KubeVirt(chart, 'kv', { migrations: { bandwidthPerMigration: Size.kibibytes(1953.125) } });
    const objects = synthValid(chart);
    expect(findObject(objects, 'HyperConverged').spec.liveMigrationConfig).toEqual({ bandwidthPerMigration: '1Gi' });
    expect(findObject(objects, 'KubeVirt').spec.configuration.migrations).toEqual({ bandwidthPerMigration: '2M' });
  });

  test('batchEvictionInterval in Go\'s duration format', () => {
    expect([1, 59, 60, 90, 120, 3600, 3661, 86400].map(goDuration)).toEqual(['1s', '59s', '1m0s', '1m30s', '2m0s', '1h0m0s', '1h1m1s', '24h0m0s']);
  });

  test('tolerations without empty key or value (Kubernetes drops them)', () => {
    const chart = new Chart(Testing.app(), 'test');
    new HyperConverged(chart, 'hco', { infra: { tolerations: [{ key: '', value: '' }] } });
    expect(findObject(synthValid(chart), 'HyperConverged').spec.infra.nodePlacement.tolerations).toEqual([{}]);
  });
});
