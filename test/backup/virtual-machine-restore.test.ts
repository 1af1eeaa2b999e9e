import { backupSetup, synthWarnings } from './fixtures';
import { TargetReadinessPolicy, VirtualMachineRestore, VolumeRestorePolicy } from '../../src/backup/virtual-machine-restore';
import { VirtualMachineSnapshot } from '../../src/backup/virtual-machine-snapshot';
import { Firmware } from '../../src/compute/firmware';
import { RunStrategy } from '../../src/compute/run-strategy';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DeploymentPhase } from '../../src/gitops/deployment-phase';
import { deploymentPhaseOf } from '../../src/gitops/sync-waves';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { findObject, synthValid } from '../helpers';

function withSnapshot(props: Parameters<typeof backupSetup>[0] = {}) {
  const setup = backupSetup(props);
  const snapshot = new VirtualMachineSnapshot(setup.day2, 'snap', { vm: setup.vm, metadata: { name: 'db-before-upgrade' } });
  return { ...setup, snapshot };
}

describe('VirtualMachineRestore', () => {
  test('in place, from a declared snapshot, keeping the claim names the app declares', () => {
    const setup = withSnapshot({ runStrategy: RunStrategy.HALTED });
    const restore = new VirtualMachineRestore(setup.day2, 'undo', {
      snapshot: setup.snapshot,
      metadata: { name: 'db-undo-upgrade' },
      volumeRestorePolicy: VolumeRestorePolicy.IN_PLACE,
      volumeRestoreOverrides: [{ volumeName: 'root', labels: { restored: 'true' } }],
    });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineRestore')).toEqual({
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineRestore',
      metadata: { name: 'db-undo-upgrade', namespace: 'shop' },
      spec: {
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db' },
        virtualMachineSnapshotName: 'db-before-upgrade',
        volumeRestorePolicy: 'InPlace',
        volumeRestoreOverrides: [{ volumeName: 'root', labels: { restored: 'true' } }],
      },
    });
    expect([restore.inPlace, restore.targetName, restore.snapshotName, restore.vm, restore.resourceType]).toEqual([true, 'db', 'db-before-upgrade', setup.vm, 'virtualmachinerestores']);
    expect(deploymentPhaseOf(restore.apiObject)).toBe(DeploymentPhase.WORKLOADS);
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('into a new VM, from a snapshot taken outside the app, with patches', () => {
    const setup = backupSetup();
    new VirtualMachineRestore(setup.day2, 'copy', {
      snapshotName: 'db-nightly-20260101',
      vm: setup.vm,
      targetName: 'db-copy',
      metadata: { name: 'db-copy' },
      targetReadinessPolicy: TargetReadinessPolicy.FAIL_IMMEDIATE,
      volumeRestorePolicy: VolumeRestorePolicy.PREFIX_TARGET_NAME,
      volumeRestoreOverrides: [{ volumeName: 'root', restoreName: 'db-copy-root', annotations: { purpose: 'test' } }],
      patches: [
        { op: 'replace', path: '/spec/runStrategy', value: 'Manual' },
        { op: 'add', path: '/metadata/labels/copy', value: 'true' },
        { op: 'remove', path: '/spec/template/metadata/annotations/owner' },
      ],
    });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineRestore').spec).toEqual({
      target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db-copy' },
      virtualMachineSnapshotName: 'db-nightly-20260101',
      targetReadinessPolicy: 'FailImmediate',
      volumeRestorePolicy: 'PrefixTargetName',
      volumeRestoreOverrides: [{ volumeName: 'root', restoreName: 'db-copy-root', annotations: { purpose: 'test' } }],
      patches: [
        '{"op":"replace","path":"/spec/runStrategy","value":"Manual"}',
        '{"op":"add","path":"/metadata/labels/copy","value":"true"}',
        '{"op":"remove","path":"/spec/template/metadata/annotations/owner"}',
      ],
    });
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('warns when an in-place restore renames the claims, or waits for a running VM', () => {
    const setup = withSnapshot();
    new VirtualMachineRestore(setup.day2, 'undo', { snapshot: setup.snapshot });
    expect(synthWarnings(setup)).toEqual([
      '[day2/undo] warning: the restore gives VirtualMachine "shop/db" claims with new names (volumeRestorePolicy RandomizeNames), but this app declares it with the old ones, so the next apply puts the old disks back: use VolumeRestorePolicy.IN_PLACE',
      '[day2/undo] warning: VirtualMachine "shop/db" is declared running (runStrategy Always), and the restore fails after 5 minutes unless it is stopped: set targetReadinessPolicy: TargetReadinessPolicy.STOP_TARGET, or stop the VM first',
    ]);
  });

  test('STOP_TARGET and IN_PLACE leave nothing to warn about', () => {
    const setup = withSnapshot();
    new VirtualMachineRestore(setup.day2, 'undo', { snapshot: setup.snapshot, volumeRestorePolicy: VolumeRestorePolicy.IN_PLACE, targetReadinessPolicy: TargetReadinessPolicy.STOP_TARGET });
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('warns that a new VM gets the fixed addresses of the source', () => {
    const setup = withSnapshot();
    setup.vm.attachNetwork(NetworkAttachmentDefinition.fromName('repl'), { interfaceName: 'repl', ip: '192.168.4.1/24' });
    setup.vm.addCloudInit({ userData: { hostname: 'db' } });
    new VirtualMachineRestore(setup.day2, 'copy', { snapshot: setup.snapshot, targetName: 'db-copy' });
    expect(synthWarnings(setup)).toEqual([
      '[day2/copy] warning: KubeVirt refuses a restore into a new VM while its snapshot has no content yet, so this restore fails when applied with VirtualMachineSnapshot "db-before-upgrade": apply it once the snapshot is ready (kubectl wait vmsnapshot/db-before-upgrade --for=condition=Ready)',
      '[day2/copy] warning: the new VM "db-copy" is created halted with the fixed addresses of VirtualMachine "shop/db" (interface "repl" (192.168.4.1/24)): change its addresses before starting it, or the two clash',
    ]);
  });

  test('synth refuses a VM with backend storage into another VM, and overrides of volumes the VM lacks', () => {
    const setup = withSnapshot({ firmware: Firmware.efi({ persistent: true }) });
    new VirtualMachineRestore(setup.day2, 'copy', { snapshot: setup.snapshot, targetName: 'db-copy', volumeRestoreOverrides: [{ volumeName: 'data', restoreName: 'db-copy-data' }] });
    expect(() => setup.app.synthYaml()).toThrow([
      'Validation failed with the following errors:',
      '  [day2/copy] volumeRestoreOverrides: VirtualMachine "shop/db" has no volume "data" on a claim (it has "root"): name one of those',
      '  [day2/copy] VirtualMachine "shop/db" has persistent EFI variables, kept on backend storage, and KubeVirt refuses to restore such a VM into another VM ("db-copy"): restore it in place',
    ].join('\n'));
  });

  test('a VM with backend storage may be restored in place', () => {
    const setup = withSnapshot({ firmware: Firmware.efi({ persistent: true }), runStrategy: RunStrategy.HALTED });
    new VirtualMachineRestore(setup.day2, 'undo', { snapshot: setup.snapshot, volumeRestorePolicy: VolumeRestorePolicy.IN_PLACE });
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('refuses what the restore webhook refuses, and what would harm the source VM', () => {
    const { day2, vm, snapshot } = withSnapshot();
    const bad = (id: string, props: unknown) => () => new VirtualMachineRestore(day2, id, props as any);
    expect(bad('a', { snapshot, targetName: 'db-copy', volumeRestorePolicy: VolumeRestorePolicy.IN_PLACE })).toThrow(
      '[day2/a] volumeRestorePolicy InPlace gives the new VM "db-copy" the claims of VirtualMachine "shop/db", which KubeVirt deletes and replaces: use VolumeRestorePolicy.PREFIX_TARGET_NAME or RANDOMIZE_NAMES');
    expect(bad('b', { snapshot, volumeRestorePolicy: 'Overwrite' })).toThrow('[day2/b] volumeRestorePolicy "Overwrite" is not one of "RandomizeNames", "InPlace", "PrefixTargetName"');
    expect(bad('c', { snapshot, targetReadinessPolicy: 'Stop' })).toThrow('[day2/c] targetReadinessPolicy "Stop" is not one of "StopTarget", "WaitGracePeriod", "FailImmediate", "WaitEventually"');
    expect(bad('d', { snapshot, volumeRestoreOverrides: [{ volumeName: 'root' }] })).toThrow(
      '[day2/d] volumeRestoreOverrides[0] for volume "root" changes nothing: give restoreName, labels or annotations (KubeVirt refuses an empty override), or drop it');
    expect(bad('e', { snapshot, volumeRestoreOverrides: [{ restoreName: 'x' }] })).toThrow('[day2/e] volumeRestoreOverrides[0]: volumeName is missing: name the VM volume whose restored claim this changes');
    expect(bad('f', { snapshot, volumeRestoreOverrides: [{ volumeName: 'root', restoreName: 'a' }, { volumeName: 'root', labels: {} }] })).toThrow(
      '[day2/f] volumeRestoreOverrides[1]: volume "root" has an override already: merge the two');
    expect(bad('g', { snapshot, volumeRestoreOverrides: [{ volumeName: 'root', restoreName: 'Root_Disk' }] })).toThrow('[day2/g] volumeRestoreOverrides[0].restoreName "Root_Disk" is not a valid DNS-1123 subdomain');
    expect(bad('h', { snapshot, patches: [{ op: 'add', path: '/spec/runStrategy', value: 'Manual' }] })).toThrow(
      '[day2/h] patches apply only to a new VM, and this restore goes into VirtualMachine "shop/db" itself: give targetName for a new VM, or change the VM\'s declaration instead');
    expect(bad('i', { snapshot, targetName: 'copy', patches: [{ op: 'replace', path: '/metadata/name', value: 'other' }] })).toThrow(
      '[day2/i] patches[0] {"op":"replace","path":"/metadata/name","value":"other"} patches only fields under /spec/, /metadata/labels/ or /metadata/annotations/ (KubeVirt\'s restore webhook refuses "/metadata/name"; the target\'s name is targetName)');
    expect(bad('j', { snapshot, targetName: 'copy', patches: [{ op: 'add', path: '/metadata/annotations/url', value: 'https://example.com' }] })).toThrow(
      '[day2/j] patches[0] {"op":"add","path":"/metadata/annotations/url","value":"https://example.com"} cannot pass KubeVirt\'s restore webhook, which splits each patch at "," and ":" and refuses a piece without exactly one ":" (here "value":"https://example.com"): a value holding ":" or ",", or an object or list value, is refused; patch one plain field per operation, or change the VM after the restore');
    expect(bad('k', { snapshot, targetName: 'copy', patches: [{ op: 'add', path: '/spec/template/metadata/labels', value: { a: 'b', c: 'd' } }] })).toThrow(
      '[day2/k] patches[0] {"op":"add","path":"/spec/template/metadata/labels","value":{"a":"b","c":"d"}} cannot pass KubeVirt\'s restore webhook');
    expect(bad('l', { snapshot, targetName: 'copy', patches: [{ op: 'move', path: '/spec/a' }] })).toThrow('[day2/l] patches[0].op "move" is not one of "add", "remove", "replace"');
    expect(bad('m', { snapshot, targetName: 'copy', patches: [{ op: 'add', path: 'spec/a', value: 1 }] })).toThrow('[day2/m] patches[0].path "spec/a" must be a JSON Pointer starting with "/"');
    expect(bad('n', { snapshot, targetName: 'copy', patches: [{ op: 'add', path: '/spec/a' }] })).toThrow('[day2/n] patches[0].value undefined must be a JSON value: "add" sets the field at "/spec/a" to it');
    expect(bad('o', { snapshot, targetName: 'DB Copy' })).toThrow('[day2/o] targetName "DB Copy" is not a valid DNS-1123 subdomain');
    expect(bad('p', { snapshot, vm: new VirtualMachine(day2, 'other', { metadata: { name: 'other' }, memory: '1Gi' }) })).toThrow(
      '[day2/p] vm is not the VM of snapshot "db-before-upgrade" ("shop/db"): leave vm out');
    expect(bad('q', { snapshotName: 'Nightly', vm })).toThrow('[day2/q] snapshotName "Nightly" is not a valid DNS-1123 subdomain');
  });

  test('plain-JS input: null or missing props and wrong types give messages, not TypeErrors', () => {
    const { day2, vm, snapshot } = withSnapshot();
    const bad = (id: string, props: unknown) => () => new VirtualMachineRestore(day2, id, props as any);
    const either = 'give exactly one of snapshot (a VirtualMachineSnapshot of this app) and snapshotName (with vm, the VM it was taken of)';
    expect(bad('a', null)).toThrow('[day2/a] props null must be an object of VirtualMachineRestoreProps, e.g. { snapshot }');
    expect(bad('b', {})).toThrow(`[day2/b] ${either}`);
    expect(bad('c', { snapshot, snapshotName: 'x' })).toThrow(`[day2/c] ${either}`);
    expect(bad('d', { snapshot: 'db-before-upgrade' })).toThrow('[day2/d] snapshot "db-before-upgrade" must be a VirtualMachineSnapshot construct of this app (or give snapshotName and vm)');
    expect(bad('e', { snapshotName: 'x' })).toThrow('[day2/e] vm undefined must be a VirtualMachine construct of this app (the VM snapshotName was taken of: the restore takes its namespace and checks its disks)');
    expect(bad('f', { snapshotName: 42, vm })).toThrow('[day2/f] snapshotName 42 must be a non-empty string');
    expect(bad('g', { snapshot, targetName: 7 })).toThrow('[day2/g] targetName 7 must be a non-empty string');
    expect(bad('h', { snapshot, volumeRestoreOverrides: { volumeName: 'root' } })).toThrow('[day2/h] volumeRestoreOverrides {"volumeName":"root"} must be a list of { volumeName, restoreName, labels, annotations }');
    expect(bad('i', { snapshot, volumeRestoreOverrides: [null] })).toThrow('[day2/i] volumeRestoreOverrides[0] null must be an object with volumeName');
    expect(bad('j', { snapshot, volumeRestoreOverrides: [{ volumeName: 'root', labels: { restored: true } }] })).toThrow('[day2/j] volumeRestoreOverrides[0].labels["restored"] true must be a string, e.g. "true"');
    expect(bad('k', { snapshot, targetName: 'copy', patches: 'op: add' })).toThrow('[day2/k] patches "op: add" must be a list of { op, path, value } operations');
    expect(bad('l', { snapshot, targetName: 'copy', patches: [null] })).toThrow('[day2/l] patches[0] null must be an { op, path, value } operation');
    expect(bad('m', { snapshot, metadata: [] })).toThrow('[day2/m] metadata [] must be an object');
  });
});
