import { listOf } from '../../../common/objects';
import { MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject } from '../../../model/object-index';
import { MigrationCheck } from '../../migration-check';

/** Filesystems shared through virtiofs. */
export const virtiofs: MigrationCheck = {
  id: 'virtiofs',
  order: 600,
  reasons: [{ reason: MigrationBlockerReason.VIRTIOFS, when: 'a filesystem shared through virtiofs' }],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    const filesystems: KubeObject[] = listOf(subject.devices.filesystems);
    filesystems.forEach((fs, i) => {
      if (fs?.virtiofs !== undefined) {
        subject.block(MigrationBlockerReason.VIRTIOFS, `${subject.specPath}.domain.devices.filesystems[${i}]`, `filesystem ${JSON.stringify(fs.name)} is shared through virtiofs, which KubeVirt cannot migrate: attach the data as a disk instead`);
      }
    });
  },
};
