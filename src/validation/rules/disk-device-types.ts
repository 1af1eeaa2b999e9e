import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { defaultedVmSpec } from '../../model/vm-defaults';
import { Rule, RuleSource } from '../rule';

const TARGETS = ['disk', 'lun', 'cdrom'] as const;
const BUSES = ['virtio', 'scsi', 'sata', 'usb'];
// The PCI address form KubeVirt parses: domain:bus:slot.function.
const PCI_ADDRESS = /^[\da-fA-F]{4}:[\da-fA-F]{2}:[\da-fA-F]{2}\.[0-7]$/;

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** The buses KubeVirt knows, as messages list them (built for a message only). */
const knownBuses = (): string => BUSES.map((b) => show(b)).join(', ');

/** What the bus of a disk's device type allows (empty bus: KubeVirt picks one). */
function busProblem(disk: KubeObject, target: string, bus: string): Problem | undefined {
  if (bus === 'virtio' && target !== 'cdrom') return undefined; // the usual disk, judged without a string built
  const field = `${target}.bus`;
  if (bus === 'ide') return { field, problem: `bus "ide", which KubeVirt no longer supports: use ${knownBuses()}` };
  if (!BUSES.includes(bus)) return { field, problem: `bus ${show(bus)}, which KubeVirt does not know: use one of ${knownBuses()}, or leave bus out` };
  if (bus === 'virtio' && target === 'cdrom') {
    return { field, problem: 'a CD-ROM on bus "virtio", which KubeVirt refuses (the q35 machine has no virtio CD-ROM): use bus "sata" or "scsi"' };
  }
  if (bus === 'sata' && target === 'disk' && disk.disk?.readOnly === true) {
    return { field, problem: 'a read-only disk on bus "sata", which KubeVirt refuses (SATA hard disks cannot be read-only): use bus "virtio" or "scsi", or a cdrom' };
  }
  return undefined;
}

/** The device types set on a disk, in TARGETS order (usually one, or none). */
function targetsOf(disk: KubeObject): Array<typeof TARGETS[number]> | typeof TARGETS[number] | undefined {
  let one: typeof TARGETS[number] | undefined;
  for (const target of TARGETS) {
    if (!isSet(disk[target])) continue;
    if (one !== undefined) return TARGETS.filter((t) => isSet(disk[t]));
    one = target;
  }
  return one;
}

/** The problems of one disk, into `problems` (left empty for a disk without any). */
function diskProblems(disk: KubeObject, volume: KubeObject | undefined, problems: Problem[]): void {
  const targets = targetsOf(disk);
  if (Array.isArray(targets)) {
    problems.push({ field: targets[1], problem: `${targets.join(' and ')} set together, and KubeVirt allows one device type per disk: keep one` });
    return;
  }
  const target = targets ?? 'disk';
  const bus = typeof disk[target]?.bus === 'string' ? disk[target].bus : '';
  const busIssue = bus === '' ? undefined : busProblem(disk, target, bus);
  if (busIssue) problems.push(busIssue);
  if (disk.dedicatedIOThread === true && bus !== '' && bus !== 'virtio') {
    problems.push({ field: 'dedicatedIOThread', problem: `a dedicated IO thread on bus ${show(bus)}, which libvirt supports only for virtio: use bus "virtio", or leave dedicatedIOThread out` });
  }
  const pciAddress = disk.disk?.pciAddress;
  if (typeof pciAddress === 'string' && pciAddress !== '') {
    if (bus !== '' && bus !== 'virtio') {
      problems.push({ field: 'disk.pciAddress', problem: `PCI address ${show(pciAddress)} on bus ${show(bus)}, and KubeVirt places only virtio disks at a PCI address: use bus "virtio", or leave pciAddress out` });
    }
    if (!PCI_ADDRESS.test(pciAddress)) {
      problems.push({ field: 'disk.pciAddress', problem: `PCI address ${show(pciAddress)}, which KubeVirt cannot parse: write it as domain:bus:slot.function in hex, e.g. "0000:00:0a.0"` });
    }
  }
  if (target === 'lun' && targets !== undefined && volume && !isSet(volume.persistentVolumeClaim) && !isSet(volume.dataVolume)) {
    problems.push({ field: 'lun', problem: 'a LUN on a volume that is no persistentVolumeClaim or dataVolume, which KubeVirt refuses (a LUN passes a block device through): use a claim or DataVolume volume, or make it a disk' });
  }
}

/** A VM's disks have one device type each, and buses and options that type allows. */
export const diskDeviceTypes: Rule = {
  id: 'disk-device-types',
  order: 1210,
  summary: 'a disk is one of disk, lun or cdrom, on a bus that type allows (no ide, no virtio CD-ROM, no read-only SATA disk), with dedicated IO threads and PCI addresses only on virtio, and a LUN only on a claim or DataVolume, as KubeVirt\'s disk admission requires',
  // Upstream functions: validateDeviceTarget, validateBusSupport, validatePciAddress (and the LUN check of validateBootOrder in vmi-create-admitter.go).
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/disks.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const problems: Problem[] = [];
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const declared: unknown[] = listOf(vm.spec.domain?.devices?.disks);
      // The declared disks with the bus KubeVirt gives those that name none (explicit architecture only).
      const { spec, defaulted } = defaultedVmSpec(vm);
      const disks: unknown[] = listOf(spec.domain?.devices?.disks);
      const volumes: KubeObject[] = listOf(vm.spec.volumes);
      for (let position = 0; position < declared.length && position < disks.length; position++) {
        const disk: any = disks[position];
        if (typeof disk !== 'object' || disk === null) continue; // the schema reports it
        diskProblems(disk, volumes.find((v) => v?.name === disk.name), problems);
        if (problems.length === 0) continue;
        const busNote = defaulted.has(disk) ? ` (its bus is left out, and KubeVirt gives disks on ${show(spec.architecture)} that bus when it creates the VMI)` : '';
        for (const { field, problem } of problems) {
          context.error(index, `${vm.specPath}.domain.devices.disks[${position}].${field}`, `disk ${show(disk.name)} of ${holder} has ${problem}${busNote}`);
        }
        problems.length = 0;
      }
    }
  },
};
