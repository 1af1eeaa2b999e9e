import { show } from '../../common/errors';
import { parseQuantity } from '../../common/quantity';
import { Rule, RuleSource } from '../rule';

const quantity = (value: unknown): number | undefined => (typeof value === 'string' ? parseQuantity(value) : typeof value === 'number' ? value : undefined);

/** The VM memory KubeVirt compares with the page size: the request, else the guest memory, else the limit. */
function vmMemory(domain: any): { field: string; text: string; value: number } | undefined {
  const candidates = [
    { field: 'resources.requests.memory', text: domain.resources?.requests?.memory },
    { field: 'memory.guest', text: domain.memory?.guest },
    { field: 'resources.limits.memory', text: domain.resources?.limits?.memory },
  ];
  for (const { field, text } of candidates) {
    const value = quantity(text);
    if (value !== undefined && value !== 0) return { field, text: String(text), value };
  }
  return undefined;
}

/** A VM's hugepages page size parses, and its memory is a whole number of pages. */
export const hugepages: Rule = {
  id: 'hugepages',
  order: 1235,
  summary: 'a VM\'s hugepages page size is a quantity and its memory (request, else guest, else limit) is at least one page and a whole number of pages, as KubeVirt\'s VMI admission requires',
  // Upstream function: validateHugepagesMemoryRequests.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const domain = vm.spec.domain;
      const pageSize = domain?.memory?.hugepages?.pageSize;
      // An instance type sets the guest memory KubeVirt would compare: not known here.
      if (pageSize === undefined || pageSize === null || vm.object.spec?.instancetype) continue;
      const at = `${vm.specPath}.domain`;
      const page = quantity(pageSize);
      if (page === undefined || page <= 0) {
        context.error(index, `${at}.memory.hugepages.pageSize`, `${holder} has hugepages pageSize ${show(pageSize)}, which KubeVirt cannot read as a size: use the node's page size, e.g. "2Mi" or "1Gi"`);
        continue;
      }
      const memory = vmMemory(domain);
      if (!memory) continue;
      if (memory.value < page) {
        context.error(index, `${at}.${memory.field}`, `${holder} has ${memory.field} ${show(memory.text)}, less than its hugepages pageSize ${show(pageSize)}, which KubeVirt refuses: give at least one page of memory`);
      } else if (memory.value % page !== 0) {
        context.error(index, `${at}.${memory.field}`, `${holder} has ${memory.field} ${show(memory.text)}, not a whole number of hugepages of ${show(pageSize)}, which KubeVirt refuses: round it to a multiple of ${show(pageSize)}`);
      }
    }
  },
};
