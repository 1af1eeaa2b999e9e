import { show } from '../../common/errors';
import { hcoHolder, hyperConvergedViews } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

const MINUTE = 60_000;
const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE };

/** Milliseconds of a Go duration ("48h0m0s", "90m", "1.5h"), or undefined when Go cannot parse it. */
function goDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  if (!/^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, number, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(number) * GO_UNITS[unit];
  return sign * total;
}

// The CRD fills each missing duration with these before the webhook sees the object.
const DEFAULTS: Record<string, string> = { 'ca.duration': '48h0m0s', 'ca.renewBefore': '24h0m0s', 'server.duration': '24h0m0s', 'server.renewBefore': '12h0m0s' };

/**
 * Certificate durations of a HyperConverged: each at least 10 minutes, renewed before it ends,
 * and the CA living at least as long as the server certificates it signs.
 */
export const hcoCertConfig: Rule = {
  id: 'hco-cert-config',
  order: 1100,
  summary: 'HyperConverged `certConfig`: every duration and renewBefore at least 10m, each duration at least its renewBefore, and the CA\'s duration at least the server\'s',
  // Upstream: validateCertConfig (v1beta1 and v1 create paths).
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/pkg/webhooks/validator/v1beta1_validator.go#L367-L395',
  source: RuleSource.HCO,
  check(context) {
    for (const { index, object, spec, v1 } of hyperConvergedViews(context)) {
      const config = (v1 ? spec.security?.certConfig : spec.certConfig) ?? {};
      const base = v1 ? 'spec.security.certConfig' : 'spec.certConfig';
      const holder = hcoHolder(object);
      const ms: Record<string, number | undefined> = {};
      for (const key of Object.keys(DEFAULTS)) {
        const [part, field] = key.split('.');
        const given = config[part]?.[field];
        const text = typeof given === 'string' ? given : DEFAULTS[key];
        ms[key] = goDurationMs(text);
        if (ms[key] === undefined) {
          context.error(index, `${base}.${key}`, `${holder}: certConfig ${key} ${show(given)} is not a duration: the operator cannot read it and refuses the object; write it as Go does, e.g. "24h" or "90m"`);
        } else if (ms[key]! < 10 * MINUTE) {
          context.error(index, `${base}.${key}`, `${holder}: certConfig ${key} ${show(text)} is shorter than 10 minutes: the operator refuses certificates rotated that often; set at least "10m" (default ${DEFAULTS[key]})`);
        }
      }
      const longer = (a: string, b: string, path: string, why: string) => {
        if (ms[a] !== undefined && ms[b] !== undefined && ms[a]! < ms[b]!) context.error(index, `${base}.${path}`, `${holder}: ${why}`);
      };
      const shown = (key: string) => show(config[key.split('.')[0]]?.[key.split('.')[1]] ?? DEFAULTS[key]);
      for (const part of ['ca', 'server']) {
        longer(`${part}.duration`, `${part}.renewBefore`, part, `certConfig ${part}.duration ${shown(`${part}.duration`)} is shorter than its renewBefore ${shown(`${part}.renewBefore`)}: the operator refuses a certificate renewed before it is issued; make duration longer than renewBefore (the defaults are ${DEFAULTS[`${part}.duration`]} and ${DEFAULTS[`${part}.renewBefore`]})`);
      }
      longer('ca.duration', 'server.duration', 'ca.duration', `certConfig ca.duration ${shown('ca.duration')} is shorter than server.duration ${shown('server.duration')}: the operator refuses server certificates that outlive their CA; make ca.duration at least server.duration`);
    }
  },
};
