import { issuesOf } from './rule-fixtures';
import { hcoDataImportCronNames } from '../../../src/validation/rules/hco-data-import-cron-names';

const hco = (apiVersion: string, spec: object): any => ({ apiVersion, kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec });
const template = (name: string) => ({ metadata: { name }, spec: { schedule: '@daily', managedDataSource: name, template: { spec: { source: { registry: { url: 'docker://quay.io/containerdisks/fedora:40' } } } } } });

describe('rule hco-data-import-cron-names', () => {
  test('two templates with one name', () => {
    expect(issuesOf(hcoDataImportCronNames, [hco('hco.kubevirt.io/v1', { workloadSources: { dataImportCronTemplates: [template('fedora'), template('centos'), template('fedora')] } })])).toEqual([
      'error hco-data-import-cron-names HyperConverged kubevirt-hyperconverged spec.workloadSources.dataImportCronTemplates[2].metadata.name: HyperConverged "openshift-cnv/kubevirt-hyperconverged": dataImportCronTemplate 2 is named "fedora" like template 0: the operator refuses two templates with one name; rename one, or merge them',
    ]);
  });

  test('stays quiet on the near miss (similar names)', () => {
    expect(issuesOf(hcoDataImportCronNames, [hco('hco.kubevirt.io/v1beta1', { dataImportCronTemplates: [template('fedora'), template('fedora-40')] })])).toEqual([]);
  });
});
