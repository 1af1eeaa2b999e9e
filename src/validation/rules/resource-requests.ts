import { show } from '../../common/errors';
import { parseQuantity } from '../../common/quantity';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

// KubeVirt's smallest memory request (the quantity "1M").
const MIN_MEMORY = 1e6;

interface Amount {
  readonly text: string;
  readonly value: number;
}

function amount(list: unknown, resource: string): Amount | undefined {
  const text = (list as Record<string, unknown> | undefined)?.[resource];
  const value = typeof text === 'string' ? parseQuantity(text) : typeof text === 'number' ? text : undefined;
  return value === undefined ? undefined : { text: String(text), value };
}

function checkResource(context: RuleContext, index: number, holder: string, resources: any, resource: string, at: string): void {
  const request = amount(resources?.requests, resource);
  const limit = amount(resources?.limits, resource);
  for (const [kind, value] of [['requests', request], ['limits', limit]] as const) {
    if (value && value.value < 0) {
      context.error(index, `${at}.${kind}.${resource}`, `${holder} has ${resource} ${kind} ${show(value.text)}, which KubeVirt refuses (below 0): give a positive amount, or leave it out`);
    }
  }
  if (resource === 'memory' && request && request.value > 0 && request.value < MIN_MEMORY) {
    context.error(index, `${at}.requests.memory`, `${holder} has memory requests ${show(request.text)}, which KubeVirt refuses (below 1M): request at least 1M (a VM needs far more, e.g. "1Gi")`);
  }
  if (request && limit && limit.value > 0 && request.value > limit.value) {
    context.error(index, `${at}.requests.${resource}`, `${holder} requests ${resource} ${show(request.text)}, more than its limit ${show(limit.text)}, which KubeVirt refuses: lower the request, or raise the limit`);
  }
}

/** A VM's CPU and memory requests and limits are not negative, and requests do not exceed limits. */
export const resourceRequests: Rule = {
  id: 'resource-requests',
  order: 1230,
  summary: 'a VM\'s CPU and memory requests and limits are not negative, a memory request is at least 1M, and no request exceeds its limit, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateCPURequestNotNegative, validateCPULimitNotNegative, validateCpuRequestDoesNotExceedLimit, validateMemoryRequestsNegativeOrNull, validateMemoryLimitsNegativeOrNull.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const resources = vm.spec.domain?.resources;
      if (typeof resources !== 'object' || resources === null) continue;
      for (const resource of ['cpu', 'memory']) checkResource(context, index, holder, resources, resource, `${vm.specPath}.domain.resources`);
    }
  },
};
