import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { hcoHolder, hyperConvergedViews } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

const TLS_VERSIONS = ['VersionTLS10', 'VersionTLS11', 'VersionTLS12', 'VersionTLS13'];
// HTTP/2 needs one of these; the operator's servers speak HTTP/2 below TLS 1.3.
const HTTP2_CIPHERS = ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256'];

/** What is wrong with a custom TLS profile, or undefined. */
function customProfileProblem(custom: any): { field: string; problem: string } | undefined {
  const min = custom.minTLSVersion;
  const ciphers: unknown[] = listOf(custom.ciphers);
  if (!TLS_VERSIONS.includes(min)) {
    return { field: 'minTLSVersion', problem: `custom minTLSVersion ${show(min)} is not one of ${TLS_VERSIONS.map((v) => show(v)).join(', ')}: the operator refuses it; set one of those` };
  }
  if (min !== 'VersionTLS13' && !ciphers.some((c) => HTTP2_CIPHERS.includes(c as string))) {
    return { field: 'ciphers', problem: `custom ciphers ${show(ciphers)} with minTLSVersion ${show(min)} lack an AES-128-GCM cipher, which HTTP/2 requires: the operator refuses the profile; add "ECDHE-RSA-AES128-GCM-SHA256" or "ECDHE-ECDSA-AES128-GCM-SHA256"` };
  }
  if (min === 'VersionTLS13' && ciphers.length > 0) {
    return { field: 'ciphers', problem: `custom ciphers ${show(ciphers)} with minTLSVersion "VersionTLS13": TLS 1.3 cipher suites are not configurable, so the operator refuses a list; leave ciphers out` };
  }
  return undefined;
}

/** A HyperConverged's TLS security profile: a Custom type comes with its settings, and they make a working HTTP/2 server. */
export const hcoTlsSecurityProfile: Rule = {
  id: 'hco-tls-security-profile',
  order: 1110,
  summary: 'HyperConverged `tlsSecurityProfile`: type `Custom` needs `custom`; a custom profile has a known `minTLSVersion`, an HTTP/2 cipher below TLS 1.3 and no ciphers at TLS 1.3',
  // Upstream: validateTLSSecurityProfiles (v1beta1 and v1 create paths).
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/pkg/webhooks/validator/v1beta1_validator.go#L416-L441',
  source: RuleSource.HCO,
  check(context) {
    for (const { index, object, spec, v1 } of hyperConvergedViews(context)) {
      const profile = v1 ? spec.security?.tlsSecurityProfile : spec.tlsSecurityProfile;
      if (typeof profile !== 'object' || profile === null) continue;
      const base = v1 ? 'spec.security.tlsSecurityProfile' : 'spec.tlsSecurityProfile';
      const holder = hcoHolder(object);
      if (typeof profile.custom !== 'object' || profile.custom === null) {
        if (profile.type === 'Custom') {
          context.error(index, `${base}.custom`, `${holder}: tlsSecurityProfile type "Custom" has no custom settings: the operator refuses it; add custom with minTLSVersion and ciphers, or use type "Intermediate"`);
        }
        continue;
      }
      const found = customProfileProblem(profile.custom);
      if (found) context.error(index, `${base}.custom.${found.field}`, `${holder}: ${found.problem}`);
    }
  },
};
