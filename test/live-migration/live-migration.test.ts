import { Chart, Testing } from 'cdk8s';
import { RunStrategy } from '../../src/compute/run-strategy';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { LiveMigration } from '../../src/live-migration/live-migration';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';
import { findObject, synthValid } from '../helpers';

function setup(props: Partial<VirtualMachineProps> = {}) {
  const app = Testing.app();
  const workloads = new Chart(app, 'workloads', { namespace: 'mq' });
  const day2 = new Chart(app, 'day2');
  const vm = new VirtualMachine(workloads, 'vm', { metadata: { name: 'rdqm-1' }, memory: '4Gi', liveMigration: LiveMigrationMode.REQUIRED, ...props });
  vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_MANY] }));
  return { app, workloads, day2, vm };
}

describe('LiveMigration', () => {
  test('a VirtualMachineInstanceMigration in the VM\'s namespace, from a chart of its own', () => {
    const { day2, vm } = setup();
    new LiveMigration(day2, 'move', { vm, metadata: { name: 'rdqm-1-maintenance' }, targetNodeSelector: { 'topology.kubernetes.io/zone': 'b' } });
    expect(findObject(synthValid(day2), 'VirtualMachineInstanceMigration')).toEqual({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { name: 'rdqm-1-maintenance', namespace: 'mq' },
      spec: { vmiName: 'rdqm-1', addedNodeSelector: { 'topology.kubernetes.io/zone': 'b' } },
    });
  });

  test('is a resource of one object: metadata reaches the output', () => {
    const { day2, vm } = setup();
    const move = new LiveMigration(day2, 'move', { vm, metadata: { name: 'rdqm-1-maintenance' } });
    move.metadata.addLabel('reason', 'maintenance');
    expect([move.kind, move.name, move.namespace, move.resourceType]).toEqual(['VirtualMachineInstanceMigration', 'rdqm-1-maintenance', 'mq', 'virtualmachineinstancemigrations']);
    expect(findObject(synthValid(day2), 'VirtualMachineInstanceMigration').metadata.labels).toEqual({ reason: 'maintenance' });
  });

  test('a VM that cannot migrate is refused with every reason, even with liveMigration OFF', () => {
    const { app, day2, vm } = setup({ liveMigration: LiveMigrationMode.OFF });
    vm.addDisk('tools', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    new LiveMigration(day2, 'move', { vm });
    expect(() => app.synthYaml()).toThrow('Validation failed with the following errors:\n  [day2/move] VirtualMachine "mq/rdqm-1" cannot live-migrate: DisksNotLiveMigratable at spec.template.spec.volumes[1]: volume "tools" is a container disk:');
  });

  test('a halted VM has nothing to migrate', () => {
    const { app, day2, vm } = setup({ runStrategy: RunStrategy.HALTED });
    new LiveMigration(day2, 'move', { vm });
    expect(() => app.synthYaml()).toThrow('[day2/move] VirtualMachine "mq/rdqm-1" has runStrategy Halted, so there is no running instance to migrate: start the VM first, or drop the migration');
  });

  test('bad input names the construct', () => {
    const { day2, vm } = setup();
    expect(() => new LiveMigration(day2, 'a', { vm: 'rdqm-1' as unknown as VirtualMachine })).toThrow('[day2/a] vm must be a VirtualMachine construct of this app (the migration checks that it can migrate)');
    expect(() => new LiveMigration(day2, 'b', { vm, metadata: { name: 'Move!' } })).toThrow('[day2/b] metadata.name "Move!" is not a valid DNS-1123 subdomain');
  });
});
