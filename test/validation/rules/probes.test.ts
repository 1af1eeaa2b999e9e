import { issuesOf, vm } from './rule-fixtures';
import { probes } from '../../../src/validation/rules/probes';

const at = 'error probes VirtualMachine web spec.template.spec';
const multusOnly = (s: any) => {
  s.domain.devices.interfaces = [{ name: 'repl', bridge: {} }];
  s.networks = [{ name: 'repl', multus: { networkName: 'repl' } }];
};

describe('rule probes', () => {
  test('fires on a probe with two handlers', () => {
    expect(issuesOf(probes, [vm('web', (s) => { s.readinessProbe = { tcpSocket: { port: 22 }, guestAgentPing: {} }; })])).toEqual([
      `${at}.readinessProbe: readinessProbe of VirtualMachine "mq/web" has 2 handlers (tcpSocket, guestAgentPing), and KubeVirt requires exactly one: use one of httpGet, tcpSocket, exec, guestAgentPing`,
    ]);
  });

  test('fires on an httpGet probe of a VM off the pod network', () => {
    expect(issuesOf(probes, [vm('web', (s) => { multusOnly(s); s.livenessProbe = { httpGet: { port: 80 } }; })])).toEqual([
      `${at}.livenessProbe.httpGet: livenessProbe of VirtualMachine "mq/web" uses httpGet, which reaches the guest over the pod network, and the VM is not on it, so KubeVirt refuses it: attach the pod network, or probe with exec or guestAgentPing`,
    ]);
  });

  test('fires on a paused start with a liveness probe', () => {
    expect(issuesOf(probes, [vm('web', (s) => { s.startStrategy = 'Paused'; s.livenessProbe = { guestAgentPing: {} }; })])).toEqual([
      `${at}.startStrategy: VirtualMachine "mq/web" starts paused and has a livenessProbe, which KubeVirt refuses (a paused guest fails the probe): remove one of them`,
    ]);
  });

  test('stays quiet on one handler per probe, on the pod network KubeVirt adds, and off it with guestAgentPing', () => {
    expect(issuesOf(probes, [
      vm('web', (s) => { s.readinessProbe = { httpGet: { port: 80 } }; s.livenessProbe = { tcpSocket: { port: 22 } }; }),
      vm('bare', (s) => { s.domain.devices.interfaces = []; s.networks = []; s.readinessProbe = { tcpSocket: { port: 22 } }; s.startStrategy = 'Paused'; }),
      vm('repl', (s) => { multusOnly(s); s.readinessProbe = { guestAgentPing: {} }; }),
    ])).toEqual([]);
  });
});
