import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { OpenShiftAdditionalNetworks } from '../../src/network/openshift-additional-networks';
import { OpenShiftVirtualization } from '../../src/runtime/openshift-virtualization';
import { VirtualizationApp } from '../../src/synth/virtualization-app';

/** An app in a fresh folder, a chart in namespace "vms", and what synth wrote. */
function program(): { app: VirtualizationApp; chart: Chart; written: () => string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'refused-construct-'));
  const app = new VirtualizationApp({ outdir });
  const chart = new Chart(app, 'c', { namespace: 'vms' });
  return { app, chart, written: () => fs.readdirSync(outdir).map((f) => fs.readFileSync(path.join(outdir, f), 'utf8')) };
}

/** The message of what `make` throws (the program catches it and goes on). */
function refusal(make: () => unknown): string {
  try {
    make();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('a refused constructor caught by the program leaves nothing to synthesize', () => {
  test('OpenShiftVirtualization: the operator install made before the HyperConverged was refused is not written', () => {
    const { app, chart, written } = program();
    expect(refusal(() => new OpenShiftVirtualization(chart, 'virt', { hyperConverged: { name: 'hco' } })))
      .toMatch(/^\[c\/virt\/HyperConverged\] name "hco" is not accepted: /);
    expect(chart.node.tryFindChild('virt')).toBeUndefined();
    app.synth();
    // The chart's file is empty; before, it held a Namespace, OperatorGroup and Subscription without the HyperConverged.
    expect(written()).toEqual(['']);
    // The id is free for the corrected construct.
    new OpenShiftVirtualization(chart, 'virt');
    app.synth();
    expect(written().join('')).toContain('kind: HyperConverged\n');
  });

  test('OpenShiftAdditionalNetworks: a refused list frees its addresses and the cluster singleton', () => {
    const { app, chart, written } = program();
    const good = { name: 'repl', namespace: 'vms', cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.static({ addresses: ['10.1.0.5/24'] }) };
    const bad = { name: 'lab', namespace: 'vms', cni: CniPlugin.bridge({ bridge: 'br1', vlan: 5000 }) };
    expect(refusal(() => new OpenShiftAdditionalNetworks(chart, 'networks', { networks: [good, bad] }))).toBe(
      '[c/networks] network "lab": cni: CniPlugin.bridge: vlan 5000 must be a VLAN ID from 1 to 4094 (leave it out for untagged traffic)',
    );
    // Before: "the app already declares the cluster's additional networks at "c/networks"" (the refused one),
    new OpenShiftAdditionalNetworks(chart, 'networks', { networks: [{ ...good, ipam: Ipam.static({ addresses: ['10.1.0.6/24'] }) }] });
    // and 10.1.0.5 stayed claimed by the refused "repl": this NAD failed synth with "already used by additional network".
    new NetworkAttachmentDefinition(chart, 'nad', { metadata: { name: 'storage' }, cni: CniPlugin.bridge({ bridge: 'br2' }), ipam: Ipam.static({ addresses: ['10.1.0.5/24'] }) });
    app.synth();
    const yaml = written().join('');
    expect(yaml).toContain('10.1.0.6/24');
    expect(yaml).toContain('10.1.0.5/24');
  });

  test('released claims leave the next claim first: a clash with a remaining claim is still reported', () => {
    const { app, chart } = program();
    const ipam = () => Ipam.static({ addresses: ['10.2.0.5/24'] });
    expect(refusal(() => new OpenShiftAdditionalNetworks(chart, 'networks', {
      networks: [
        { name: 'a', namespace: 'vms', cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: ipam() },
        { name: 'b', namespace: 'vms', cni: CniPlugin.bridge({ bridge: 'br1', mtu: 1 }) },
      ],
    }))).toContain('mtu 1 must be a whole number');
    new NetworkAttachmentDefinition(chart, 'first', { metadata: { name: 'first' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: ipam() });
    new NetworkAttachmentDefinition(chart, 'second', { metadata: { name: 'second' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: ipam() });
    expect(() => app.synth()).toThrow(
      'Validation failed with the following errors:\n  [c/second] static IP 10.2.0.5 of NetworkAttachmentDefinition "vms/second" is already used by NetworkAttachmentDefinition "vms/first": each address can be used once in the app; pick another (or let a StaticIpPool allocate it)',
    );
  });
});
