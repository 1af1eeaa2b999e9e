import { show } from '../../common/errors';
import { dnsLabelProblem } from '../../common/names';
import { listOf } from '../../common/objects';
import { defaultedVmSpec } from '../../model/vm-defaults';
import { Rule, RuleSource } from '../rule';

/** The field path of a disk's name (built for an issue only). */
const diskNameAt = (specPath: string, position: number): string => `${specPath}.domain.devices.disks[${position}].name`;

/**
 * The position of the first disk before `position` with this name, compared as a Map compares
 * keys (a VM has a few disks: a scan, not a Map per VM); holes are no disks.
 */
function firstWithName(disks: unknown[], position: number, name: unknown): number | undefined {
  for (let i = 0; i < position; i++) {
    if (!(i in disks)) continue;
    const other = (disks[i] as { name?: unknown } | null | undefined)?.name;
    if (other === name || (Number.isNaN(other) && Number.isNaN(name))) return i;
  }
  return undefined;
}

/** A VM's disk names are unique and DNS-1123 labels. */
export const diskNames: Rule = {
  id: 'disk-names',
  order: 1200,
  summary: 'a VM\'s disk names are unique and DNS-1123 labels (a disk\'s name becomes a container name), as KubeVirt\'s disk admission requires',
  // Upstream functions: validateDiskName, validateDiskNameAsContainerName.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/disks.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    // A fleet's VMs repeat a few disk names: each is judged once per run.
    const problems = new Map<string, string | undefined>();
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      // With the disks KubeVirt adds for diskless volumes: the admitter validates those too.
      const { spec, defaulted } = defaultedVmSpec(vm);
      const disks: unknown[] = listOf(spec.domain?.devices?.disks);
      disks.forEach((disk: any, position) => {
        const name = disk?.name;
        const first = firstWithName(disks, position, name);
        if (first !== undefined) {
          context.error(index, diskNameAt(vm.specPath, position), `disk ${show(name)} of ${holder} is declared twice (disks[${first}] and disks[${position}]), which KubeVirt refuses: each disk is one device of its own volume; rename one (and its volume), or remove the copy`);
          return;
        }
        // A missing name is the schema's to report.
        if (typeof name === 'string' && !problems.has(name)) problems.set(name, dnsLabelProblem(name));
        const problem = typeof name === 'string' ? problems.get(name) : undefined;
        const added = defaulted.get(disk);
        if (problem && added?.path.includes('.volumes[')) {
          context.error(index, `${added.path}.name`, `volume ${show(name)} of ${holder} has no disk, so KubeVirt adds one of its name, and that name ${problem}; KubeVirt refuses it because a disk's name becomes the name of a container in the VM's pod (rename the volume)`);
        } else if (problem) {
          context.error(index, diskNameAt(vm.specPath, position), `disk ${show(name)} of ${holder} ${problem}; KubeVirt refuses it because a disk's name becomes the name of a container in the VM's pod (rename its volume too)`);
        }
      });
    }
  },
};
