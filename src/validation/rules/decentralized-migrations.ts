import { show } from '../../common/errors';
import { apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

/** A migration that both sends and receives names one migration ID in both. */
export const decentralizedMigrations: Rule = {
  id: 'decentralized-migrations',
  order: 9130,
  summary: 'a VirtualMachineInstanceMigration with both `sendTo` and `receive` gives them the same `migrationID`, as KubeVirt\'s migration admission requires (sendTo and receive also need the alpha DecentralizedLiveMigration gate)',
  // Upstream: MigrationCreateAdmitter.Admit, its decentralized part (refused without the gate, and with it when the IDs differ).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/migration-create-admitter.go#L150-L165',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachineInstanceMigration');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (apiGroupOf(object.apiVersion) !== 'kubevirt.io') continue;
      const { sendTo, receive } = object.spec ?? {};
      if (typeof sendTo !== 'object' || sendTo === null || typeof receive !== 'object' || receive === null) continue;
      if (sendTo.migrationID === receive.migrationID) continue;
      const holder = `VirtualMachineInstanceMigration ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      context.error(index, 'spec.receive.migrationID', `${holder} sends migration ${show(sendTo.migrationID)} and receives migration ${show(receive.migrationID)}, which KubeVirt refuses (one object is one migration): give sendTo and receive the same migrationID`);
    }
  },
};
