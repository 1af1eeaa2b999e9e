// A VirtualMachinePool's VM template is judged by every VM rule, with paths inside the pool.
import { issuesOf, vm } from './rules/rule-fixtures';
import { diskNames } from '../../src/validation/rules/disk-names';
import { reservedLabels } from '../../src/validation/rules/reserved-labels';
import { runStrategy } from '../../src/validation/rules/run-strategy';
import { validateObjects } from '../../src/validation/validate-objects';

/** A VirtualMachinePool in mq whose template is the fixture VM, edited by `patch`. */
function pool(apiVersion: string, patch: (spec: any, vmSpec: any) => void = () => undefined): any {
  const { spec } = vm('member');
  spec.template.metadata = { labels: { 'kubevirt.io/vmpool': 'web' } };
  patch(spec.template.spec, spec);
  return {
    apiVersion,
    kind: 'VirtualMachinePool',
    metadata: { name: 'web', namespace: 'mq' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'kubevirt.io/vmpool': 'web' } },
      virtualMachineTemplate: { metadata: { labels: { 'kubevirt.io/vmpool': 'web' } }, spec },
    },
  };
}

const TEMPLATE = 'spec.virtualMachineTemplate.spec.template.spec';

describe('VM rules on VirtualMachinePool templates', () => {
  test.each(['pool.kubevirt.io/v1alpha1', 'pool.kubevirt.io/v1beta1'])('a duplicate disk name in a %s template is an error at its path in the pool', (apiVersion) => {
    const bad = pool(apiVersion, (s) => { s.domain.devices.disks.push({ name: 'root', disk: { bus: 'virtio' } }); });
    expect(issuesOf(diskNames, [bad])).toEqual([
      `error disk-names VirtualMachinePool web ${TEMPLATE}.domain.devices.disks[1].name: disk "root" of VM template of VirtualMachinePool "mq/web" is declared twice (disks[0] and disks[1]), which KubeVirt refuses: each disk is one device of its own volume; rename one (and its volume), or remove the copy`,
    ]);
  });

  test('rules that name fields of the VM object point inside the template', () => {
    const bad = pool('pool.kubevirt.io/v1beta1', (_s, vmSpec) => {
      delete vmSpec.runStrategy;
      vmSpec.template.metadata.labels['kubevirt.io/nodeName'] = 'n1';
    });
    expect(issuesOf(runStrategy, [bad])).toEqual([
      'error run-strategy VirtualMachinePool web spec.virtualMachineTemplate.spec.runStrategy: VM template of VirtualMachinePool "mq/web" has no runStrategy, which KubeVirt requires: set runStrategy (e.g. "Always" to keep it running, "Halted" to keep it stopped)',
    ]);
    expect(issuesOf(reservedLabels, [bad])).toEqual([
      'error reserved-labels VirtualMachinePool web spec.virtualMachineTemplate.spec.template.metadata.labels: VM template of VirtualMachinePool "mq/web" sets "kubevirt.io/nodeName" on its instance, a label KubeVirt reserves for itself and refuses from users: remove it (to place the VM on a node, use nodeSelector or affinity)',
    ]);
  });

  test('a valid pool passes every rule', () => {
    expect(validateObjects([pool('pool.kubevirt.io/v1beta1')])).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  test('a pool of another API group, or without a template, is not read as a VM', () => {
    const other = { ...pool('example.com/v1', (s) => { s.domain.devices.disks.push({ name: 'root' }); }) };
    const empty = { ...pool('pool.kubevirt.io/v1beta1'), spec: { replicas: 1 } };
    expect(issuesOf(diskNames, [other, empty])).toEqual([]);
  });
});
