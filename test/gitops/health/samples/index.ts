import { DATA_VOLUME_SAMPLES } from './data-volumes';
import { APPLICATION_SAMPLES, SUBSCRIPTION_SAMPLES } from './gitops-objects';
import { CDI_SAMPLES, HYPERCONVERGED_SAMPLES, KUBEVIRT_SAMPLES } from './operator-crs';
import { HealthSample } from './sample';
import { MIGRATION_SAMPLES, VIRTUAL_MACHINE_SAMPLES } from './virtual-machines';

export { HealthSample } from './sample';
export { PRINTABLE_STATUS_HEALTH, virtualMachine } from './virtual-machines';

/** The samples of each kind, by `<group>/<kind>`. */
export const SAMPLES_BY_KIND: Readonly<Record<string, readonly HealthSample[]>> = {
  'argoproj.io/Application': APPLICATION_SAMPLES,
  'cdi.kubevirt.io/CDI': CDI_SAMPLES,
  'cdi.kubevirt.io/DataVolume': DATA_VOLUME_SAMPLES,
  'hco.kubevirt.io/HyperConverged': HYPERCONVERGED_SAMPLES,
  'kubevirt.io/KubeVirt': KUBEVIRT_SAMPLES,
  'kubevirt.io/VirtualMachine': VIRTUAL_MACHINE_SAMPLES,
  'kubevirt.io/VirtualMachineInstanceMigration': MIGRATION_SAMPLES,
  'operators.coreos.com/Subscription': SUBSCRIPTION_SAMPLES,
};
