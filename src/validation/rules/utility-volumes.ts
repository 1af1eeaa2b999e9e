import { Rule, RuleSource } from '../rule';

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** A VMI (or a VM's template) is created without utilityVolumes: KubeVirt adds those only by hotplug. */
export const utilityVolumes: Rule = {
  id: 'utility-volumes',
  order: 9060,
  summary: 'a VMI, or a VM\'s template, has no `utilityVolumes` (even an empty list): KubeVirt adds them to a running VMI only, by hotplug, as its VMI admission requires',
  // Upstream function: ValidateUtilityVolumesNotPresentOnCreation, called by ValidateVirtualMachineInstanceSpec.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/storagehotplug.go#L439-L451',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      if (!isSet(vm.spec.utilityVolumes)) continue;
      context.error(index, `${vm.specPath}.utilityVolumes`, `${holder} has utilityVolumes, which KubeVirt refuses when it creates an instance (utility volumes, such as a backup's, are hotplugged into a running VMI only): remove utilityVolumes; use volumes for disks the VM starts with`);
    }
  },
};
