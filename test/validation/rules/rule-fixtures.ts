// Plain objects and a one-rule runner for the tests of single rules.
import { Rule } from '../../../src/validation/rule';
import { runRules } from '../../../src/validation/rule-registry';
import { ValidateObjectsOptions } from '../../../src/validation/validation-report';

/** `severity rule Kind name path: message` of each issue `rule` alone reports: errors, then warnings, by object as validateObjects sorts them. */
export function issuesOf(rule: Rule, objects: unknown[], options: ValidateObjectsOptions = {}): string[] {
  const run = runRules(objects, options, [rule]);
  const byIndex = (a: { index: number }, b: { index: number }) => a.index - b.index;
  return [...run.errors.sort(byIndex), ...run.warnings.sort(byIndex)].map((i) => `${i.severity} ${i.rule} ${i.kind} ${i.name} ${i.path}: ${i.message}`);
}

/** A small valid VM manifest in namespace mq; `patch` edits its instance spec. */
export function vm(name: string, patch: (spec: any, object: any) => void = () => undefined): any {
  const object = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: 'mq' },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          domain: {
            memory: { guest: '1Gi' },
            devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] },
          },
          networks: [{ name: 'default', pod: {} }],
          volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
        },
      },
    },
  };
  patch(object.spec.template.spec, object);
  return object;
}

/** A NetworkAttachmentDefinition (bridge CNI) with the given IPAM. */
export function nad(name: string, namespace: string, ipam: object = {}): any {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name, namespace },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', name, type: 'bridge', bridge: 'br1', ipam }) },
  };
}

/** Adds a bridge interface on the Multus network `network` to a VM spec. */
export function attach(spec: any, network: string, iface = 'repl'): void {
  spec.domain.devices.interfaces.push({ name: iface, bridge: {} });
  spec.networks.push({ name: iface, multus: { networkName: network } });
}
