import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

/** Whether a volume of the VM uses the DataVolume a template makes (as a dataVolume or as its claim). */
function usesTemplate(volumes: KubeObject[], name: string): boolean {
  // A loop, not some(): no closure per template of a fleet's VMs (holes are skipped, as some skips them).
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    if (i in volumes && (v?.dataVolume?.name === name || v?.persistentVolumeClaim?.claimName === name)) return true;
  }
  return false;
}

/** A template's field path, e.g. `spec.dataVolumeTemplates[0]` (built for an issue only). */
const pathOf = (objectPath: string, position: number): string => `${objectPath}spec.dataVolumeTemplates[${position}]`;

function checkTemplate(
  context: RuleContext, index: number, holder: string, vm: KubeObject, template: any, objectPath: string, position: number,
): void {
  const name = template?.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    context.error(index, `${pathOf(objectPath, position)}.metadata.name`, `a DataVolume template of ${holder} has no name, which KubeVirt requires: name it, and use that name in a dataVolume volume`);
    return;
  }
  const namespace = template.metadata.namespace;
  const vmNamespace = vm.metadata?.namespace;
  if (typeof namespace === 'string' && namespace !== '' && typeof vmNamespace === 'string' && namespace !== vmNamespace) {
    context.error(index, `${pathOf(objectPath, position)}.metadata.namespace`, `DataVolume template ${show(name)} of ${holder} is in namespace ${show(namespace)}, and KubeVirt creates it in the VM's namespace ${show(vmNamespace)}, so it refuses the difference: leave the namespace out`);
  }
  const volumes: KubeObject[] = listOf(vm.spec?.template?.spec?.volumes);
  if (!usesTemplate(volumes, name)) {
    context.error(index, pathOf(objectPath, position), `DataVolume template ${show(name)} of ${holder} is used by no volume, which KubeVirt refuses: add a volume with dataVolume: { name: ${show(name)} } (and its disk), or remove the template`);
  }
}

/** A VirtualMachine's DataVolume templates are named, in its namespace, and used by a volume. */
export const dataVolumeTemplates: Rule = {
  id: 'data-volume-templates',
  order: 1290,
  summary: 'a VirtualMachine\'s DataVolume templates are named, in the VM\'s namespace (or leave it out), and each used by a dataVolume or persistentVolumeClaim volume, as KubeVirt\'s VM admission requires',
  // Upstream functions: ValidateDataVolumeTemplate, validateDataVolume (its name), validateVirtualMachineDataVolumeTemplateNamespace.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/storage/admitters/data-volume-template.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder, objectPath } = listed[n];
      const templates = vm.object.spec?.dataVolumeTemplates;
      if (vm.kind !== 'VirtualMachine' || !Array.isArray(templates)) continue;
      for (let position = 0; position < templates.length; position++) {
        // Holes are skipped, as forEach skips them.
        if (position in templates) checkTemplate(context, index, holder, vm.object, templates[position], objectPath, position);
      }
    }
  },
};
