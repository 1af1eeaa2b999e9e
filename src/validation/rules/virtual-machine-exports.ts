import { show } from '../../common/errors';
import { KubeObject, apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';

// The export sources KubeVirt knows, with the apiGroup each needs ('' for a claim: none). A
// VirtualMachineTemplate source also needs the alpha OCIExport gate and virt-template, which a
// manifest does not show: it is not judged here.
const SOURCES: Record<string, string> = {
  PersistentVolumeClaim: '',
  VirtualMachineSnapshot: 'snapshot.kubevirt.io',
  VirtualMachine: 'kubevirt.io',
  VirtualMachineBackup: 'backup.kubevirt.io',
};
const TEMPLATE = 'VirtualMachineTemplate';

function sourceProblems(source: KubeObject): Array<{ field: string; problem: string }> {
  const kind = source.kind;
  if (kind === TEMPLATE) return [];
  if (!Object.prototype.hasOwnProperty.call(SOURCES, kind)) {
    return [{ field: 'kind', problem: `source kind ${show(kind)}, which KubeVirt cannot export: use ${[...Object.keys(SOURCES), TEMPLATE].map((k) => show(k)).join(', ')}` }];
  }
  const problems: Array<{ field: string; problem: string }> = [];
  if (typeof source.name !== 'string' || source.name === '') problems.push({ field: 'name', problem: `a ${kind} source without a name, which KubeVirt requires: name the ${kind} to export` });
  const group = SOURCES[kind];
  const given = source.apiGroup ?? undefined;
  if (group === '' && given !== undefined && given !== '') {
    problems.push({ field: 'apiGroup', problem: `a PersistentVolumeClaim source with apiGroup ${show(given)}, which KubeVirt refuses (claims are in the core group): leave apiGroup out` });
  } else if (group !== '' && given !== group) {
    problems.push({ field: 'apiGroup', problem: `a ${kind} source ${given === undefined ? 'without apiGroup' : `with apiGroup ${show(given)}`}, which KubeVirt refuses: set apiGroup ${show(group)}` });
  }
  return problems;
}

/** A VirtualMachineExport names a source KubeVirt can export, with that kind's apiGroup. */
export const virtualMachineExports: Rule = {
  id: 'virtual-machine-exports',
  order: 9110,
  summary: 'a VirtualMachineExport\'s source is a named PersistentVolumeClaim (no apiGroup), VirtualMachine (`kubevirt.io`), VirtualMachineSnapshot (`snapshot.kubevirt.io`) or VirtualMachineBackup (`backup.kubevirt.io`), or a VirtualMachineTemplate, as KubeVirt\'s export admission requires',
  // Upstream: VMExportAdmitter.Admit (create) and its validate*Name / validate*ApiGroup functions.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/vmexport.go#L79-L280',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.viewsOfKind('VirtualMachineExport');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (apiGroupOf(object.apiVersion) !== 'export.kubevirt.io') continue;
      const source = object.spec?.source;
      if (typeof source !== 'object' || source === null) continue; // the schema requires it
      const holder = `VirtualMachineExport ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`;
      for (const { field, problem } of sourceProblems(source)) context.error(index, `spec.source.${field}`, `${holder} has ${problem}`);
    }
  },
};
