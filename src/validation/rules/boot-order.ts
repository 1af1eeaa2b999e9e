import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

interface BootDevice {
  readonly kind: 'disks' | 'interfaces';
  readonly position: number;
  readonly entry: any;
  readonly order: unknown;
}

/** How messages name a device, and the field path of its boot order (built for an issue only). */
const what = ({ kind, entry }: BootDevice): string => `${kind === 'disks' ? 'disk' : 'interface'} ${show(entry?.name)}`;
const pathOf = ({ kind, position }: BootDevice, specPath: string): string => `${specPath}.domain.devices.${kind}[${position}].bootOrder`;

const KINDS = ['disks', 'interfaces'] as const;

/** Disks first, then interfaces: the order in which KubeVirt claims boot orders. */
function bootDevices(spec: any): BootDevice[] {
  const devices: BootDevice[] = [];
  for (const kind of KINDS) {
    const entries: unknown[] = Array.isArray(spec.domain?.devices?.[kind]) ? spec.domain.devices[kind] : [];
    for (let position = 0; position < entries.length; position++) {
      const entry: any = entries[position];
      if (!(position in entries) || entry?.bootOrder === undefined || entry?.bootOrder === null) continue;
      devices.push({ kind, position, entry, order: entry.bootOrder });
    }
  }
  return devices;
}

/** The first device before `position` that claims `order` (a VM boots from a few devices: a scan, not a Map per VM). */
function claimerOf(devices: BootDevice[], position: number, order: number): BootDevice | undefined {
  for (let i = 0; i < position; i++) {
    const claimed = devices[i].order;
    // As a Map would compare them (a NaN order from YAML matches NaN); orders below 1 claim nothing.
    if (typeof claimed === 'number' && !(claimed < 1) && (claimed === order || (Number.isNaN(claimed) && Number.isNaN(order)))) return devices[i];
  }
  return undefined;
}

function checkBootOrders(context: RuleContext, index: number, holder: string, devices: BootDevice[], specPath: string): void {
  for (let position = 0; position < devices.length; position++) {
    const device = devices[position];
    const order = device.order;
    if (typeof order !== 'number') continue; // the schema reports it
    if (order < 1) {
      context.error(index, pathOf(device, specPath), `${what(device)} of ${holder} has bootOrder ${show(order)}, which KubeVirt refuses (boot orders start at 1, which boots first): use 1 or more, or leave bootOrder out for a device that does not boot`);
      continue;
    }
    const holderOfOrder = claimerOf(devices, position, order);
    if (holderOfOrder) {
      context.error(index, pathOf(device, specPath), `${what(device)} of ${holder} has bootOrder ${order}, which ${what(holderOfOrder)} already has; KubeVirt refuses two devices with one boot order: give each boot device its own number`);
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
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const devices = bootDevices(vm.spec);
      if (devices.length > 0) checkBootOrders(context, index, holder, devices, vm.specPath);
    }
  },
};
