import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const TYPES = [['sev', 'SEV'], ['snp', 'SNP'], ['tdx', 'TDX']] as const;
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** What KubeVirt requires of an amd64 guest with one encryption type (SEV, SNP or TDX). */
function typeProblems(spec: KubeObject, type: 'sev' | 'snp' | 'tdx', label: string, hasPreference: boolean): Problem[] {
  const domain = spec.domain;
  const problems: Problem[] = [];
  const smm = domain.features?.smm;
  if (type === 'tdx' && isSet(smm) && smm.enabled !== false) {
    problems.push({ field: 'domain.launchSecurity', problem: 'TDX and SMM, which KubeVirt refuses (TDX does not work with SMM): set features.smm.enabled: false, or leave smm out' });
  }
  const efi = domain.firmware?.bootloader?.efi;
  // A preference may choose EFI (preferredUseEfi): only a VM without one is judged on it.
  if (!isSet(efi) && !hasPreference) {
    problems.push({ field: 'domain.launchSecurity', problem: `${label} without EFI firmware, which KubeVirt refuses (${label} needs OVMF): add firmware.bootloader.efi${type === 'tdx' ? ' {}' : ' { secureBoot: false }'}` });
  }
  if (isSet(efi) && type !== 'tdx' && efi.secureBoot !== false) {
    problems.push({ field: 'domain.launchSecurity', problem: `${label} with EFI Secure Boot${efi.secureBoot === undefined ? ' (on unless secureBoot: false)' : ''}, which KubeVirt refuses (${label} does not work with Secure Boot): set firmware.bootloader.efi.secureBoot: false` });
  }
  if (isSet(efi) && type !== 'sev' && efi.persistent === true) {
    problems.push({ field: 'domain.launchSecurity', problem: `${label} with persistent EFI variables, which KubeVirt refuses (${label} does not work with them): leave efi.persistent out` });
  }
  if (type === 'sev' && isSet(domain.launchSecurity.sev.attestation) && spec.startStrategy !== 'Paused') {
    problems.push({ field: 'domain.launchSecurity', problem: `SEV attestation and startStrategy ${show(spec.startStrategy ?? '')}, which KubeVirt refuses (the guest must wait, paused, for the attestation): set startStrategy: Paused, or leave attestation out` });
  }
  listOf(domain.devices?.interfaces).forEach((iface: any, position) => {
    if (!isSet(iface?.bootOrder)) return;
    problems.push({ field: `domain.devices.interfaces[${position}].bootOrder`, problem: `${label} and interface ${show(iface.name)} with a bootOrder, which KubeVirt refuses (${label} does not boot from the network): leave bootOrder out, and boot from a disk` });
  });
  return problems;
}

function launchSecurityProblems(spec: KubeObject, hasPreference: boolean): Problem[] {
  const launchSecurity = spec.domain?.launchSecurity;
  if (typeof launchSecurity !== 'object' || launchSecurity === null) return [];
  const arch = spec.architecture;
  // Unset, the architecture is the cluster's default: amd64 on most, s390x (Secure Execution, no type) on some.
  if (arch === 's390x') return [];
  if (isSet(arch) && arch !== 'amd64') {
    return [{ field: 'architecture', problem: `launchSecurity and architecture ${show(arch)}, which KubeVirt refuses (it encrypts guests on amd64, with SEV, SNP or TDX, and s390x, with Secure Execution): leave launchSecurity out, or use one of those architectures` }];
  }
  const chosen = TYPES.filter(([type]) => isSet(launchSecurity[type]));
  if (chosen.length > 1 || (chosen.length === 0 && arch === 'amd64')) {
    const which = chosen.length === 0 ? 'no type' : chosen.map(([, label]) => label).join(' and ');
    return [{ field: 'domain.launchSecurity', problem: `launchSecurity with ${which}, which KubeVirt refuses on amd64 (one and only one type): keep one of sev, snp, tdx` }];
  }
  return chosen.length === 1 ? typeProblems(spec, chosen[0][0], chosen[0][1], hasPreference) : [];
}

/** Encrypted guests (SEV, SNP, TDX) have one type and what it needs: EFI, no Secure Boot or SMM where refused, no network boot. */
export const launchSecurity: Rule = {
  id: 'launch-security',
  order: 9010,
  summary: 'launchSecurity on amd64 picks one of SEV, SNP, TDX, with EFI firmware, without Secure Boot (SEV, SNP), persistent EFI (SNP, TDX) or SMM (TDX), SEV attestation only with startStrategy Paused, and no interface bootOrder; other architectures than amd64 and s390x have none, as KubeVirt\'s VMI admission requires',
  // Upstream functions: validateLaunchSecurity (vmi-create-admitter.go#L589-L611) and ValidateLaunchSecurityAmd64.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/amd64.go#L79-L175',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      if (typeof vm.spec.domain !== 'object' || vm.spec.domain === null) continue;
      const hasPreference = vm.kind === 'VirtualMachine' && isSet(vm.object.spec?.preference);
      for (const { field, problem } of launchSecurityProblems(vm.spec, hasPreference)) {
        context.error(index, `${vm.specPath}.${field}`, `${holder} has ${problem}`);
      }
    }
  },
};
