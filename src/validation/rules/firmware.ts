import * as path from 'path';
import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Why a kernel or initrd path is refused: KubeVirt wants a clean absolute file path. */
function filePathProblem(file: string): string | undefined {
  if (file === '/') return 'points to the root folder: give the path of the file in the container';
  const cleaned = path.posix.normalize(path.posix.join('/', file)).replace(/(.)\/+$/, '$1');
  return cleaned !== file.replace(/\/+$/, '') ? `is not a clean absolute path: write it as ${show(cleaned)}` : undefined;
}

function bootloaderProblems(spec: any, hasPreference: boolean): Problem[] {
  const firmware = spec.domain?.firmware;
  const efi = firmware?.bootloader?.efi;
  if (!isSet(efi)) return [];
  if (isSet(firmware.bootloader.bios)) {
    return [{ field: 'firmware.bootloader', problem: 'both EFI and BIOS bootloaders, which KubeVirt refuses: keep one' }];
  }
  const secureBoot = efi.secureBoot !== false; // KubeVirt's default is on
  const smm = spec.domain?.features?.smm;
  const smmOn = isSet(smm) && smm.enabled !== false;
  const tdx = isSet(spec.domain?.launchSecurity?.tdx); // TDX keeps its Secure Boot keys in the firmware ROM
  // A preference may turn SMM on (preferredSmm): only a VM without one is judged.
  if (secureBoot && !smmOn && !tdx && !hasPreference) {
    const why = efi.secureBoot === undefined ? ' (EFI turns it on unless secureBoot: false)' : '';
    return [{ field: 'firmware.bootloader.efi', problem: `EFI Secure Boot${why} without SMM, which KubeVirt refuses (Secure Boot needs SMM): add features: { smm: { enabled: true } }, or set efi.secureBoot: false` }];
  }
  return [];
}

function kernelBootProblems(kernelBoot: KubeObject | undefined): Problem[] {
  if (!isSet(kernelBoot)) return [];
  const container = kernelBoot!.container;
  if (!isSet(container)) {
    return typeof kernelBoot!.kernelArgs === 'string' && kernelBoot!.kernelArgs !== ''
      ? [{ field: 'firmware.kernelBoot.kernelArgs', problem: 'kernelArgs without a kernel, which KubeVirt refuses: add kernelBoot.container with the kernel image, or leave kernelArgs out' }]
      : [];
  }
  const problems: Problem[] = [];
  const at = 'firmware.kernelBoot.container';
  if (typeof container.image !== 'string' || container.image === '') problems.push({ field: `${at}.image`, problem: 'a kernel boot container without image, which KubeVirt requires: give the container image that holds the kernel' });
  const files = ['kernelPath', 'initrdPath'].filter((key) => typeof container[key] === 'string' && container[key] !== '');
  if (files.length === 0) problems.push({ field: at, problem: 'a kernel boot container with neither kernelPath nor initrdPath, which KubeVirt requires: give the path of the kernel (and initrd) in the image' });
  for (const key of files) {
    const problem = filePathProblem(container[key]);
    if (problem) problems.push({ field: `${at}.${key}`, problem: `kernel boot ${key} ${show(container[key])}, which KubeVirt refuses: it ${problem}` });
  }
  return problems;
}

function acpiProblems(spec: any): Problem[] {
  const acpi = spec.domain?.firmware?.acpi;
  if (!isSet(acpi)) return [];
  const refs = ['slicNameRef', 'msdmNameRef'].filter((key) => typeof acpi[key] === 'string' && acpi[key] !== '');
  if (refs.length === 0) return [{ field: 'firmware.acpi', problem: 'ACPI without slicNameRef or msdmNameRef, which KubeVirt refuses: name the Secret volume that holds the table, or leave acpi out' }];
  const volumes: KubeObject[] = listOf(spec.volumes);
  return refs.flatMap((key) => {
    const volume = volumes.find((v) => v?.name === acpi[key]);
    if (!volume) return [{ field: `firmware.acpi.${key}`, problem: `ACPI ${key} ${show(acpi[key])}, which names no volume, and KubeVirt refuses it: add a secret volume of that name` }];
    if (!isSet(volume.secret)) return [{ field: `firmware.acpi.${key}`, problem: `ACPI ${key} ${show(acpi[key])}, a volume that is no secret, which KubeVirt refuses: point it at a secret volume` }];
    return [];
  });
}

/** A VM's firmware: one bootloader, Secure Boot with SMM, a complete kernel boot, ACPI tables from Secret volumes. */
export const firmware: Rule = {
  id: 'firmware',
  order: 1245,
  summary: 'a VM\'s firmware has one bootloader (EFI or BIOS), EFI Secure Boot only with SMM, kernel boot with an image and a clean kernel or initrd path, and ACPI tables from Secret volumes, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateDomainSpec (Secure Boot and SMM), validateBootloader, validateKernelBoot, validateFirmwareACPI.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const hasPreference = isSet(vm.object.spec?.preference) && vm.kind === 'VirtualMachine';
      const kernelBoot = vm.spec.domain?.firmware?.kernelBoot;
      const problems = [...bootloaderProblems(vm.spec, hasPreference), ...kernelBootProblems(kernelBoot), ...acpiProblems(vm.spec)];
      for (const { field, problem } of problems) context.error(index, `${vm.specPath}.domain.${field}`, `${holder} has ${problem}`);
    }
  },
};
