import { Duration } from 'cdk8s';
import { backupSetup, synthWarnings } from './fixtures';
import { SnapshotDeletionPolicy, VirtualMachineSnapshot } from '../../src/backup/virtual-machine-snapshot';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DeploymentPhase } from '../../src/gitops/deployment-phase';
import { deploymentPhaseOf } from '../../src/gitops/sync-waves';
import { VolumeSource } from '../../src/storage/volume-source';
import { findObject, synthValid } from '../helpers';

describe('VirtualMachineSnapshot', () => {
  test('a snapshot of the declared VM, in its namespace, from a day-2 chart', () => {
    const setup = backupSetup();
    const snapshot = new VirtualMachineSnapshot(setup.day2, 'nightly', {
      vm: setup.vm,
      metadata: { name: 'db-nightly', labels: { schedule: 'nightly' } },
      deletionPolicy: SnapshotDeletionPolicy.RETAIN,
      failureDeadline: Duration.minutes(90),
    });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineSnapshot')).toEqual({
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineSnapshot',
      metadata: { name: 'db-nightly', namespace: 'shop', labels: { schedule: 'nightly' } },
      spec: {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db' },
        deletionPolicy: 'Retain',
        failureDeadline: '1h30m0s',
      },
    });
    expect([snapshot.kind, snapshot.name, snapshot.namespace, snapshot.resourceType, snapshot.vm]).toEqual(['VirtualMachineSnapshot', 'db-nightly', 'shop', 'virtualmachinesnapshots', setup.vm]);
    expect(deploymentPhaseOf(snapshot.apiObject)).toBe(DeploymentPhase.WORKLOADS);
    expect(synthWarnings(setup)).toEqual([]);
  });

  test('only the source by default; no deadline is 0s', () => {
    const setup = backupSetup();
    new VirtualMachineSnapshot(setup.day2, 'once', { vm: setup.vm, metadata: { name: 'once' }, failureDeadline: Duration.seconds(0) });
    expect(findObject(synthValid(setup.day2), 'VirtualMachineSnapshot').spec).toEqual({
      source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'db' },
      failureDeadline: '0s',
    });
  });

  test('a VM without a disk on a claim is warned about, with disks added after the snapshot counted', () => {
    const setup = backupSetup();
    const vm = new VirtualMachine(setup.workloads, 'ephemeral', { metadata: { name: 'scratch' }, memory: '1Gi' });
    new VirtualMachineSnapshot(setup.day2, 'snap', { vm });
    vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    expect(synthWarnings(setup)).toEqual([
      '[day2/snap] warning: VirtualMachine "shop/scratch" has no disk a snapshot can hold (its volumes ("root") are not PersistentVolumeClaims or DataVolumes): the snapshot keeps its definition only',
    ]);
  });

  test('a VM without volumes is warned about', () => {
    const setup = backupSetup();
    const vm = new VirtualMachine(setup.workloads, 'empty', { metadata: { name: 'empty' }, memory: '1Gi' });
    new VirtualMachineSnapshot(setup.day2, 'snap', { vm });
    expect(synthWarnings(setup)).toEqual([
      '[day2/snap] warning: VirtualMachine "shop/empty" has no disk a snapshot can hold (it has no volumes): the snapshot keeps its definition only',
    ]);
  });

  test('bad input names the construct, the value and the fix', () => {
    const { day2, vm } = backupSetup();
    const bad = (id: string, props: unknown) => () => new VirtualMachineSnapshot(day2, id, props as any);
    expect(bad('a', { vm: 'db' })).toThrow('[day2/a] vm "db" must be a VirtualMachine construct of this app (the snapshot takes its namespace and checks its disks)');
    expect(bad('b', { vm: day2 })).toThrow('[day2/b] vm (the Chart at "day2") must be a VirtualMachine construct of this app');
    expect(bad('c', { vm, metadata: { name: 'Nightly!' } })).toThrow('[day2/c] metadata.name "Nightly!" is not a valid DNS-1123 subdomain');
    expect(bad('d', { vm, deletionPolicy: 'Keep' })).toThrow('[day2/d] deletionPolicy "Keep" is not one of "Delete", "Retain"');
    expect(bad('e', { vm, failureDeadline: 300 })).toThrow('[day2/e] failureDeadline 300 must be a Duration, e.g. Duration.minutes(10)');
    expect(bad('f', { vm, failureDeadline: Duration.millis(1500) })).toThrow('[day2/f] failureDeadline of 1.5 seconds must be a whole number of seconds, 0 or more');
  });

  test('plain-JS input: null or missing props and wrong types give messages, not TypeErrors', () => {
    const { day2, vm } = backupSetup();
    const bad = (id: string, props: unknown) => () => new VirtualMachineSnapshot(day2, id, props as any);
    expect(bad('a', null)).toThrow('[day2/a] props null must be an object of VirtualMachineSnapshotProps, e.g. { vm }');
    expect(bad('b', undefined)).toThrow('[day2/b] props undefined must be an object of VirtualMachineSnapshotProps, e.g. { vm }');
    expect(bad('b2', {})).toThrow('[day2/b2] vm undefined must be a VirtualMachine construct of this app');
    expect(bad('c', { vm: null })).toThrow('[day2/c] vm null must be a VirtualMachine construct of this app');
    expect(bad('d', { vm, metadata: 'nightly' })).toThrow('[day2/d] metadata "nightly" must be an object, e.g. { name: "nightly" }');
    expect(bad('e', { vm, metadata: null })).toThrow('[day2/e] metadata null must be an object');
    expect(bad('f', { vm, deletionPolicy: null })).toThrow('[day2/f] deletionPolicy null is not one of "Delete", "Retain"');
  });
});
