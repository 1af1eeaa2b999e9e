import { MigrationBlockerReason } from '../../../model/live-migration';
import { KubeObject } from '../../../model/object-index';
import { MigrationCheck } from '../../migration-check';

/** Devices of the node passed through to the guest stay on that node; one mediated GPU can move. */
export const hostDevices: MigrationCheck = {
  id: 'host-devices',
  order: 500,
  reasons: [{ reason: MigrationBlockerReason.HOST_DEVICE, when: 'host devices, more than one GPU' }],
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-handler/vm.go',
  check(subject) {
    const base = `${subject.specPath}.domain.devices`;
    const devices: KubeObject[] = Array.isArray(subject.devices.hostDevices) ? subject.devices.hostDevices : [];
    if (devices.length > 0) {
      subject.block(MigrationBlockerReason.HOST_DEVICE, `${base}.hostDevices`, `the VM passes through host devices (${devices.map((d) => JSON.stringify(d?.name)).join(', ')}), which stay on their node: remove them, or leave live migration off for this VM`);
    }
    const gpus: KubeObject[] = Array.isArray(subject.devices.gpus) ? subject.devices.gpus : [];
    if (gpus.length > 1) {
      subject.block(MigrationBlockerReason.HOST_DEVICE, `${base}.gpus`, `the VM has ${gpus.length} GPUs (${gpus.map((d) => JSON.stringify(d?.name)).join(', ')}), and at most one (mediated) GPU can migrate: give it one GPU, or leave live migration off for this VM`);
    }
  },
};
