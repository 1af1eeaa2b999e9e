import { issuesOf } from './rule-fixtures';
import { hcoFeatureGates } from '../../../src/validation/rules/hco-feature-gates';

const hco = (apiVersion: string, featureGates: unknown): any => ({
  apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: { featureGates },
});
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const PREFIX = 'warning hco-feature-gates HyperConverged kubevirt-hyperconverged';

describe('rule hco-feature-gates', () => {
  test('v1beta1: a moved gate and an ignored one', () => {
    expect(issuesOf(hcoFeatureGates, [hco('hco.kubevirt.io/v1beta1', { downwardMetrics: true, deployVmConsoleProxy: true, nonRoot: false })])).toEqual([
      `${PREFIX} spec.featureGates.deployVmConsoleProxy: ${HOLDER}: feature gate "deployVmConsoleProxy" is deprecated and ignored: set spec.deployVmConsoleProxy instead`,
      `${PREFIX} spec.featureGates.nonRoot: ${HOLDER}: feature gate "nonRoot" is deprecated and ignored: leave it out`,
    ]);
  });

  test('v1: an unknown name and a deprecated gate', () => {
    expect(issuesOf(hcoFeatureGates, [hco('hco.kubevirt.io/v1', [{ name: 'downwardMetrics' }, { name: 'downwardMetric' }, { name: 'autoResourceLimits', state: 'Disabled' }])])).toEqual([
      `${PREFIX} spec.featureGates[1].name: ${HOLDER}: feature gate "downwardMetric" is not one of the operator's gates (downwardMetrics, deployKubeSecondaryDNS, disableMDevConfiguration, persistentReservation, alignCPUs, enableMultiArchBootImageImport, decentralizedLiveMigration, declarativeHotplugVolumes, videoConfig, objectGraph, incrementalBackup, containerPathVolumes): it is ignored; check the name`,
      `${PREFIX} spec.featureGates[2].name: ${HOLDER}: feature gate "autoResourceLimits" is deprecated and ignored: leave it out`,
    ]);
  });

  test('stays quiet on the near misses (current gates; v1beta1 deprecated gates left null)', () => {
    expect(issuesOf(hcoFeatureGates, [
      hco('hco.kubevirt.io/v1beta1', { downwardMetrics: true, alignCPUs: false, nonRoot: null, autoResourceLimits: true }),
      hco('hco.kubevirt.io/v1', [{ name: 'videoConfig', state: 'Disabled' }, { name: 'objectGraph' }]),
    ])).toEqual([]);
  });
});
