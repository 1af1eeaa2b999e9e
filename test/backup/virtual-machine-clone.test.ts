import { backupSetup, synthWarnings } from './fixtures';
import { VirtualMachineClone } from '../../src/backup/virtual-machine-clone';
import { VirtualMachineSnapshot } from '../../src/backup/virtual-machine-snapshot';
import { Firmware } from '../../src/compute/firmware';
import { DeploymentPhase } from '../../src/gitops/deployment-phase';
import { deploymentPhaseOf } from '../../src/gitops/sync-waves';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { findObject, synthValid } from '../helpers';

describe('VirtualMachineClone', () => {
  test('a clone of a declared VM with filters, new MACs written with "-", a serial and patches', () => {
    const setup = backupSetup();
    setup.vm.attachNetwork(NetworkAttachmentDefinition.fromName('lab'), { interfaceName: 'lab', macAddress: '02:00:00:00:00:aa' });
    const clone = new VirtualMachineClone(setup.day2, 'copy', {
      source: setup.vm,
      targetName: 'db-test',
      metadata: { name: 'db-to-test' },
      labelFilters: ['*', '!example.com/owner'],
      annotationFilters: ['example.com/*'],
      templateLabelFilters: ['app'],
      templateAnnotationFilters: ['!backup.example.com/*'],
      newMacAddresses: { lab: '02:00:00:00:00:BB', default: '' },
      newSmbiosSerial: 'db-test-0001',
      patches: [{ op: 'add', path: '/spec/template/metadata/labels/env', value: 'test' }],
    });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineClone')).toEqual({
      apiVersion: 'clone.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClone',
      metadata: { name: 'db-to-test', namespace: 'shop' },
      spec: {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db-test' },
        labelFilters: ['*', '!example.com/owner'],
        annotationFilters: ['example.com/*'],
        template: { labelFilters: ['app'], annotationFilters: ['!backup.example.com/*'] },
        newMacAddresses: { lab: '02-00-00-00-00-BB', default: '' },
        newSMBiosSerial: 'db-test-0001',
        patches: ['{"op":"add","path":"/spec/template/metadata/labels/env","value":"test"}'],
      },
    });
    expect([clone.vm, clone.targetName, clone.resourceType]).toEqual([setup.vm, 'db-test', 'virtualmachineclones']);
    expect(deploymentPhaseOf(clone.apiObject)).toBe(DeploymentPhase.WORKLOADS);
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('a clone of a snapshot, target name left to KubeVirt', () => {
    const setup = backupSetup();
    const snapshot = new VirtualMachineSnapshot(setup.day2, 'snap', { vm: setup.vm, metadata: { name: 'db-golden' } });
    const clone = new VirtualMachineClone(setup.day2, 'copy', { source: snapshot, metadata: { name: 'from-golden' } });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineClone').spec).toEqual({
      source: { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'db-golden' },
    });
    expect([clone.vm, clone.targetName]).toEqual([setup.vm, undefined]);
  });

  test('warns that the clone gets the fixed addresses of the source', () => {
    const setup = backupSetup();
    setup.vm.attachNetwork(NetworkAttachmentDefinition.fromName('repl'), { interfaceName: 'repl', ip: '192.168.4.1/24' });
    setup.vm.addCloudInit({ userData: { hostname: 'db' } });
    new VirtualMachineClone(setup.day2, 'copy', { source: setup.vm, targetName: 'db-test' });
    expect(synthWarnings(setup)).toEqual([
      '[day2/copy] warning: the clone of VirtualMachine "shop/db" gets its fixed addresses (interface "repl" (192.168.4.1/24)), which then clash: change the clone\'s addresses before starting it',
    ]);
  });

  test('synth refuses a source with backend storage, MACs of unknown interfaces or of the source', () => {
    const setup = backupSetup({ firmware: Firmware.efi({ persistent: true }) });
    setup.vm.attachNetwork(NetworkAttachmentDefinition.fromName('lab'), { interfaceName: 'lab', macAddress: '02:00:00:00:00:aa' });
    new VirtualMachineClone(setup.day2, 'copy', { source: setup.vm, newMacAddresses: { eth9: '02:00:00:00:00:01', lab: '02-00-00-00-00-AA' } });
    expect(() => setup.app.synthYaml()).toThrow([
      'Validation failed with the following errors:',
      '  [day2/copy] VirtualMachine "shop/db" has persistent EFI variables, kept on backend storage, and KubeVirt does not clone such a VM ("Clone of source with backendstorage is not supported"): create the new VM from its own declaration',
      '  [day2/copy] newMacAddresses: VirtualMachine "shop/db" has no interface "eth9" (it has "default", "lab"), and KubeVirt ignores MACs of other names: name one of those',
      '  [day2/copy] newMacAddresses["lab"] "02-00-00-00-00-AA" is a MAC of VirtualMachine "shop/db" itself, so the two would clash: give the clone another MAC, or "" to let the cluster assign one',
    ].join('\n'));
  });

  test('refuses what the clone webhook and the restore it creates refuse', () => {
    const { day2, vm } = backupSetup();
    const bad = (id: string, props: unknown) => () => new VirtualMachineClone(day2, id, props as any);
    expect(bad('a', { source: vm, targetName: 'db' })).toThrow('[day2/a] targetName "db" is the source VM\'s own name, which KubeVirt refuses: a clone is a new VM, give it another name');
    expect(bad('b', { source: vm, labelFilters: ['!'] })).toThrow('[day2/b] labelFilters[0] "!" is a negation character alone, which KubeVirt refuses: write "!" followed by a key, e.g. "!example.com/owner"');
    expect(bad('c', { source: vm, annotationFilters: ['a', 'key!'] })).toThrow('[day2/c] annotationFilters[1] "key!" has "!" after its first character, which KubeVirt refuses: "!" only negates, at the start');
    expect(bad('d', { source: vm, templateLabelFilters: ['*.example.com'] })).toThrow('[day2/d] templateLabelFilters[0] "*.example.com" has "*" before its end, which KubeVirt refuses: "*" is only a trailing wildcard');
    expect(bad('e', { source: vm, templateAnnotationFilters: [''] })).toThrow('[day2/e] templateAnnotationFilters[0] "" is empty: write a key, a key prefix ending in "*", or "*" for all');
    expect(bad('f', { source: vm, labelFilters: ['app(*'] })).toThrow('[day2/f] labelFilters[0] "app(*" is not a valid regular expression, and KubeVirt matches each filter as one: escape special characters with "\\"');
    expect(bad('g', { source: vm, newMacAddresses: { default: '02:00:00:00:01' } })).toThrow('[day2/g] newMacAddresses["default"] "02:00:00:00:01" is not a MAC address: write six hex pairs separated by colons, e.g. "02:00:00:00:00:01"');
    expect(bad('h', { source: vm, newMacAddresses: { default: '01:00:5e:00:00:01' } })).toThrow('[day2/h] newMacAddresses["default"] "01:00:5e:00:00:01" is a multicast address');
    expect(bad('i', { source: vm, newSmbiosSerial: 'SN:123' })).toThrow(
      '[day2/i] newSmbiosSerial "SN:123" holds ":" or ",", and the restore KubeVirt creates for the clone carries it in a patch its webhook then refuses: leave them out');
    expect(bad('j', { source: vm, patches: [{ op: 'replace', path: '/spec/runStrategy', value: 'Halted' }, { op: 'add', path: '/status/x', value: 1 }] })).toThrow(
      '[day2/j] patches[1] {"op":"add","path":"/status/x","value":1} patches only fields under /spec/, /metadata/labels/ or /metadata/annotations/ (the webhook of the restore KubeVirt creates for the clone refuses "/status/x"; the target\'s name is targetName)');
    expect(bad('k', { source: vm, patches: [{ op: 'add', path: '/metadata/annotations/url', value: 'http://x' }] })).toThrow(
      '[day2/k] patches[0] {"op":"add","path":"/metadata/annotations/url","value":"http://x"} cannot pass the webhook of the restore KubeVirt creates for the clone, which splits each patch at "," and ":"');
    expect(bad('l', { source: vm, targetName: 'DB' })).toThrow('[day2/l] targetName "DB" is not a valid DNS-1123 subdomain');
  });

  test('plain-JS input: null or missing props and wrong types give messages, not TypeErrors', () => {
    const { day2, vm } = backupSetup();
    const bad = (id: string, props: unknown) => () => new VirtualMachineClone(day2, id, props as any);
    const source = 'must be a VirtualMachine or VirtualMachineSnapshot construct of this app';
    expect(bad('a', null)).toThrow('[day2/a] props null must be an object of VirtualMachineCloneProps, e.g. { source: vm }');
    expect(bad('a2', {})).toThrow(`[day2/a2] source undefined ${source}`);
    expect(bad('b', { source: 'db' })).toThrow(`[day2/b] source "db" ${source}`);
    expect(bad('c', { source: vm, labelFilters: 'app' })).toThrow('[day2/c] labelFilters "app" must be a list of strings');
    expect(bad('d', { source: vm, labelFilters: [1] })).toThrow('[day2/d] labelFilters[0] 1 must be a string');
    expect(bad('e', { source: vm, newMacAddresses: ['02:00:00:00:00:01'] })).toThrow('[day2/e] newMacAddresses ["02:00:00:00:00:01"] must be an object of string values, e.g. { key: "value" }');
    expect(bad('f', { source: vm, newMacAddresses: { default: null } })).toThrow('[day2/f] newMacAddresses["default"] null must be a string');
    expect(bad('g', { source: vm, newSmbiosSerial: 12 })).toThrow('[day2/g] newSmbiosSerial 12 must be a non-empty string');
    expect(bad('h', { source: vm, targetName: null })).toThrow('[day2/h] targetName null must be a non-empty string');
    expect(bad('i', { source: vm, metadata: 'x' })).toThrow('[day2/i] metadata "x" must be an object');
  });
});
