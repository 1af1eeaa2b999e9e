import { MigrationBlockerReason } from '../../../model/live-migration';
import { MigrationCheck } from '../../migration-check';

/** host-passthrough shows the guest the exact host CPU, which another node may not have. */
export const cpuMode: MigrationCheck = {
  id: 'cpu-mode',
  order: 400,
  reasons: [{ reason: MigrationBlockerReason.CPU_MODE, when: '`host-passthrough` CPU (host-model and named models pass); the reason is spelled so by KubeVirt' }],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    if (subject.domain.cpu?.model === 'host-passthrough') {
      subject.block(MigrationBlockerReason.CPU_MODE, `${subject.specPath}.domain.cpu.model`, 'the CPU model is host-passthrough, which shows the guest the exact host CPU, so QEMU cannot promise it the same CPU on another node: use host-model (KubeVirt\'s default) or a named model such as "Skylake-Server"');
    }
  },
};
