import { App, Chart, Testing } from 'cdk8s';
import { VirtualMachine, VirtualMachineProps } from '../../src/compute/virtual-machine';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';
import { AppValidation } from '../../src/validation/app-validation';

/** An app with a VM `shop/db` (one DataVolume disk) in chart `workloads`, a day-2 chart, and the warnings synth reports. */
export function backupSetup(props: Partial<VirtualMachineProps> = {}) {
  const app: App = Testing.app();
  const workloads = new Chart(app, 'workloads', { namespace: 'shop' });
  const day2 = new Chart(app, 'day2');
  const vm = new VirtualMachine(workloads, 'vm', { metadata: { name: 'db' }, memory: '4Gi', ...props });
  vm.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi' }));
  const warnings: string[] = [];
  AppValidation.of(app).configure({ onWarnings: (lines) => warnings.push(...lines) });
  return { app, workloads, day2, vm, warnings };
}

/** Synthesizes the app (running every validation) and returns the warnings reported. */
export function synthWarnings(setup: { app: App; warnings: string[] }): string[] {
  setup.app.synthYaml();
  return setup.warnings;
}
