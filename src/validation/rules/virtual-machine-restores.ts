import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject, apiGroupOf, qualifiedName } from '../../model/object-index';
import { restorePatchProblem } from '../../model/restore-patches';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const RESTORE_POLICIES = ['InPlace', 'RandomizeNames', 'PrefixTargetName'];
const OWNERSHIP_POLICIES = ['Vm', 'None'];
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** Why the target is refused (with its field), or undefined for a kubevirt.io VirtualMachine. */
function targetProblem(target: KubeObject): { field: string; problem: string } | undefined {
  const fix = `set target to { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: ${show(target.name ?? '<vm>')} }`;
  if (!isSet(target.apiGroup)) return { field: 'apiGroup', problem: `a target without apiGroup, which KubeVirt refuses (it restores VirtualMachines of kubevirt.io only): ${fix}` };
  if (target.apiGroup !== 'kubevirt.io') return { field: 'apiGroup', problem: `target apiGroup ${show(target.apiGroup)}, which KubeVirt refuses (it restores VirtualMachines of kubevirt.io only): ${fix}` };
  if (target.kind !== 'VirtualMachine') return { field: 'kind', problem: `target kind ${show(target.kind)}, which KubeVirt refuses (it restores VirtualMachines only): ${fix}` };
  return undefined;
}

/** The checks KubeVirt makes of a restore to a VirtualMachine: patches, overrides, policies. */
function checkVmRestore(context: RuleContext, index: number, holder: string, spec: KubeObject): void {
  listOf(spec.patches).forEach((patch: unknown, i) => {
    const problem = typeof patch === 'string' ? restorePatchProblem(patch) : undefined;
    if (problem) context.error(index, `spec.patches[${i}]`, `patch ${i} of ${holder} ${problem}`);
  });
  listOf(spec.volumeRestoreOverrides).forEach((override: any, i) => {
    if (typeof override !== 'object' || override === null) return; // the schema reports it
    if (typeof override.volumeName !== 'string' || override.volumeName === '') {
      context.error(index, `spec.volumeRestoreOverrides[${i}].volumeName`, `volume restore override ${i} of ${holder} has no volumeName, which KubeVirt requires: name the VM volume whose restored claim it changes`);
    }
    if ((typeof override.restoreName !== 'string' || override.restoreName === '') && !isSet(override.labels) && !isSet(override.annotations)) {
      context.error(index, `spec.volumeRestoreOverrides[${i}]`, `volume restore override ${i} of ${holder} changes nothing, which KubeVirt refuses: give restoreName, labels or annotations, or drop it`);
    }
  });
  const policies: Array<[string, readonly string[]]> = [['volumeRestorePolicy', RESTORE_POLICIES], ['volumeOwnershipPolicy', OWNERSHIP_POLICIES]];
  for (const [field, known] of policies) {
    if (isSet(spec[field]) && !known.includes(spec[field])) {
      context.error(index, `spec.${field}`, `${holder} has ${field} ${show(spec[field])}, which KubeVirt does not know: use ${known.map((k) => show(k)).join(', ')}, or leave it out`);
    }
  }
}

/** A VirtualMachineRestore targets a kubevirt.io VirtualMachine, with patches, overrides and policies KubeVirt accepts. */
export const virtualMachineRestores: Rule = {
  id: 'virtual-machine-restores',
  order: 9100,
  summary: 'a VirtualMachineRestore\'s target has apiGroup `kubevirt.io` and kind `VirtualMachine`; its patches pass KubeVirt\'s split-at-"," and ":" reading with paths under /spec/ or the labels and annotations; each volume override names its volume and changes something; volumeRestorePolicy and volumeOwnershipPolicy are known, as KubeVirt\'s restore admission requires',
  // Upstream: VMRestoreAdmitter.Admit (create), validatePatches, validateVolumeOverrides, validateVolumeRestorePolicy, validateVolumeOwnershipPolicy.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/vmrestore.go#L82-L350',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachineRestore');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (apiGroupOf(object.apiVersion) !== 'snapshot.kubevirt.io') continue;
      const spec: KubeObject = typeof object.spec === 'object' && object.spec !== null ? object.spec : {};
      if (typeof spec.target !== 'object' || spec.target === null) continue; // the schema requires it
      const holder = `VirtualMachineRestore ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      const problem = targetProblem(spec.target);
      if (problem) context.error(index, `spec.target.${problem.field}`, `${holder} has ${problem.problem}`);
      else checkVmRestore(context, index, holder, spec);
    }
  },
};
