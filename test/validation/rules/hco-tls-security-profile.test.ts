import { issuesOf } from './rule-fixtures';
import { hcoTlsSecurityProfile } from '../../../src/validation/rules/hco-tls-security-profile';

const hco = (apiVersion: string, spec: object): any => ({ apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec });
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const PREFIX = 'error hco-tls-security-profile HyperConverged kubevirt-hyperconverged';

describe('rule hco-tls-security-profile', () => {
  test('type Custom without its settings', () => {
    expect(issuesOf(hcoTlsSecurityProfile, [hco('hco.kubevirt.io/v1beta1', { tlsSecurityProfile: { type: 'Custom' } })])).toEqual([
      `${PREFIX} spec.tlsSecurityProfile.custom: ${HOLDER}: tlsSecurityProfile type "Custom" has no custom settings: the operator refuses it; add custom with minTLSVersion and ciphers, or use type "Intermediate"`,
    ]);
  });

  test('a TLS 1.2 profile without an HTTP/2 cipher, a TLS 1.3 one with ciphers, an unknown version', () => {
    const custom = (settings: object) => hco('hco.kubevirt.io/v1', { security: { tlsSecurityProfile: { type: 'Custom', custom: settings } } });
    expect(issuesOf(hcoTlsSecurityProfile, [
      custom({ minTLSVersion: 'VersionTLS12', ciphers: ['ECDHE-RSA-AES256-GCM-SHA384'] }),
      custom({ minTLSVersion: 'VersionTLS13', ciphers: ['TLS_AES_128_GCM_SHA256'] }),
      custom({ minTLSVersion: 'TLSv1.2', ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] }),
    ])).toEqual([
      `${PREFIX} spec.security.tlsSecurityProfile.custom.ciphers: ${HOLDER}: custom ciphers ["ECDHE-RSA-AES256-GCM-SHA384"] with minTLSVersion "VersionTLS12" lack an AES-128-GCM cipher, which HTTP/2 requires: the operator refuses the profile; add "ECDHE-RSA-AES128-GCM-SHA256" or "ECDHE-ECDSA-AES128-GCM-SHA256"`,
      `${PREFIX} spec.security.tlsSecurityProfile.custom.ciphers: ${HOLDER}: custom ciphers ["TLS_AES_128_GCM_SHA256"] with minTLSVersion "VersionTLS13": TLS 1.3 cipher suites are not configurable, so the operator refuses a list; leave ciphers out`,
      `${PREFIX} spec.security.tlsSecurityProfile.custom.minTLSVersion: ${HOLDER}: custom minTLSVersion "TLSv1.2" is not one of "VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13": the operator refuses it; set one of those`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    expect(issuesOf(hcoTlsSecurityProfile, [
      hco('hco.kubevirt.io/v1beta1', { tlsSecurityProfile: { type: 'Custom', custom: { minTLSVersion: 'VersionTLS12', ciphers: ['ECDHE-ECDSA-AES128-GCM-SHA256'] } } }),
      hco('hco.kubevirt.io/v1beta1', { tlsSecurityProfile: { type: 'Custom', custom: { minTLSVersion: 'VersionTLS13' } } }),
      hco('hco.kubevirt.io/v1', { security: { tlsSecurityProfile: { type: 'Intermediate', intermediate: {} } } }),
    ])).toEqual([]);
  });
});
