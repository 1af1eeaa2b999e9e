import { issuesOf } from './rule-fixtures';
import { hcoCertConfig } from '../../../src/validation/rules/hco-cert-config';

const hco = (apiVersion: string, spec: object): any => ({ apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec });
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';

describe('rule hco-cert-config', () => {
  test('a server certificate that outlives its CA (the other durations default)', () => {
    expect(issuesOf(hcoCertConfig, [hco('hco.kubevirt.io/v1beta1', { certConfig: { ca: { duration: '20h', renewBefore: '10h' } } })])).toEqual([
      `error hco-cert-config HyperConverged kubevirt-hyperconverged spec.certConfig.ca.duration: ${HOLDER}: certConfig ca.duration "20h" is shorter than server.duration "24h0m0s": the operator refuses server certificates that outlive their CA; make ca.duration at least server.duration`,
    ]);
  });

  test('too short, renewed before issued, and unreadable durations, at the v1 paths', () => {
    expect(issuesOf(hcoCertConfig, [hco('hco.kubevirt.io/v1', { security: { certConfig: { ca: { duration: '48h', renewBefore: '5m' }, server: { duration: '1h', renewBefore: '2h' } } } })])).toEqual([
      `error hco-cert-config HyperConverged kubevirt-hyperconverged spec.security.certConfig.ca.renewBefore: ${HOLDER}: certConfig ca.renewBefore "5m" is shorter than 10 minutes: the operator refuses certificates rotated that often; set at least "10m" (default 24h0m0s)`,
      `error hco-cert-config HyperConverged kubevirt-hyperconverged spec.security.certConfig.server: ${HOLDER}: certConfig server.duration "1h" is shorter than its renewBefore "2h": the operator refuses a certificate renewed before it is issued; make duration longer than renewBefore (the defaults are 24h0m0s and 12h0m0s)`,
    ]);
    expect(issuesOf(hcoCertConfig, [hco('hco.kubevirt.io/v1beta1', { certConfig: { server: { duration: '1 day' } } })])).toEqual([
      `error hco-cert-config HyperConverged kubevirt-hyperconverged spec.certConfig.server.duration: ${HOLDER}: certConfig server.duration "1 day" is not a duration: the operator cannot read it and refuses the object; write it as Go does, e.g. "24h" or "90m"`,
    ]);
  });

  test('stays quiet on the near misses (exactly 10 minutes, equal durations, the defaults)', () => {
    expect(issuesOf(hcoCertConfig, [
      hco('hco.kubevirt.io/v1beta1', { certConfig: { ca: { duration: '10m', renewBefore: '10m' }, server: { duration: '10m0s', renewBefore: '600s' } } }),
      hco('hco.kubevirt.io/v1', { security: { certConfig: { ca: { duration: '1h30m', renewBefore: '1h' }, server: { duration: '1.5h', renewBefore: '0.5h' } } } }),
      hco('hco.kubevirt.io/v1beta1', {}),
    ])).toEqual([]);
  });
});
