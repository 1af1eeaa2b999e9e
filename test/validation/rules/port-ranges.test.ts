import { issuesOf, vm } from './rule-fixtures';
import { portRanges } from '../../../src/validation/rules/port-ranges';

const ranges = (name: string, list: object[], extra: object = {}) => vm(name, (s) => {
  Object.assign(s.domain.devices.interfaces[0], { portRanges: list }, extra);
});

describe('rule port-ranges', () => {
  test('fires on overlapping ranges', () => {
    expect(issuesOf(portRanges, [ranges('web', [{ protocol: 'TCP', start: 8000, end: 8100 }, { protocol: 'TCP', start: 8050, end: 8200 }])])).toEqual([
      'error port-ranges VirtualMachine web spec.template.spec.domain.devices.interfaces[0].portRanges: interface "default" of VirtualMachine "mq/web" has TCP port ranges 8000-8100 and 8050-8200, which overlap: merge them',
    ]);
  });

  test('fires on ports with portRanges, another binding, bad ranges and too many ranges', () => {
    const objects = [
      ranges('a', [{ protocol: 'SCTP', start: 1, end: 2 }, { protocol: 'UDP', start: 0, end: 2 }, { protocol: 'UDP', start: 1, end: 70000 }, { protocol: 'UDP', start: 9, end: 3 }], { ports: [{ port: 80 }] }),
      ranges('b', [{ protocol: 'TCP', start: 1, end: 2 }], { masquerade: undefined, bridge: {} }),
      ranges('c', Array.from({ length: 11 }, (_, i) => ({ protocol: 'TCP', start: i * 10 + 1, end: i * 10 + 5 }))),
    ];
    expect(issuesOf(portRanges, objects).map((i) => i.split(' has ')[1].split(/,? which|, not|, more|, and/)[0])).toEqual([
      'both ports and portRanges',
      'port range 0 with protocol "SCTP"',
      'port range 1 starting at 0',
      'port range 2 ending at 70000',
      'port range 3 from 9 to 3',
      'portRanges without masquerade binding',
      '11 port ranges',
    ]);
  });

  test('stays quiet on ranges KubeVirt forwards, and off the pod network', () => {
    const fine = [
      ranges('a', [{ protocol: 'TCP', start: 8000, end: 8100 }, { protocol: 'UDP', start: 8000, end: 8100 }, { protocol: 'TCP', start: 8101, end: 8101 }]),
      vm('b', (s) => {
        s.domain.devices.interfaces.push({ name: 'data', bridge: {}, portRanges: [{ protocol: 'SCTP', start: 1, end: 2 }] });
        s.networks.push({ name: 'data', multus: { networkName: 'data' } });
      }),
    ];
    expect(issuesOf(portRanges, fine)).toEqual([]);
  });
});
