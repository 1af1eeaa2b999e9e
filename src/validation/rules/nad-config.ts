import { isIP } from 'net';
import { show } from '../../common/errors';
import { Ipv4Subnet, hostCidrProblem } from '../../common/ipv4';
import { listOf } from '../../common/objects';
import { apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { IssueSeverity } from '../validation-report';

/** One finding in a NAD's config: where in the JSON, what is wrong with the fix, and how bad. */
interface ConfigProblem {
  readonly severity: IssueSeverity;
  readonly text: string;
}

const error = (text: string): ConfigProblem => ({ severity: IssueSeverity.ERROR, text });

/** A parsed CIDR: IPv4 with its numbers (what the constructs' checks take), or IPv6 (only its syntax is judged). */
function parseCidr(text: unknown): { v4?: { subnet: Ipv4Subnet; address: number }; v6?: boolean } | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  const prefix = slash < 0 ? '' : text.slice(slash + 1);
  if (slash > 0 && isIP(text.slice(0, slash)) === 6) return /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128 ? { v6: true } : undefined;
  const { subnet, address } = Ipv4Subnet.parse(text, false);
  return subnet ? { v4: { subnet, address: address! } } : undefined;
}

function isAddress(text: unknown): boolean {
  return typeof text === 'string' && isIP(text) !== 0;
}

function cidrProblem(where: string, value: unknown): ConfigProblem | undefined {
  return parseCidr(value) ? undefined : error(`${where} ${show(value)} is not a CIDR (the plugin fails to set up every pod on this network): write an address and prefix length, e.g. "192.168.4.0/24"`);
}

function addressProblem(where: string, value: unknown): ConfigProblem | undefined {
  return value === undefined || isAddress(value) ? undefined : error(`${where} ${show(value)} is not an IP address (the plugin fails to set up every pod on this network): write it like "192.168.4.1"`);
}

/** Routes of any IPAM: `dst` a CIDR (host bits are masked by the plugin), `gw` an address. */
function routeProblems(ipam: any): Array<ConfigProblem | undefined> {
  return listOf(ipam.routes).flatMap((route: any, k) => [cidrProblem(`ipam.routes[${k}].dst`, route?.dst), addressProblem(`ipam.routes[${k}].gw`, route?.gw)]);
}

/** Static IPAM: each address a CIDR (an IPv4 network or broadcast address warned, as the constructs refuse it), each gateway an address. */
function staticProblems(ipam: any): Array<ConfigProblem | undefined> {
  return listOf(ipam.addresses).flatMap((entry: any, j) => {
    const where = `ipam.addresses[${j}].address`;
    const cidr = parseCidr(entry?.address);
    const hostProblem = cidr?.v4 ? hostCidrProblem(entry.address) : undefined;
    return [
      cidr ? undefined : error(`${where} ${show(entry?.address)} is not an address with prefix length (the static plugin fails to set up every pod on this network): write it like "192.168.4.10/24"`),
      hostProblem ? { severity: IssueSeverity.WARNING, text: `${where} ${show(entry.address)} ${hostProblem} (the plugin assigns it, but no host on the subnet can use it as a peer address)` } : undefined,
      addressProblem(`ipam.addresses[${j}].gateway`, entry?.gateway),
    ];
  });
}

/** A host-local range: the plugin refuses a subnet with host bits, one too small to allocate from, and a range outside it. */
function hostLocalRangeProblems(where: string, range: any): Array<ConfigProblem | undefined> {
  const cidr = parseCidr(range?.subnet);
  const problems = [cidrProblem(`${where}subnet`, range?.subnet), addressProblem(`${where}gateway`, range?.gateway)];
  const v4 = cidr?.v4;
  if (v4 && v4.address !== v4.subnet.network) {
    problems.push(error(`${where}subnet ${show(range.subnet)} has host bits set, which host-local refuses: write the network address, "${v4.subnet}"`));
  } else if (v4 && v4.subnet.prefixLength > 30) {
    problems.push(error(`${where}subnet ${show(range.subnet)} is too small for host-local to allocate from: use a prefix length of at most 30`));
  }
  for (const field of ['rangeStart', 'rangeEnd']) {
    const value = range?.[field];
    problems.push(addressProblem(`${where}${field}`, value));
    const address = v4 && isIP(value) === 4 ? parseCidr(`${value}/32`)?.v4?.address : undefined;
    if (address !== undefined && !v4!.subnet.contains(address)) {
      problems.push(error(`${where}${field} ${show(value)} is outside subnet ${show(range.subnet)}, which host-local refuses: pick an address inside it, or widen the subnet`));
    }
  }
  return problems;
}

/** What is wrong with one plugin's IPAM (whereabouts ranges are left alone: they take forms beyond a CIDR). */
function ipamProblems(ipam: any): Array<ConfigProblem | undefined> {
  if (typeof ipam !== 'object' || ipam === null || Array.isArray(ipam)) return [];
  const problems = routeProblems(ipam);
  if (ipam.type === 'static') problems.push(...staticProblems(ipam));
  if (ipam.type === 'host-local') {
    if (ipam.subnet !== undefined) problems.push(...hostLocalRangeProblems('ipam.', ipam));
    listOf(ipam.ranges).forEach((set, i) => listOf(set).forEach((range, j) => problems.push(...hostLocalRangeProblems(`ipam.ranges[${i}][${j}].`, range))));
  }
  return problems;
}

const EXAMPLE = '\'{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br1"}\'';

/** The problems of a NAD's config: JSON as the NAD admission webhook reads it, then each plugin's IPAM. */
function configProblems(config: string): Array<ConfigProblem | undefined> {
  let parsed: any;
  try {
    parsed = JSON.parse(config);
  } catch {
    return [error(`is not valid JSON, which the NetworkAttachmentDefinition admission webhook refuses and Multus cannot read: write the CNI config as one JSON object, e.g. ${EXAMPLE}`)];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [error(`is ${show(parsed)}, not a JSON object, which the NetworkAttachmentDefinition admission webhook refuses: write the CNI config as one JSON object, e.g. ${EXAMPLE}`)];
  }
  const list = parsed.plugins !== undefined;
  if (list && !Array.isArray(parsed.plugins)) return [error(`has "plugins" ${show(parsed.plugins)}, not a list: give a config list's plugins as a JSON array of plugin objects`)];
  const plugins: any[] = list ? parsed.plugins : [parsed];
  return plugins.flatMap((plugin, i) => {
    const where = list ? `plugins[${i}] ` : '';
    const prefix = (problem: ConfigProblem | undefined) => problem && { ...problem, text: `${where}${problem.text}` };
    if (typeof plugin?.type !== 'string' || plugin.type === '') {
      return [error(`${where}has no "type", which the NetworkAttachmentDefinition admission webhook refuses: name the CNI plugin, e.g. "type": "bridge"`)];
    }
    return ipamProblems(plugin.ipam).map(prefix);
  });
}

/**
 * A NetworkAttachmentDefinition's `spec.config` is a CNI config the cluster can use: JSON with a
 * plugin type (the NAD admission webhook's check), and IPAM addresses, subnets and routes the CNI
 * plugins parse (they fail every pod on the network otherwise). The constructs render configs
 * that pass; this checks YAML written by hand.
 */
export const nadConfig: Rule = {
  id: 'nad-config',
  order: 510,
  summary: 'a NetworkAttachmentDefinition\'s `spec.config` is a JSON object naming a plugin `type` (each plugin of a list), and its IPAM addresses, gateways, routes and host-local subnets parse as the CNI plugins need (an IPv4 network or broadcast address as a static address is a warning)',
  // Upstream: validateNetworkAttachmentDefinition (JSON, type); the IPAM parsing is containernetworking/plugins v1.9.1's
  // plugins/ipam/static/main.go (LoadIPAMConfig) and plugins/ipam/host-local/backend/allocator/range.go (Canonicalize).
  reference: 'https://github.com/k8snetworkplumbingwg/net-attach-def-admission-controller/blob/5a6417b0f2a9446ef37346e09f0b097136d44b92/pkg/webhook/webhook.go',
  source: RuleSource.PROJECT,
  check(context: RuleContext) {
    const listed = context.viewsOfKind('NetworkAttachmentDefinition');
    for (let n = 0; n < listed.length; n++) {
      const { object, index } = listed[n];
      const config = object.spec?.config;
      // An empty config is allowed: Multus then reads the CNI config file of the NAD's name on the node.
      if (apiGroupOf(object.apiVersion) !== 'k8s.cni.cncf.io' || typeof config !== 'string' || config.trim() === '') continue;
      const holder = `NetworkAttachmentDefinition ${JSON.stringify(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      for (const problem of configProblems(config)) {
        if (problem) context.report(problem.severity, index, 'spec.config', `${holder}: the CNI config ${problem.text}`);
      }
    }
  },
};
