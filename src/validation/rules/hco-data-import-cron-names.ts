import { dataImportCronTemplatesOf } from './hco-data-import-cron-templates';
import { show } from '../../common/errors';
import { hcoHolder, isHyperConverged } from '../hyperconverged-views';
import { Rule, RuleSource } from '../rule';

/** The DataImportCron templates of a HyperConverged have different names. */
export const hcoDataImportCronNames: Rule = {
  id: 'hco-data-import-cron-names',
  order: 1135,
  summary: 'HyperConverged `dataImportCronTemplates`: no two templates with one name',
  // Upstream: getDicMapFromCr, through GetDataImportCronTemplates in NewSSP (create path).
  reference: 'https://github.com/kubevirt/hyperconverged-cluster-operator/blob/v1.18.1/controllers/handlers/golden-images/golden_images.go#L304-L315',
  source: RuleSource.HCO,
  check(context) {
    const listed = context.viewsOfKind('HyperConverged');
    for (let n = 0; n < listed.length; n++) {
      const { index, object } = listed[n];
      if (!isHyperConverged(object)) continue;
      const { templates, path } = dataImportCronTemplatesOf(object);
      if (!Array.isArray(templates)) continue;
      const first = new Map<string, number>();
      templates.forEach((template: any, position) => {
        const name = template?.metadata?.name;
        if (typeof name !== 'string') return;
        const earlier = first.get(name);
        if (earlier === undefined) {
          first.set(name, position);
          return;
        }
        context.error(index, `${path}[${position}].metadata.name`, `${hcoHolder(object)}: dataImportCronTemplate ${position} is named ${show(name)} like template ${earlier}: the operator refuses two templates with one name; rename one, or merge them`);
      });
    }
  },
};
