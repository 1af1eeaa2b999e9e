import { show } from '../../common/errors';
import { hcoHolder, isHyperConverged } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

const ENABLE_ANNOTATION = 'dataimportcrontemplate.kubevirt.io/enable';

/** Where a HyperConverged keeps its DataImportCron templates, by API version. */
export function dataImportCronTemplatesOf(object: any): { templates: unknown; path: string } {
  return object.apiVersion === 'hco.kubevirt.io/v1'
    ? { templates: object.spec?.workloadSources?.dataImportCronTemplates, path: 'spec.workloadSources.dataImportCronTemplates' }
    : { templates: object.spec?.dataImportCronTemplates, path: 'spec.dataImportCronTemplates' };
}

/** A HyperConverged's DataImportCron templates: a true/false enable annotation, and a spec unless disabled. */
export const hcoDataImportCronTemplates: Rule = {
  id: 'hco-data-import-cron-templates',
  order: 1130,
  summary: 'HyperConverged `dataImportCronTemplates`: the `dataimportcrontemplate.kubevirt.io/enable` annotation is "true" or "false", and an enabled template has a spec',
  // Upstream: validateDataImportCronTemplates (v1beta1 and v1 create paths).
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/pkg/webhooks/validator/v1beta1_validator.go#L397-L414',
  source: RuleSource.HCO,
  check(context) {
    const listed = context.viewsOfKind('HyperConverged');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (!isHyperConverged(object)) continue;
      const { templates, path } = dataImportCronTemplatesOf(object);
      if (!Array.isArray(templates)) continue;
      templates.forEach((template: any, position) => {
        if (typeof template !== 'object' || template === null) return; // the schema reports it
        const name = show(template.metadata?.name ?? '(unnamed)');
        const where = `${hcoHolder(object)}: dataImportCronTemplate ${position} (${name})`;
        const enable = template.metadata?.annotations?.[ENABLE_ANNOTATION];
        const flag = typeof enable === 'string' ? enable.toLowerCase() : undefined;
        if (flag !== undefined && flag !== 'true' && flag !== 'false') {
          context.error(index, `${path}[${position}].metadata.annotations["${ENABLE_ANNOTATION}"]`, `${where}: annotation ${ENABLE_ANNOTATION} is ${show(enable)}, not "true" or "false": the operator refuses it; write "false" to turn the template off, or "true"`);
        } else if (flag !== 'false' && (template.spec === undefined || template.spec === null)) {
          context.error(index, `${path}[${position}].spec`, `${where} is enabled and has no spec: the operator refuses it; give the DataImportCron spec (source, schedule, managedDataSource), or set annotation ${ENABLE_ANNOTATION}: "false" to turn a common template off`);
        }
      });
    }
  },
};
