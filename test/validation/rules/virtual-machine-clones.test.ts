import { issuesOf } from './rule-fixtures';
import { virtualMachineClones } from '../../../src/validation/rules/virtual-machine-clones';

const clone = (name: string, spec: object): any => ({ apiVersion: 'clone.kubevirt.io/v1beta1', kind: 'VirtualMachineClone', metadata: { name, namespace: 'mq' }, spec });
const PREFIX = 'error virtual-machine-clones VirtualMachineClone';
const END = '; KubeVirt refuses the clone otherwise';

describe('rule virtual-machine-clones', () => {
  test('bad filters, source, target, MAC and patch', () => {
    expect(issuesOf(virtualMachineClones, [
      clone('a', {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' },
        labelFilters: ['!', 'app!x'],
        template: { annotationFilters: ['*.example.com'] },
        newMacAddresses: { default: '02:00:5e:00:53' },
        patches: ['{"op": "remove", "path": "/spec/x"'],
      }),
      clone('b', { source: { kind: 'DataVolume', name: '' }, target: { kind: 'VirtualMachineInstance', name: 'web2' } }),
    ])).toEqual([
      `${PREFIX} a spec.labelFilters[0]: VirtualMachineClone "mq/a": filter "!" is "!" alone, which negates nothing: write "!" followed by a key, e.g. "!example.com/owner"${END}`,
      `${PREFIX} a spec.labelFilters[1]: VirtualMachineClone "mq/a": filter "app!x" has "!" after its first character, and "!" only negates, at the start: move or remove it${END}`,
      `${PREFIX} a spec.template.annotationFilters[0]: VirtualMachineClone "mq/a": filter "*.example.com" has "*" before its end, and "*" is only a trailing wildcard: end the filter with it, or remove it${END}`,
      `${PREFIX} a spec.target.name: VirtualMachineClone "mq/a": target name "web" is the source VM's own name: a clone is a new VM, give it another name (or leave target out for a generated one)${END}`,
      `${PREFIX} a spec.newMacAddresses.default: VirtualMachineClone "mq/a": new MAC address "02:00:5e:00:53" of interface "default" is malformed: write six bytes, e.g. "02-00-5e-00-53-01", or "" for a generated one${END}`,
      `${PREFIX} a spec.patches[0]: VirtualMachineClone "mq/a": patch "{\\"op\\": \\"remove\\", \\"path\\": \\"/spec/x\\"" is not valid JSON: write a JSON patch operation, e.g. {"op": "replace", "path": "/spec/runStrategy", "value": "Halted"}${END}`,
      `${PREFIX} b spec.source.apiGroup: VirtualMachineClone "mq/b": source has no apiGroup: set "kubevirt.io" for a VirtualMachine or "snapshot.kubevirt.io" for a VirtualMachineSnapshot${END}`,
      `${PREFIX} b spec.source.kind: VirtualMachineClone "mq/b": source kind "DataVolume" is not one KubeVirt clones: use "VirtualMachine" or "VirtualMachineSnapshot"${END}`,
      `${PREFIX} b spec.source.name: VirtualMachineClone "mq/b": source has no name: name the VM or snapshot to clone${END}`,
      `${PREFIX} b spec.target.kind: VirtualMachineClone "mq/b": target kind "VirtualMachineInstance" is not one KubeVirt creates: use "VirtualMachine"${END}`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    expect(issuesOf(virtualMachineClones, [
      clone('a', {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web-copy' },
        labelFilters: ['*', '!example.com/owner', 'app*'],
        newMacAddresses: { default: '02-00-5E-00-53-01', second: '' },
        patches: ['{"op": "replace", "path": "/spec/runStrategy", "value": "Halted"}'],
      }),
      // A snapshot of VM "web" may be cloned into a VM called "web".
      clone('b', { source: { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'web' }, target: { kind: 'VirtualMachine', name: 'web' } }),
    ])).toEqual([]);
  });
});
