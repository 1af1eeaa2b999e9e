import { listOf } from '../../../common/objects';
import { MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject } from '../../../model/object-index';
import { MigrationCheck } from '../../migration-check';

/** A LUN with SCSI persistent reservation: the reservation is held by the node. */
export const persistentReservation: MigrationCheck = {
  id: 'persistent-reservation',
  order: 200,
  reasons: [{ reason: MigrationBlockerReason.PERSISTENT_RESERVATION, when: 'a LUN disk with SCSI persistent reservation' }],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    const disks: KubeObject[] = listOf(subject.devices.disks);
    disks.forEach((disk, i) => {
      if (disk?.lun?.reservation === true) {
        subject.block(MigrationBlockerReason.PERSISTENT_RESERVATION, `${subject.specPath}.domain.devices.disks[${i}].lun.reservation`,
          `disk ${JSON.stringify(disk.name)} is a LUN with SCSI persistent reservation, which the node holds: drop lun.reservation, or leave live migration off for this VM`);
      }
    });
  },
};
