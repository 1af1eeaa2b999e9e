import { MigrationBlockerReason } from '../../../model/live-migration';
import { MigrationCheck } from '../../migration-check';

/** Hyper-V passthrough gives the guest whatever Hyper-V features this host has. */
export const hypervPassthrough: MigrationCheck = {
  id: 'hyperv-passthrough',
  order: 700,
  reasons: [{ reason: MigrationBlockerReason.HYPERV_PASSTHROUGH, when: 'Hyper-V passthrough' }],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    if (subject.domain.features?.hypervPassthrough?.enabled === true) {
      subject.block(MigrationBlockerReason.HYPERV_PASSTHROUGH, `${subject.specPath}.domain.features.hypervPassthrough`, 'Hyper-V passthrough hands the guest the host\'s Hyper-V features as they are: list the features under domain.features.hyperv instead');
    }
  },
};
