import { listOf } from '../../../common/objects';
import { MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject } from '../../../model/object-index';
import { MigrationCheck } from '../../migration-check';

const names = (devices: KubeObject[]): string => devices.map((d) => JSON.stringify(d?.name)).join(', ');

/**
 * Devices of the node passed through to the guest stay on that node. A single GPU moves only
 * when it is a mediated device listed in the KubeVirt CR and the alpha (off by default)
 * VGPULiveMigration feature gate is on, which a manifest cannot show: any GPU blocks.
 */
export const hostDevices: MigrationCheck = {
  id: 'host-devices',
  order: 500,
  reasons: [{ reason: MigrationBlockerReason.HOST_DEVICE, when: 'host devices, any GPU' }],
  // Upstream function: vmiContainsNonMigratablePCIHostDevices.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-handler/vm.go',
  check(subject) {
    const devices: KubeObject[] = listOf(subject.devices.hostDevices);
    if (devices.length > 0) {
      subject.block(MigrationBlockerReason.HOST_DEVICE, `${subject.specPath}.domain.devices.hostDevices`, `the VM passes through host devices (${names(devices)}), which stay on their node: remove them, or leave live migration off for this VM`);
    }
    const gpus: KubeObject[] = listOf(subject.devices.gpus);
    if (gpus.length > 1) {
      subject.block(MigrationBlockerReason.HOST_DEVICE, `${subject.specPath}.domain.devices.gpus`, `the VM has ${gpus.length} GPUs (${names(gpus)}), and KubeVirt migrates at most one: remove the GPUs, or leave live migration off for this VM`);
    } else if (gpus.length === 1) {
      subject.block(MigrationBlockerReason.HOST_DEVICE, `${subject.specPath}.domain.devices.gpus`, `the VM has a GPU (${names(gpus)}), which KubeVirt migrates only as a mediated device with the alpha VGPULiveMigration feature gate on (off by default): remove the GPU, or leave live migration off for this VM`);
    }
  },
};
