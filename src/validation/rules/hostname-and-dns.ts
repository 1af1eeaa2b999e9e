import { isIP } from 'net';
import { show } from '../../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../../common/names';
import { listOf } from '../../common/objects';
import { Rule, RuleSource } from '../rule';

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 6;
const MAX_SEARCH_CHARS = 256;

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function nameProblems(spec: any): Problem[] {
  const problems: Problem[] = [];
  const hostnameProblem = typeof spec.hostname === 'string' && spec.hostname !== '' ? dnsLabelProblem(spec.hostname) : undefined;
  if (hostnameProblem) problems.push({ field: 'hostname', problem: `hostname ${show(spec.hostname)}, which ${hostnameProblem}` });
  const subdomainProblem = typeof spec.subdomain === 'string' && spec.subdomain !== '' ? dnsSubdomainProblem(spec.subdomain) : undefined;
  if (subdomainProblem) problems.push({ field: 'subdomain', problem: `subdomain ${show(spec.subdomain)}, which ${subdomainProblem}` });
  return problems;
}

function policyProblems(spec: any): Problem[] {
  const policy = spec.dnsPolicy;
  if (typeof policy === 'string' && policy !== '' && !DNS_POLICIES.includes(policy)) {
    return [{ field: 'dnsPolicy', problem: `dnsPolicy ${show(policy)}, which is not one of ${DNS_POLICIES.map((p) => show(p)).join(', ')}: use one of those, or leave dnsPolicy out` }];
  }
  if (policy !== 'None') return [];
  if (typeof spec.dnsConfig !== 'object' || spec.dnsConfig === null) {
    return [{ field: 'dnsConfig', problem: 'dnsPolicy "None" and no dnsConfig, so the guest would have no DNS: add dnsConfig with at least one nameserver, or use another dnsPolicy' }];
  }
  if (strings(spec.dnsConfig.nameservers).length === 0) {
    return [{ field: 'dnsConfig.nameservers', problem: 'dnsPolicy "None" and no nameserver in dnsConfig: add at least one nameserver IP' }];
  }
  return [];
}

function configProblems(config: any): Problem[] {
  if (typeof config !== 'object' || config === null) return [];
  const problems: Problem[] = [];
  const nameservers = strings(config.nameservers);
  if (nameservers.length > MAX_NAMESERVERS) problems.push({ field: 'dnsConfig.nameservers', problem: `${nameservers.length} DNS nameservers, and at most ${MAX_NAMESERVERS} are allowed: keep ${MAX_NAMESERVERS}` });
  for (const server of nameservers.filter((s) => isIP(s) === 0)) problems.push({ field: 'dnsConfig.nameservers', problem: `DNS nameserver ${show(server)}, which is not an IP address: give the server's IPv4 or IPv6 address` });
  const searches = strings(config.searches);
  if (searches.length > MAX_SEARCHES) problems.push({ field: 'dnsConfig.searches', problem: `${searches.length} DNS search domains, and at most ${MAX_SEARCHES} are allowed: keep ${MAX_SEARCHES}` });
  if (searches.join(' ').length > MAX_SEARCH_CHARS) problems.push({ field: 'dnsConfig.searches', problem: `DNS search domains of ${searches.join(' ').length} characters (with spaces), and at most ${MAX_SEARCH_CHARS} are allowed: drop or shorten some` });
  for (const search of searches) {
    const problem = dnsSubdomainProblem(search);
    if (problem) problems.push({ field: 'dnsConfig.searches', problem: `DNS search domain ${show(search)}, which ${problem}` });
  }
  const options: any[] = listOf(config.options);
  if (options.some((o) => typeof o?.name !== 'string' || o.name === '')) problems.push({ field: 'dnsConfig.options', problem: 'a DNS option without name: name each option (e.g. "ndots")' });
  return problems;
}

/** A VM's hostname, subdomain, DNS policy and DNS config are what KubeVirt accepts for the pod it makes. */
export const hostnameAndDns: Rule = {
  id: 'hostname-and-dns',
  order: 1255,
  summary: 'a VM\'s hostname is a DNS-1123 label, its subdomain a DNS-1123 subdomain, its dnsPolicy a known one ("None" with nameservers), and its dnsConfig within the pod limits (3 nameserver IPs, 6 search domains, 256 characters), as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateHostNameNotConformingToDNSLabelRules, validateSubdomainDNSSubdomainRules, validateDNSPolicy, validatePodDNSConfig.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      for (const { field, problem } of [...nameProblems(vm.spec), ...policyProblems(vm.spec), ...configProblems(vm.spec.dnsConfig)]) {
        context.error(index, `${vm.specPath}.${field}`, `${holder} has ${problem}; KubeVirt refuses it`);
      }
    }
  },
};
