import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

const list = (value: unknown): KubeObject[] => (Array.isArray(value) ? value : []);

/** Every disk of a VM has a volume, and every volume is used by a disk or filesystem. */
export const disksAndVolumes: Rule = {
  id: ValidationRule.DISKS_AND_VOLUMES,
  order: 300,
  summary: 'every disk has a volume, every volume is used',
  reference: 'https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    for (const { index, vm: { spec, specPath } } of context.vms) {
      const devices = spec.domain?.devices ?? {};
      const volumes = list(spec.volumes);
      const disks = list(devices.disks);
      const volumeNames = new Set(volumes.map((v) => v?.name));
      const used = new Set([...disks.map((d) => d?.name), ...list(devices.filesystems).map((f) => f?.name)]);
      disks.forEach((disk, j) => {
        if (!volumeNames.has(disk?.name)) {
          context.error(index, `${specPath}.domain.devices.disks[${j}].name`, `disk ${JSON.stringify(disk?.name)} has no volume of the same name: add a volume named ${JSON.stringify(disk?.name)} to ${specPath}.volumes, or remove the disk`);
        }
      });
      volumes.forEach((volume, j) => {
        // A memory dump volume is written by KubeVirt, never attached as a disk.
        if (!used.has(volume?.name) && volume?.memoryDump === undefined) {
          context.error(index, `${specPath}.volumes[${j}].name`, `volume ${JSON.stringify(volume?.name)} is used by no disk or filesystem: add a disk named ${JSON.stringify(volume?.name)} to ${specPath}.domain.devices.disks, or remove the volume`);
        }
      });
    }
  },
};
