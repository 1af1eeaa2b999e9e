import { parseQuantity } from '../../common/quantity';
import { Rule, RuleSource } from '../rule';

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const nonZero = (value: unknown): boolean => typeof value === 'string' ? (parseQuantity(value) ?? 1) !== 0 : typeof value === 'number' && value !== 0;

/** A VMI (or the VMI a VM starts) asks for memory somehow: guest memory, hugepages, or a memory request or limit. */
export const memoryRequired: Rule = {
  id: 'memory-required',
  order: 9070,
  summary: 'a VMI, or a VM without an instance type (or a VirtualMachineInstancePreset declared in its namespace), gives its memory: `memory.guest`, `memory.hugepages`, or a memory request or limit, as KubeVirt\'s VMI admission requires',
  // Upstream function: ValidateVirtualMachineInstanceMandatoryFields, after setGuestMemory (pkg/defaults/defaults.go) copies a memory limit into guest.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go#L1225-L1244',
  source: RuleSource.KUBEVIRT,
  check(context) {
    // A VirtualMachineInstancePreset (deprecated, still applied by KubeVirt's VMI mutator) may give
    // memory to the instances its selector matches: a namespace that declares one is not judged.
    const presetNamespaces = new Set(context.viewsOfKind('VirtualMachineInstancePreset').map(({ object }) => object.metadata?.namespace));
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const domain = vm.spec.domain;
      // An instance type gives the memory.
      if (typeof domain !== 'object' || domain === null || isSet(vm.object.spec?.instancetype) || presetNamespaces.has(vm.namespace)) continue;
      const memory = domain.memory ?? {};
      const resources = domain.resources ?? {};
      const given = isSet(memory.guest) || isSet(memory.hugepages) || nonZero(resources.requests?.memory) || nonZero(resources.limits?.memory);
      if (given) continue;
      context.error(index, `${vm.specPath}.domain.memory`, `${holder} gives no memory, which KubeVirt refuses when it creates the instance (it would not know how much to give the guest): set memory.guest (e.g. "2Gi"), or resources.requests.memory, or use an instance type`);
    }
  },
};
