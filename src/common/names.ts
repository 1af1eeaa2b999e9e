import { show } from './errors';

/**
 * Kubernetes object-name rules (apimachinery's IsDNS1123Label / IsDNS1123Subdomain).
 * Each check returns undefined for a valid name, or the reason with the fix.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Turns an arbitrary string into the closest DNS-1123 label, for "did you mean" hints. */
export function suggestDnsLabel(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned === '' ? 'name' : cleaned;
}

/** Checks a DNS-1123 label: what Kubernetes requires of volume, disk, port and interface names. */
export function dnsLabelProblem(value: string): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && DNS_LABEL.test(value)) return undefined;
  return `is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. ${show(suggestDnsLabel(String(value)))})`;
}

/** Checks a DNS-1123 subdomain: what Kubernetes requires of most object names. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && DNS_SUBDOMAIN.test(value)) return undefined;
  return `is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. ${show(suggestDnsLabel(String(value)))})`;
}

/** Throws `<context>: <what> "<value>" is not a valid DNS-1123 subdomain: ...` for a bad object name. */
export function assertObjectName(context: string, what: string, value: string): void {
  const problem = dnsSubdomainProblem(value);
  if (problem) throw new Error(`${context}: ${what} ${show(value)} ${problem}`);
}

/** `<what> "<value>" is not a valid DNS-1123 subdomain: ...` for a bad object name, or undefined. */
export function objectNameProblem(what: string, value: string): string | undefined {
  const problem = dnsSubdomainProblem(value);
  return problem ? `${what} ${show(value)} ${problem}` : undefined;
}
