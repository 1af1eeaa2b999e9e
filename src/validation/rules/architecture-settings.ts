import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const quoted = (values: readonly string[]): string => values.map((v) => show(v)).join(', ');

// Video models per architecture (kubevirt v1.9.0 pkg/virt-api/webhooks/{amd64,arm64,s390x}.go).
const VIDEO: Record<string, readonly string[]> = { amd64: ['vga', 'cirrus', 'virtio', 'ramfb', 'bochs'], arm64: ['virtio', 'ramfb'], s390x: ['virtio'] };
// The one watchdog each architecture emulates (arm64 has none).
const WATCHDOG: Record<string, string> = { amd64: 'i6300esb', s390x: 'diag288' };
const ARM64_BUSES = ['', 'virtio', 'scsi'];

function videoAndWatchdog(arch: string, devices: KubeObject): Problem[] {
  const problems: Problem[] = [];
  const video = devices.video;
  if (isSet(video) && !VIDEO[arch].includes(video.type)) {
    problems.push({ field: 'domain.devices.video.type', problem: `video model ${show(video.type)} on ${arch}, which KubeVirt refuses (it offers ${quoted(VIDEO[arch])} there): use one of those, or leave video out` });
  }
  const watchdog = devices.watchdog;
  if (!isSet(watchdog)) return problems;
  const model = WATCHDOG[arch];
  if (model === undefined) {
    problems.push({ field: 'domain.devices.watchdog', problem: 'a watchdog on arm64, which KubeVirt refuses (it emulates none there): remove the watchdog' });
  } else if (!isSet(watchdog[model]) || isSet(watchdog[model === 'i6300esb' ? 'diag288' : 'i6300esb'])) {
    problems.push({ field: 'domain.devices.watchdog', problem: `a watchdog other than ${model} on ${arch}, which KubeVirt refuses (${model} is the one it emulates there): set watchdog: { name: ${show(watchdog.name ?? 'watchdog')}, ${model}: {} } only` });
  }
  return problems;
}

function arm64Problems(domain: KubeObject): Problem[] {
  const problems: Problem[] = [];
  if (isSet(domain.firmware?.bootloader?.bios)) {
    problems.push({ field: 'domain.firmware.bootloader.bios', problem: 'BIOS boot on arm64, which KubeVirt refuses (arm64 guests boot with UEFI): use bootloader: { efi: {} }' });
  }
  const model = domain.cpu?.model;
  if (typeof model === 'string' && model !== '' && model !== 'host-passthrough') {
    problems.push({ field: 'domain.cpu.model', problem: `CPU model ${show(model)} on arm64, which KubeVirt refuses (only "host-passthrough" there): set "host-passthrough", or leave model out` });
  }
  listOf(domain.devices?.disks).forEach((disk: any, position) => {
    for (const type of ['disk', 'cdrom', 'lun']) {
      const bus = disk?.[type]?.bus;
      if (!isSet(disk?.[type]) || ARM64_BUSES.includes(bus ?? '')) continue;
      problems.push({ field: `domain.devices.disks[${position}].${type}.bus`, problem: `disk ${show(disk.name)} on bus ${show(bus)} on arm64, which KubeVirt refuses (only virtio and scsi there): use bus "virtio" or "scsi"` });
    }
  });
  if (isSet(domain.devices?.sound)) {
    problems.push({ field: 'domain.devices.sound', problem: 'a sound device on arm64, which KubeVirt refuses (it emulates none there): remove sound' });
  }
  // validateThreadCountOnArchitecture, part of the dedicated CPU checks (vmi-create-admitter.go#L769-L789).
  const threads = domain.cpu?.threads;
  if (domain.cpu?.dedicatedCpuPlacement === true && typeof threads === 'number' && threads > 1) {
    problems.push({ field: 'domain.cpu.threads', problem: `dedicated CPUs with ${threads} threads per core on arm64, which KubeVirt refuses (one thread per core there): set threads: 1, and use cores or sockets for more vCPUs` });
  }
  return problems;
}

/** Custom panic devices on s390x (validatePanicDevices, vmi-create-admitter.go#L2087-L2113). */
function s390xProblems(devices: KubeObject): Problem[] {
  if (listOf(devices.panicDevices).length === 0) return [];
  return [{ field: 'domain.devices.panicDevices', problem: 'custom panic devices on s390x, which KubeVirt refuses (it offers none there): remove panicDevices' }];
}

function architectureProblems(spec: KubeObject): Problem[] {
  // Unset, the architecture is the cluster's default, which a manifest does not show.
  const arch = spec.architecture;
  if (!isSet(arch) || arch === '' || typeof spec.domain !== 'object' || spec.domain === null) return [];
  if (!Object.keys(VIDEO).includes(arch)) {
    return [{ field: 'architecture', problem: `architecture ${show(arch)}, which KubeVirt does not run: use ${quoted(Object.keys(VIDEO))}, or leave it out for the cluster's default` }];
  }
  const devices = spec.domain.devices ?? {};
  return [...(arch === 'arm64' ? arm64Problems(spec.domain) : []), ...(arch === 's390x' ? s390xProblems(devices) : []), ...videoAndWatchdog(arch, devices)];
}

/** A guest with an explicit architecture uses only what KubeVirt emulates there. */
export const architectureSettings: Rule = {
  id: 'architecture-settings',
  order: 9020,
  summary: 'an explicit `architecture` is amd64, arm64 or s390x, and the guest uses what KubeVirt offers there: video models, the watchdog (i6300esb on amd64, diag288 on s390x, none on arm64), on arm64 UEFI boot, host-passthrough CPU, virtio or scsi disks, no sound and one thread per dedicated core, and no custom panic devices on s390x, as KubeVirt\'s VMI admission requires',
  // Upstream functions: ValidateVirtualMachineInstancePerArch (vmi-create-admitter.go#L154-L174) and the Amd64, Arm64 and S390X settings checks.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/arm64.go#L36-L141',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      for (const { field, problem } of architectureProblems(vm.spec)) {
        context.error(index, `${vm.specPath}.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
