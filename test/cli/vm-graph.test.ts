import { renderVmGraph } from '../../src/cli/vm-graph';

/** A VirtualMachine whose instance spec is `spec`. */
function vm(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'web', namespace: 'apps' }, spec: { template: { spec } } };
}

describe('graph on hand-written VMs', () => {
  test('volumes written as a map: a note instead of a crash, the networks still drawn', () => {
    const chart = renderVmGraph([vm({
      domain: { devices: { interfaces: [{ name: 'default', masquerade: {} }] } },
      networks: [{ name: 'default', pod: {} }],
      volumes: { root: { containerDisk: { image: 'quay.io/containerdisks/fedora:40' } } },
    })]);
    expect(chart).toBe([
      'flowchart LR',
      '  %% VirtualMachine apps/web: spec.template.spec.volumes is not a list, so it is not drawn: KubeVirt expects a list (- name: ...)',
      '  n1["VM apps/web"]',
      '  n2{{"pod network"}}',
      '  n1 -->|"default (masquerade)"| n2',
      '',
    ].join('\n'));
  });

  test('networks and interfaces written as maps, and entries that are not objects', () => {
    const chart = renderVmGraph([vm({
      domain: { devices: { interfaces: { default: { masquerade: {} } } } },
      networks: { default: { pod: {} } },
      volumes: [null, 'root', { name: 'scratch', emptyDisk: { capacity: '1Gi' } }],
    })]);
    expect(chart).toBe([
      'flowchart LR',
      '  %% VirtualMachine apps/web: spec.template.spec.domain.devices.interfaces is not a list, so it is not drawn: KubeVirt expects a list (- name: ...)',
      '  %% VirtualMachine apps/web: spec.template.spec.networks is not a list, so it is not drawn: KubeVirt expects a list (- name: ...)',
      '  n1["VM apps/web"]',
      '  n2[/"emptyDisk 1Gi"/]',
      '  n1 -.->|"scratch"| n2',
      '',
    ].join('\n'));
  });
});

describe('graph: bindings', () => {
  test('KubeVirt\'s core passt binding (passtBinding) is drawn as passt', () => {
    const chart = renderVmGraph([vm({
      domain: { devices: { interfaces: [{ name: 'default', passtBinding: {} }] } },
      networks: [{ name: 'default', pod: {} }],
    })]);
    expect(chart).toContain('  n1 -->|"default (passt)"| n2\n');
  });
});
