import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

const list = (value: unknown): KubeObject[] => (listOf(value));

/** Whether an entry has this name, compared as a Set compares (a VM has a few volumes: a scan, not a Set per VM). */
function hasName(entries: readonly KubeObject[], name: unknown): boolean {
  for (let i = 0; i < entries.length; i++) {
    const other = entries[i]?.name;
    if (other === name || (Number.isNaN(other) && Number.isNaN(name))) return true;
  }
  return false;
}

/**
 * Every disk of a VM has a volume. A volume no disk or filesystem uses is not an error: KubeVirt
 * adds a disk for it before validating (`SetDefaultVolumeDisk`, called by the VM admitter on a
 * copy of the template and by the VMI mutator; kubevirt v1.9.0 pkg/util/util.go). Nor is a
 * CD-ROM without a volume: an empty drive to hotplug media into later, accepted with the
 * DeclarativeHotplugVolumes gate, beta and so on by default at v1.9.0 (validateBootOrder).
 */
export const disksAndVolumes: Rule = {
  id: ValidationRule.DISKS_AND_VOLUMES,
  order: 300,
  summary: 'every disk but an empty CD-ROM has a volume (a volume without a disk gets one from KubeVirt)',
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm: { spec, specPath } } = listed[n];
      const devices = spec.domain?.devices ?? {};
      const volumes = list(spec.volumes);
      const disks = list(devices.disks);
      // A loop, not forEach: no closure per VM of a fleet (holes are skipped, as forEach skips them).
      for (let j = 0; j < disks.length; j++) {
        const disk = disks[j];
        if (j in disks && !hasName(volumes, disk?.name) && (disk?.cdrom === undefined || disk?.cdrom === null)) {
          context.error(index, `${specPath}.domain.devices.disks[${j}].name`, `disk ${JSON.stringify(disk?.name)} has no volume of the same name: add a volume named ${JSON.stringify(disk?.name)} to ${specPath}.volumes, or remove the disk`);
        }
      }
    }
  },
};
