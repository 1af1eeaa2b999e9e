import { show } from '../../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../../common/names';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

interface DeviceList {
  readonly field: 'gpus' | 'hostDevices';
  readonly label: string;
  /** GPUs are all DRA or none (HostDevices may mix). */
  readonly rejectMixed: boolean;
}

const LISTS: readonly DeviceList[] = [{ field: 'gpus', label: 'GPU', rejectMixed: true }, { field: 'hostDevices', label: 'host device', rejectMixed: false }];
const isMap = (value: unknown): value is KubeObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const given = (value: unknown): boolean => typeof value === 'string' && value !== '';
// claimName and requestName are the inline ClaimRequest: either key present makes a claim request.
const hasClaimRequest = (device: KubeObject): boolean => device.claimName !== undefined || device.requestName !== undefined;
const isDra = (device: KubeObject): boolean => !given(device.deviceName) && hasClaimRequest(device);

function resourceClaimProblems(claims: unknown[], at: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  claims.forEach((claim, i) => {
    if (!isMap(claim)) return;
    const where = `${at}[${i}]`;
    if (!given(claim.name)) problems.push({ field: `${where}.name`, problem: 'a resource claim without a name: name it, and use the name as claimName in the GPU or host device' });
    else if (seen.has(claim.name)) problems.push({ field: `${where}.name`, problem: `two resource claims named ${show(claim.name)}: rename one` });
    else if (dnsLabelProblem(claim.name)) problems.push({ field: `${where}.name`, problem: `resource claim name ${show(claim.name)}, which ${dnsLabelProblem(claim.name)}` });
    if (given(claim.name)) seen.add(claim.name);
    const sources = ['resourceClaimName', 'resourceClaimTemplateName'].filter((key) => claim[key] !== undefined && claim[key] !== null);
    if (sources.length !== 1) problems.push({ field: where, problem: `resource claim ${show(claim.name ?? '')} with ${sources.length === 0 ? 'neither' : 'both'} resourceClaimName and resourceClaimTemplateName: give exactly one` });
    for (const key of sources) {
      const bad = typeof claim[key] === 'string' ? dnsSubdomainProblem(claim[key]) : undefined;
      if (bad) problems.push({ field: `${where}.${key}`, problem: `${key} ${show(claim[key])}, which ${bad}` });
    }
  });
  return problems;
}

/** Problems of one device list, and the claimName/requestName pairs of its DRA devices (first index each). */
function deviceProblems(devices: KubeObject[], list: DeviceList, at: string): { problems: Problem[]; pairs: Map<string, number> } {
  const pairs = new Map<string, number>();
  const dra = devices.filter(isDra);
  const plain = devices.filter((d) => !isDra(d));
  if (list.rejectMixed && dra.length > 0 && plain.length > 0) {
    return { problems: [{ field: at, problem: `both DRA ${list.label}s (claimName/requestName) and ${list.label}s by deviceName: make them all one kind` }], pairs };
  }
  const problems: Problem[] = [];
  devices.forEach((device, i) => {
    const where = `${at}[${i}]`;
    if (!isDra(device)) {
      if (!given(device.deviceName)) problems.push({ field: where, problem: `${list.label} ${show(device.name)} without deviceName or claimName/requestName: give a deviceName (a device plugin's resource) or a DRA claim` });
      else if (hasClaimRequest(device)) problems.push({ field: where, problem: `${list.label} ${show(device.name)} with both deviceName and claimName/requestName: keep one` });
      return;
    }
    for (const key of ['claimName', 'requestName']) {
      if (!given(device[key])) problems.push({ field: `${where}.${key}`, problem: `DRA ${list.label} ${show(device.name)} without ${key}: give the ${key === 'claimName' ? 'name of a resourceClaims entry' : 'request of that claim'}` });
    }
    if (!given(device.claimName) || !given(device.requestName)) return;
    const pair = `${device.claimName}/${device.requestName}`;
    if (pairs.has(pair)) problems.push({ field: where, problem: `DRA ${list.label} ${show(device.name)} with claimName/requestName ${show(pair)}, which ${list.field}[${pairs.get(pair)}] has too: give each device its own request` });
    else pairs.set(pair, i);
  });
  return { problems, pairs };
}

function draProblems(spec: KubeObject, at: string): Problem[] {
  const claims: unknown[] = listOf(spec.resourceClaims);
  const problems = resourceClaimProblems(claims, `${at}.resourceClaims`);
  const owners = new Map<string, string>();
  const used = new Set<string>();
  for (const list of LISTS) {
    const devices: KubeObject[] = listOf(spec.domain?.devices?.[list.field]).filter(isMap);
    const listAt = `${at}.domain.devices.${list.field}`;
    const { problems: own, pairs } = deviceProblems(devices, list, listAt);
    problems.push(...own);
    for (const [pair, i] of pairs) {
      used.add(pair.split('/')[0]);
      const owner = owners.get(pair);
      if (owner) problems.push({ field: `${listAt}[${i}]`, problem: `DRA ${list.label} with claimName/requestName ${show(pair)}, which ${owner} has too: give each device its own request` });
      else owners.set(pair, `${list.field}[${i}]`);
    }
  }
  const declared = new Set(claims.filter(isMap).map((c) => c.name));
  const missing = [...used].filter((name) => !declared.has(name));
  if (missing.length > 0) problems.push({ field: `${at}.resourceClaims`, problem: `no resourceClaims entry for claim ${missing.map((m) => show(m)).join(', ')}, which DRA devices use: add { name: ${show(missing[0])}, resourceClaimTemplateName: ... } to resourceClaims` });
  return problems;
}

/** Whether the spec lists resource claims, GPUs or host devices (without any, it has no problem here). */
function hasDraFields(spec: KubeObject): boolean {
  const devices = spec.domain?.devices;
  return listOf(spec.resourceClaims).length > 0 || listOf(devices?.gpus).length > 0 || listOf(devices?.hostDevices).length > 0;
}

/** Devices by Dynamic Resource Allocation (GPUs and host devices) name their claims and requests, declared once. */
export const draDevices: Rule = {
  id: 'dra-devices',
  order: 9080,
  summary: 'resourceClaims are named (DNS labels, once) with one of resourceClaimName or resourceClaimTemplateName; GPUs and host devices give a deviceName or a DRA claimName and requestName (not both, GPUs not mixed), each pair once, each claim declared in resourceClaims, as KubeVirt\'s VMI admission requires with its GPUsWithDRA and HostDevicesWithDRA gates (beta, on by default)',
  // Upstream: ValidateCreation -> validateCreationDRA, validateResourceClaims, validateDRADevices, validateNonDRADevices.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/dra/admitter/dra_admitter.go#L69-L416',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      if (!hasDraFields(vm.spec)) continue; // most VMs: no claims, GPUs or host devices to judge
      for (const { field, problem } of draProblems(vm.spec, vm.specPath)) {
        context.error(index, field, `KubeVirt refuses the device claims of ${holder}: ${problem}`);
      }
    }
  },
};
