import { show } from '../../common/errors';
import { hcoHolder, hyperConvergedViews } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

// Go's sloppy IPv4 parse: four decimal parts of at most 255 (leading zeros allowed), also written IPv4-mapped.
const IPV4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i;

function isIpv4(text: string): boolean {
  const match = IPV4.exec(text);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

/** The name server address of KubeSecondaryDNS, when given, is an IPv4 address. */
export const hcoSecondaryDnsIp: Rule = {
  id: 'hco-secondary-dns-ip',
  order: 1170,
  summary: 'HyperConverged `kubeSecondaryDNSNameServerIP`: empty or an IPv4 address',
  // Upstream: getKSDNameServerIP, called by NewNetworkAddons on create.
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/controllers/handlers/networkAddons.go#L190-L200',
  source: RuleSource.HCO,
  check(context) {
    for (const { index, object, spec, v1 } of hyperConvergedViews(context)) {
      const address = v1 ? spec.networking?.kubeSecondaryDNSNameServerIP : spec.kubeSecondaryDNSNameServerIP;
      if (typeof address !== 'string' || address === '' || isIpv4(address)) continue;
      const path = v1 ? 'spec.networking.kubeSecondaryDNSNameServerIP' : 'spec.kubeSecondaryDNSNameServerIP';
      context.error(index, path, `${hcoHolder(object)}: kubeSecondaryDNSNameServerIP ${show(address)} is not an IPv4 address: the operator refuses it (KubeSecondaryDNS serves on IPv4 only); give the IPv4 address of the DNS service's load balancer, e.g. "192.0.2.53", or leave it out`);
    }
  },
};
