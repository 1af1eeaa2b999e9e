import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject, apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

const SOURCE_KINDS = ['VirtualMachine', 'VirtualMachineSnapshot'];
const FILTER_FIELDS = [['annotationFilters'], ['labelFilters'], ['template', 'annotationFilters'], ['template', 'labelFilters']];
// The six-byte forms Go's net.ParseMAC reads (one separator throughout).
const MAC = /^(?:[\da-fA-F]{2}:){5}[\da-fA-F]{2}$|^(?:[\da-fA-F]{2}-){5}[\da-fA-F]{2}$|^[\da-fA-F]{4}\.[\da-fA-F]{4}\.[\da-fA-F]{4}$/;

interface Problem {
  readonly field: string;
  readonly problem: string;
}

/** Why the clone webhook refuses a label or annotation filter, or undefined. */
function filterProblem(filter: string): string | undefined {
  if (filter.length <= 1) return filter === '!' ? 'is "!" alone, which negates nothing: write "!" followed by a key, e.g. "!example.com/owner"' : undefined;
  if (filter.slice(1).includes('!')) return 'has "!" after its first character, and "!" only negates, at the start: move or remove it';
  if (filter.slice(0, -1).includes('*')) return 'has "*" before its end, and "*" is only a trailing wildcard: end the filter with it, or remove it';
  return undefined;
}

function filterProblems(spec: KubeObject): Problem[] {
  const problems: Problem[] = [];
  for (const path of FILTER_FIELDS) {
    const filters: unknown = path.reduce((at: any, key) => at?.[key], spec);
    if (!Array.isArray(filters)) continue;
    filters.forEach((filter, position) => {
      const problem = typeof filter === 'string' ? filterProblem(filter) : undefined;
      if (problem) problems.push({ field: `${path.join('.')}[${position}]`, problem: `filter ${show(filter)} ${problem}` });
    });
  }
  return problems;
}

function referenceProblems(spec: KubeObject): Problem[] {
  const problems: Problem[] = [];
  const source = typeof spec.source === 'object' && spec.source !== null ? spec.source : undefined;
  if (source && (typeof source.apiGroup !== 'string' || source.apiGroup === '')) {
    problems.push({ field: 'source.apiGroup', problem: 'source has no apiGroup: set "kubevirt.io" for a VirtualMachine or "snapshot.kubevirt.io" for a VirtualMachineSnapshot' });
  }
  if (source && !SOURCE_KINDS.includes(source.kind)) {
    problems.push({ field: 'source.kind', problem: `source kind ${show(source.kind)} is not one KubeVirt clones: use "VirtualMachine" or "VirtualMachineSnapshot"` });
  }
  if (source && (typeof source.name !== 'string' || source.name === '')) {
    problems.push({ field: 'source.name', problem: 'source has no name: name the VM or snapshot to clone' });
  }
  const target = typeof spec.target === 'object' && spec.target !== null ? spec.target : undefined;
  if (target && target.kind !== 'VirtualMachine') {
    problems.push({ field: 'target.kind', problem: `target kind ${show(target.kind)} is not one KubeVirt creates: use "VirtualMachine"` });
  } else if (target && source?.kind === 'VirtualMachine' && target.name === source.name && source.name) {
    problems.push({ field: 'target.name', problem: `target name ${show(target.name)} is the source VM's own name: a clone is a new VM, give it another name (or leave target out for a generated one)` });
  }
  return problems;
}

function valueProblems(spec: KubeObject): Problem[] {
  const problems: Problem[] = [];
  const macs = typeof spec.newMacAddresses === 'object' && spec.newMacAddresses !== null ? spec.newMacAddresses : {};
  for (const [iface, mac] of Object.entries(macs)) {
    if (typeof mac === 'string' && mac !== '' && !MAC.test(mac)) {
      problems.push({ field: `newMacAddresses.${iface}`, problem: `new MAC address ${show(mac)} of interface ${show(iface)} is malformed: write six bytes, e.g. "02-00-5e-00-53-01", or "" for a generated one` });
    }
  }
  const patches: unknown[] = listOf(spec.patches);
  patches.forEach((patch, position) => {
    if (typeof patch === 'string' && !isJson(patch)) {
      problems.push({ field: `patches[${position}]`, problem: `patch ${show(patch)} is not valid JSON: write a JSON patch operation, e.g. {"op": "replace", "path": "/spec/runStrategy", "value": "Halted"}` });
    }
  });
  return problems;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A VirtualMachineClone's filters, source and target, new MACs and patches are what the clone webhook accepts. */
export const virtualMachineClones: Rule = {
  id: 'virtual-machine-clones',
  order: 1380,
  summary: 'a VirtualMachineClone\'s filters use `!` only first and `*` only last; its source is a VirtualMachine or VirtualMachineSnapshot with apiGroup and name; its target is a VirtualMachine not named as the source VM; new MACs parse; patches are JSON, as KubeVirt\'s clone admission requires',
  // Upstream: VirtualMachineCloneAdmitter.Admit and its validate* functions.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmclone-admitter.go#L61-L281',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachineClone');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (object.kind !== 'VirtualMachineClone' || apiGroupOf(object.apiVersion) !== 'clone.kubevirt.io') continue;
      const spec: KubeObject = typeof object.spec === 'object' && object.spec !== null ? object.spec : {};
      const holder = `VirtualMachineClone ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      for (const { field, problem } of [...filterProblems(spec), ...referenceProblems(spec), ...valueProblems(spec)]) {
        context.error(index, `spec.${field}`, `${holder}: ${problem}; KubeVirt refuses the clone otherwise`);
      }
    }
  },
};
