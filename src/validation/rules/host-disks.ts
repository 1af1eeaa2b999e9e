import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { parseQuantity } from '../../common/quantity';
import { Rule, RuleSource } from '../rule';

const TYPES = ['Disk', 'DiskOrCreate'];

/** A hostDisk volume has a path, a known type, and a capacity only when KubeVirt may create the file. */
export const hostDisks: Rule = {
  id: 'host-disks',
  order: 9140,
  summary: 'a hostDisk volume has a `path`, `type` Disk or DiskOrCreate, and a `capacity` only with DiskOrCreate, as KubeVirt\'s VMI admission requires (any hostDisk also needs the alpha HostDisk gate)',
  // Upstream: validateVolumes, its hostDisk part (refused without the gate, and with it on these fields).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go#L1825-L1857',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      listOf(vm.spec.volumes).forEach((volume: any, position) => {
        const disk = volume?.hostDisk;
        if (typeof disk !== 'object' || disk === null) return;
        const at = `${vm.specPath}.volumes[${position}].hostDisk`;
        const what = `hostDisk volume ${show(volume.name)} of ${holder}`;
        if (typeof disk.path !== 'string' || disk.path === '') context.error(index, `${at}.path`, `${what} has no path, which KubeVirt requires: give the image file's path on the node`);
        if (!TYPES.includes(disk.type)) context.error(index, `${at}.type`, `${what} has type ${show(disk.type ?? '')}, which KubeVirt does not know: use "Disk" (the file exists) or "DiskOrCreate" (KubeVirt creates it with capacity)`);
        const capacity = typeof disk.capacity === 'string' ? parseQuantity(disk.capacity) : typeof disk.capacity === 'number' ? disk.capacity : undefined;
        if (disk.type === 'Disk' && capacity !== undefined && capacity !== 0) {
          context.error(index, `${at}.capacity`, `${what} has type "Disk" and capacity ${show(disk.capacity)}, which KubeVirt refuses (it only sizes a file it creates): leave capacity out, or use type "DiskOrCreate"`);
        }
      });
    }
  },
};
