import { issuesOf } from './rule-fixtures';
import { hcoDataImportCronTemplates } from '../../../src/validation/rules/hco-data-import-cron-templates';

const hco = (apiVersion: string, spec: object): any => ({ apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec });
const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const ENABLE = 'dataimportcrontemplate.kubevirt.io/enable';
const SPEC = { schedule: '0 */12 * * *', managedDataSource: 'centos-stream9', template: { spec: { source: { registry: { url: 'docker://quay.io/containerdisks/centos-stream:9' } }, storage: {} } } };

describe('rule hco-data-import-cron-templates', () => {
  test('an enable annotation that is not true/false, and an enabled template without spec', () => {
    expect(issuesOf(hcoDataImportCronTemplates, [hco('hco.kubevirt.io/v1beta1', {
      dataImportCronTemplates: [
        { metadata: { name: 'centos-stream9-image-cron', annotations: { [ENABLE]: 'no' } } },
        { metadata: { name: 'fedora-image-cron', annotations: { [ENABLE]: 'True' } } },
      ],
    })])).toEqual([
      `error hco-data-import-cron-templates HyperConverged kubevirt-hyperconverged spec.dataImportCronTemplates[0].metadata.annotations["${ENABLE}"]: ${HOLDER}: dataImportCronTemplate 0 ("centos-stream9-image-cron"): annotation ${ENABLE} is "no", not "true" or "false": the operator refuses it; write "false" to turn the template off, or "true"`,
      `error hco-data-import-cron-templates HyperConverged kubevirt-hyperconverged spec.dataImportCronTemplates[1].spec: ${HOLDER}: dataImportCronTemplate 1 ("fedora-image-cron") is enabled and has no spec: the operator refuses it; give the DataImportCron spec (source, schedule, managedDataSource), or set annotation ${ENABLE}: "false" to turn a common template off`,
    ]);
  });

  test('v1 keeps them under workloadSources', () => {
    expect(issuesOf(hcoDataImportCronTemplates, [hco('hco.kubevirt.io/v1', { workloadSources: { dataImportCronTemplates: [{ metadata: { name: 'mine' } }] } })])).toEqual([
      `error hco-data-import-cron-templates HyperConverged kubevirt-hyperconverged spec.workloadSources.dataImportCronTemplates[0].spec: ${HOLDER}: dataImportCronTemplate 0 ("mine") is enabled and has no spec: the operator refuses it; give the DataImportCron spec (source, schedule, managedDataSource), or set annotation ${ENABLE}: "false" to turn a common template off`,
    ]);
  });

  test('stays quiet on the near misses (a disabled template without spec, FALSE in capitals, a full template)', () => {
    expect(issuesOf(hcoDataImportCronTemplates, [hco('hco.kubevirt.io/v1beta1', {
      dataImportCronTemplates: [
        { metadata: { name: 'centos-stream9-image-cron', annotations: { [ENABLE]: 'false' } } },
        { metadata: { name: 'fedora-image-cron', annotations: { [ENABLE]: 'FALSE' } } },
        { metadata: { name: 'mine', annotations: { [ENABLE]: 'true' } }, spec: SPEC },
      ],
    })])).toEqual([]);
  });
});
