import { MigrationBlockerReason } from '../../../model/live-migration';
import { MigrationCheck } from '../../migration-check';

const CONFIDENTIAL = 'a confidential guest\'s memory is encrypted with a key of its host, so it cannot be copied to another node: leave live migration off for this VM';

/** Confidential guests (AMD SEV, IBM Secure Execution, Intel TDX): memory encrypted with the host's key. */
export const confidentialGuests: MigrationCheck = {
  id: 'confidential-guests',
  order: 800,
  reasons: [
    { reason: MigrationBlockerReason.SEV, when: 'an AMD SEV or SEV-SNP confidential guest' },
    { reason: MigrationBlockerReason.SECURE_EXECUTION, when: 'an IBM Secure Execution confidential guest (s390x)' },
    { reason: MigrationBlockerReason.TDX, when: 'an Intel TDX confidential guest' },
  ],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    const launchSecurity = subject.domain.launchSecurity;
    if (launchSecurity === undefined || launchSecurity === null) return;
    const path = `${subject.specPath}.domain.launchSecurity`;
    if (launchSecurity.sev !== undefined || launchSecurity.snp !== undefined) {
      subject.block(MigrationBlockerReason.SEV, path, `the VM uses AMD SEV; ${CONFIDENTIAL}`);
    } else if (launchSecurity.tdx !== undefined) {
      subject.block(MigrationBlockerReason.TDX, path, `the VM uses Intel TDX; ${CONFIDENTIAL}`);
    } else if (subject.spec.architecture === 's390x') {
      subject.block(MigrationBlockerReason.SECURE_EXECUTION, path, `the VM uses IBM Secure Execution; ${CONFIDENTIAL}`);
    }
  },
};
