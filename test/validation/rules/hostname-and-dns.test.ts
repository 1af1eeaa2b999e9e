import { issuesOf, vm } from './rule-fixtures';
import { hostnameAndDns } from '../../../src/validation/rules/hostname-and-dns';

const at = 'error hostname-and-dns VirtualMachine web spec.template.spec';

describe('rule hostname-and-dns', () => {
  test('fires on a hostname with a dot', () => {
    expect(issuesOf(hostnameAndDns, [vm('web', (s) => { s.hostname = 'web.example'; })])).toEqual([
      `${at}.hostname: VirtualMachine "mq/web" has hostname "web.example", which is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. "web-example"); KubeVirt refuses it`,
    ]);
  });

  test('fires on dnsPolicy None without nameservers', () => {
    expect(issuesOf(hostnameAndDns, [vm('web', (s) => { s.dnsPolicy = 'None'; s.dnsConfig = { searches: ['mq.svc.cluster.local'] }; })])).toEqual([
      `${at}.dnsConfig.nameservers: VirtualMachine "mq/web" has dnsPolicy "None" and no nameserver in dnsConfig: add at least one nameserver IP; KubeVirt refuses it`,
    ]);
  });

  test('fires on a nameserver given by name', () => {
    expect(issuesOf(hostnameAndDns, [vm('web', (s) => { s.dnsConfig = { nameservers: ['dns.example.com'] }; })])).toEqual([
      `${at}.dnsConfig.nameservers: VirtualMachine "mq/web" has DNS nameserver "dns.example.com", which is not an IP address: give the server's IPv4 or IPv6 address; KubeVirt refuses it`,
    ]);
  });

  test('stays quiet on a label hostname, a subdomain, and dnsPolicy None with nameservers', () => {
    expect(issuesOf(hostnameAndDns, [vm('web', (s) => {
      Object.assign(s, { hostname: 'web-1', subdomain: 'web.mq', dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.10', 'fd00::10'], searches: ['mq.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] } });
    })])).toEqual([]);
  });
});
