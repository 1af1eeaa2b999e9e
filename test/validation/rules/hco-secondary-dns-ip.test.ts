import { issuesOf } from './rule-fixtures';
import { hcoSecondaryDnsIp } from '../../../src/validation/rules/hco-secondary-dns-ip';

const hco = (apiVersion: string, spec: object): any => ({ apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec });
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const FIX = 'the operator refuses it (KubeSecondaryDNS serves on IPv4 only); give the IPv4 address of the DNS service\'s load balancer, e.g. "192.0.2.53", or leave it out';

describe('rule hco-secondary-dns-ip', () => {
  test('an IPv6 address, and an octet over 255', () => {
    expect(issuesOf(hcoSecondaryDnsIp, [
      hco('hco.kubevirt.io/v1beta1', { kubeSecondaryDNSNameServerIP: '2001:db8::53' }),
      hco('hco.kubevirt.io/v1', { networking: { kubeSecondaryDNSNameServerIP: '10.0.0.256' } }),
    ])).toEqual([
      `error hco-secondary-dns-ip HyperConverged kubevirt-hyperconverged spec.kubeSecondaryDNSNameServerIP: ${HOLDER}: kubeSecondaryDNSNameServerIP "2001:db8::53" is not an IPv4 address: ${FIX}`,
      `error hco-secondary-dns-ip HyperConverged kubevirt-hyperconverged spec.networking.kubeSecondaryDNSNameServerIP: ${HOLDER}: kubeSecondaryDNSNameServerIP "10.0.0.256" is not an IPv4 address: ${FIX}`,
    ]);
  });

  test('stays quiet on the near misses (IPv4, empty)', () => {
    expect(issuesOf(hcoSecondaryDnsIp, [
      hco('hco.kubevirt.io/v1beta1', { kubeSecondaryDNSNameServerIP: '192.0.2.53' }),
      hco('hco.kubevirt.io/v1', { networking: { kubeSecondaryDNSNameServerIP: '' } }),
    ])).toEqual([]);
  });
});
