import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

// KubeVirt's DriverCache values; anything else (a typo such as "writeback2") is refused.
const CACHE_MODES = ['none', 'writethrough', 'writeback'];

/** A disk's `cache` is one of the modes KubeVirt accepts (or left out). */
export const diskCacheModes: Rule = {
  id: ValidationRule.DISK_CACHE_MODES,
  order: 320,
  summary: 'a disk\'s `cache` is `none`, `writethrough` or `writeback` (or left out), as KubeVirt\'s disk admission requires',
  // Upstream function: validateCacheMode.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/disks.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const disks: unknown[] = listOf(vm.spec.domain?.devices?.disks);
      disks.forEach((disk: any, position) => {
        const cache = disk?.cache;
        if (cache === undefined || cache === '' || CACHE_MODES.includes(cache)) return;
        context.error(index, `${vm.specPath}.domain.devices.disks[${position}].cache`,
          `disk ${show(disk?.name)} of ${holder} has cache mode ${show(cache)}, which KubeVirt refuses (it knows only ${CACHE_MODES.map((m) => show(m)).join(', ')}): use one of those, or leave cache out for KubeVirt's choice`);
      });
    }
  },
};
