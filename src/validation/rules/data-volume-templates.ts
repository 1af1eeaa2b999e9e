import { show } from '../../common/errors';
import { listOf } from '../../common/objects';
import { KubeObject } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

/** Whether a volume of the VM uses the DataVolume a template makes (as a dataVolume or as its claim). */
const usesTemplate = (volumes: KubeObject[], name: string): boolean =>
  volumes.some((v) => v?.dataVolume?.name === name || v?.persistentVolumeClaim?.claimName === name);

function checkTemplate(context: RuleContext, index: number, holder: string, vm: KubeObject, template: any, at: () => string): void {
  const name = template?.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    context.error(index, `${at()}.metadata.name`, `a DataVolume template of ${holder} has no name, which KubeVirt requires: name it, and use that name in a dataVolume volume`);
    return;
  }
  const namespace = template.metadata.namespace;
  const vmNamespace = vm.metadata?.namespace;
  if (typeof namespace === 'string' && namespace !== '' && typeof vmNamespace === 'string' && namespace !== vmNamespace) {
    context.error(index, `${at()}.metadata.namespace`, `DataVolume template ${show(name)} of ${holder} is in namespace ${show(namespace)}, and KubeVirt creates it in the VM's namespace ${show(vmNamespace)}, so it refuses the difference: leave the namespace out`);
  }
  const volumes: KubeObject[] = listOf(vm.spec?.template?.spec?.volumes);
  if (!usesTemplate(volumes, name)) {
    context.error(index, at(), `DataVolume template ${show(name)} of ${holder} is used by no volume, which KubeVirt refuses: add a volume with dataVolume: { name: ${show(name)} } (and its disk), or remove the template`);
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
      templates.forEach((template, position) => checkTemplate(context, index, holder, vm.object, template, () => `${objectPath}spec.dataVolumeTemplates[${position}]`));
    }
  },
};
