// Label syntax as apimachinery checks it (pkg/api/validate/content/kube.go IsLabelKey and
// IsLabelValue): label keys and values, annotation keys, toleration keys and values.
import { show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const NAME_MAX = 63;
const CHARSET = "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

/** Why `key` is no label key (annotation keys are the same, compared lowercased), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `has ${parts.length - 1} '/': a key is a name with at most one optional "prefix/" (e.g. "example.com/tier")`;
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '') return 'has an empty prefix before \'/\': drop the \'/\', or write a DNS subdomain prefix (e.g. "example.com/tier")';
    const lower = prefix.toLowerCase();
    const example = dnsSubdomainProblem(lower) ? `example.com/${name}` : `${lower}/${name}`;
    if (dnsSubdomainProblem(prefix)) return `has the prefix ${show(prefix)}, which is no DNS subdomain (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit): write e.g. ${show(example)}`;
  }
  if (name === '') return 'has an empty name: write a name after the prefix (e.g. "example.com/tier")';
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > NAME_MAX) return `has a name part of ${bytes} bytes, more than ${NAME_MAX}: shorten it (${CHARSET})`;
  if (!NAME_PART.test(name)) return `has the name part ${show(name)}, which is not ${CHARSET}: write e.g. ${show(nameLike(name))}`;
  return undefined;
}

/** Why `value` is no label value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > NAME_MAX) return `is ${bytes} bytes, more than ${NAME_MAX}: shorten it, or keep the long text in an annotation`;
  if (!NAME_PART.test(value)) return `is not empty nor ${CHARSET}: write e.g. ${show(nameLike(value))}, or keep free text in an annotation`;
  return undefined;
}

/** The closest name part, for "write e.g." hints. */
function nameLike(value: string): string {
  const cleaned = value.replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, NAME_MAX).replace(/[^A-Za-z0-9]+$/, '');
  return cleaned === '' ? 'x' : cleaned;
}
