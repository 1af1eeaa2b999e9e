import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

interface BootDevice {
  readonly what: string;
  readonly path: string;
  readonly order: unknown;
}

/** Disks first, then interfaces: the order in which KubeVirt claims boot orders. */
function bootDevices(spec: any, specPath: string): BootDevice[] {
  const devices: BootDevice[] = [];
  for (const kind of ['disks', 'interfaces'] as const) {
    const entries: unknown[] = Array.isArray(spec.domain?.devices?.[kind]) ? spec.domain.devices[kind] : [];
    entries.forEach((entry: any, position) => {
      if (entry?.bootOrder === undefined || entry?.bootOrder === null) return;
      const what = `${kind === 'disks' ? 'disk' : 'interface'} ${show(entry?.name)}`;
      devices.push({ what, path: `${specPath}.domain.devices.${kind}[${position}].bootOrder`, order: entry.bootOrder });
    });
  }
  return devices;
}

function checkBootOrders(context: RuleContext, index: number, holder: string, devices: BootDevice[]): void {
  const claimedBy = new Map<unknown, string>();
  for (const { what, path, order } of devices) {
    if (typeof order !== 'number') continue; // the schema reports it
    if (order < 1) {
      context.error(index, path, `${what} of ${holder} has bootOrder ${show(order)}, which KubeVirt refuses (boot orders start at 1, which boots first): use 1 or more, or leave bootOrder out for a device that does not boot`);
      continue;
    }
    const holderOfOrder = claimedBy.get(order);
    if (holderOfOrder) {
      context.error(index, path, `${what} of ${holder} has bootOrder ${order}, which ${holderOfOrder} already has; KubeVirt refuses two devices with one boot order: give each boot device its own number`);
    } else {
      claimedBy.set(order, what);
    }
  }
}

/** Boot orders of a VM's disks and interfaces are at least 1 and unique among them. */
export const bootOrder: Rule = {
  id: 'boot-order',
  order: 1205,
  summary: 'boot orders of a VM\'s disks and interfaces are at least 1 and used once among them, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateBootOrder and validateInterfaceBootOrder (and validateBootOrderValue in pkg/storage/admitters/disks.go).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    for (const { index, vm, holder } of context.vms) checkBootOrders(context, index, holder, bootDevices(vm.spec, vm.specPath));
  },
};
