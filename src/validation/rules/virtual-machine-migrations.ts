import { show } from '../../common/errors';
import { apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

/** A VirtualMachineInstanceMigration names its VMI and leaves the queue priority to KubeVirt. */
export const virtualMachineMigrations: Rule = {
  id: 'virtual-machine-migrations',
  order: 1370,
  summary: 'a VirtualMachineInstanceMigration names its VMI (`vmiName`) and sets no `priority` (only virt-controller may), as KubeVirt\'s migration admission requires',
  // Upstream: ValidateVirtualMachineInstanceMigrationSpec and the priority check of MigrationCreateAdmitter.Admit.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/migration-create-admitter.go#L97-L212',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachineInstanceMigration');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (object.kind !== 'VirtualMachineInstanceMigration' || apiGroupOf(object.apiVersion) !== 'kubevirt.io') continue;
      const spec = typeof object.spec === 'object' && object.spec !== null ? object.spec : {};
      const holder = `VirtualMachineInstanceMigration ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      if (typeof spec.vmiName !== 'string' || spec.vmiName === '') {
        context.error(index, 'spec.vmiName', `${holder} has no vmiName, and KubeVirt refuses a migration that names no VMI: set spec.vmiName to the running VM's name (in the migration's namespace)`);
      }
      if (spec.priority !== undefined && spec.priority !== null) {
        context.error(index, 'spec.priority', `${holder} sets priority ${show(spec.priority)}, and KubeVirt lets only its virt-controller set the migration queue priority: leave priority out`);
      }
    }
  },
};
