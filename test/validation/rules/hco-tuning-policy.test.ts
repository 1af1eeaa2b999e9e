import { issuesOf } from './rule-fixtures';
import { hcoTuningPolicy } from '../../../src/validation/rules/hco-tuning-policy';

const hco = (apiVersion: string, spec: object, annotations?: Record<string, string>): any => ({
  apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', annotations }, spec,
});
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const ANNOTATION = 'hco.kubevirt.io/tuningPolicy';

describe('rule hco-tuning-policy', () => {
  test('tuningPolicy annotation without the annotation, or with a zero burst', () => {
    expect(issuesOf(hcoTuningPolicy, [
      hco('hco.kubevirt.io/v1beta1', { tuningPolicy: 'annotation' }),
      hco('hco.kubevirt.io/v1', { virtualization: { tuningPolicy: 'annotation' } }, { [ANNOTATION]: '{"qps": 100, "burst": 0}' }),
    ])).toEqual([
      `error hco-tuning-policy HyperConverged kubevirt-hyperconverged spec.tuningPolicy: ${HOLDER}: tuningPolicy "annotation" needs the ${ANNOTATION} annotation with the rates, e.g. '{"qps": 100, "burst": 200}'; add it, or leave tuningPolicy out; the operator refuses the HyperConverged otherwise`,
      `error hco-tuning-policy HyperConverged kubevirt-hyperconverged metadata.annotations["${ANNOTATION}"]: ${HOLDER}: the ${ANNOTATION} annotation has burst 0, not a number above 0: write e.g. '{"qps": 100, "burst": 200}'; the operator refuses the HyperConverged otherwise`,
    ]);
  });

  test('highBurst with the annotation cannot be reconciled, and highBurst alone is a warning', () => {
    expect(issuesOf(hcoTuningPolicy, [hco('hco.kubevirt.io/v1beta1', { tuningPolicy: 'highBurst' }, { [ANNOTATION]: '{"qps": 100, "burst": 200}' })])).toEqual([
      `error hco-tuning-policy HyperConverged kubevirt-hyperconverged metadata.annotations["${ANNOTATION}"]: ${HOLDER}: tuningPolicy "highBurst" sets its own rates, and the ${ANNOTATION} annotation is present too: the operator admits the pair with a warning but cannot build the KubeVirt CR from it, so nothing is reconciled; remove the annotation, or use tuningPolicy "annotation"`,
      `warning hco-tuning-policy HyperConverged kubevirt-hyperconverged spec.tuningPolicy: ${HOLDER}: tuningPolicy "highBurst" is deprecated since operator 1.16 and will be removed: leave tuningPolicy out, or use "annotation" with the ${ANNOTATION} annotation`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    expect(issuesOf(hcoTuningPolicy, [
      hco('hco.kubevirt.io/v1beta1', { tuningPolicy: 'annotation' }, { [ANNOTATION]: '{"qps": 100, "burst": 200}' }),
      hco('hco.kubevirt.io/v1', { virtualization: {} }, { [ANNOTATION]: 'unused without the policy' }),
    ])).toEqual([]);
  });
});
