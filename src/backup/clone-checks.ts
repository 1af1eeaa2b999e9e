import { IConstruct } from 'constructs';
import { stringList, stringMap } from './inputs';
import { constructError, show } from '../common/errors';
import { macAddressProblem } from '../network/cni';

/**
 * The rules of KubeVirt's clone webhook (pkg/virt-api/webhooks/validating-webhook/admitters/
 * vmclone-admitter.go, v1.9.0), and of the restore the clone controller creates from the clone
 * (its patches pass the restore webhook: pkg/storage/admitters/vmrestore.go).
 */

/** Why KubeVirt refuses a label or annotation filter, if it does. */
export function filterProblem(filter: string): string | undefined {
  if (filter === '') return 'is empty: write a key, a key prefix ending in "*", or "*" for all';
  if (filter === '!') return 'is a negation character alone, which KubeVirt refuses: write "!" followed by a key, e.g. "!example.com/owner"';
  if (filter.length === 1) return undefined;
  if (filter.slice(1).includes('!')) return 'has "!" after its first character, which KubeVirt refuses: "!" only negates, at the start';
  if (filter.slice(0, -1).includes('*')) return 'has "*" before its end, which KubeVirt refuses: "*" is only a trailing wildcard';
  try {
    new RegExp(filter.replace(/^!/, '')); // KubeVirt matches each filter as a regular expression
  } catch {
    return 'is not a valid regular expression, and KubeVirt matches each filter as one: escape special characters with "\\"';
  }
  return undefined;
}

/** Checks a list of filters and copies it. */
export function checkFilters(scope: IConstruct, field: string, filters: readonly string[] | undefined): string[] | undefined {
  const list = stringList(scope, field, filters);
  list?.forEach((filter, index) => {
    const problem = filterProblem(filter);
    if (problem) throw constructError(scope, `${field}[${index}] ${show(filter)} ${problem}`);
  });
  return list;
}

/**
 * Checks new MAC addresses and writes them with "-": the clone controller turns each into a
 * patch of the restore it creates, and the restore webhook refuses a patch value holding ":"
 * (KubeVirt's own clone test uses "BE-AD-00-00-BE-04" for this reason).
 */
export function checkNewMacs(scope: IConstruct, macs: Record<string, string> | undefined): Record<string, string> | undefined {
  const copy = stringMap(scope, 'newMacAddresses', macs);
  if (copy === undefined) return undefined;
  return Object.fromEntries(Object.entries(copy).map(([iface, mac]) => {
    if (mac === '') return [iface, mac]; // "" lets the cluster's MAC pool assign one, as for unlisted interfaces
    const colonForm = mac.replace(/-/g, ':');
    const problem = macAddressProblem(colonForm);
    if (problem) throw constructError(scope, `newMacAddresses[${show(iface)}] ${show(mac)} ${problem}`);
    return [iface, colonForm.replace(/:/g, '-')];
  }));
}

/** Checks the new SMBIOS serial: it travels in a restore patch, so it may hold neither ":" nor ",". */
export function checkSerial(scope: IConstruct, serial: string | undefined): string | undefined {
  if (serial === undefined) return undefined;
  if (typeof serial !== 'string' || serial === '') throw constructError(scope, `newSmbiosSerial ${show(serial)} must be a non-empty string`);
  if (/[:,]/.test(serial)) {
    throw constructError(scope, `newSmbiosSerial ${show(serial)} holds ":" or ",", and the restore KubeVirt creates for the clone carries it in a patch its webhook then refuses: leave them out`);
  }
  return serial;
}
