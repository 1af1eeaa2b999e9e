import { issuesOf } from './rule-fixtures';
import { HYPERCONVERGED_NAME } from '../../../src/runtime/hyperconverged';
import { hcoName } from '../../../src/validation/rules/hco-name';
import { validateObjects } from '../../../src/validation/validate-objects';

const hco = (apiVersion: string, metadata: object): any => ({ apiVersion, kind: 'HyperConverged', metadata: { namespace: 'openshift-cnv', ...metadata }, spec: {} });
const FIX = 'the operator reconciles only a HyperConverged named "kubevirt-hyperconverged"; set metadata.name to "kubevirt-hyperconverged"';

describe('rule hco-name', () => {
  test('another name: one the CRD refuses, one the operator ignores', () => {
    expect(issuesOf(hcoName, [
      hco('hco.kubevirt.io/v1beta1', { name: 'hco' }),
      hco('hco.kubevirt.io/v1', { name: 'my-kubevirt-hyperconverged' }),
    ])).toEqual([
      `error hco-name HyperConverged hco metadata.name: HyperConverged "openshift-cnv/hco": name "hco" is not accepted (the CRD refuses it): ${FIX}`,
      `error hco-name HyperConverged my-kubevirt-hyperconverged metadata.name: HyperConverged "openshift-cnv/my-kubevirt-hyperconverged": name "my-kubevirt-hyperconverged" is not accepted (the operator ignores it): ${FIX}`,
    ]);
  });

  test('stays quiet on the operator\'s name (both versions), on a missing name (the names rule\'s) and on another group\'s HyperConverged', () => {
    expect(issuesOf(hcoName, [
      hco('hco.kubevirt.io/v1beta1', { name: 'kubevirt-hyperconverged' }),
      hco('hco.kubevirt.io/v1', { name: 'kubevirt-hyperconverged' }),
      hco('hco.kubevirt.io/v1', { generateName: 'kubevirt-hyperconverged-' }),
      { ...hco('example.com/v1', { name: 'hco' }) },
    ])).toEqual([]);
  });

  test('is the construct\'s name, and YAML input gets the error from validate', () => {
    expect(HYPERCONVERGED_NAME).toBe('kubevirt-hyperconverged');
    const report = validateObjects([hco('hco.kubevirt.io/v1beta1', { name: 'hco' })]);
    expect(report.errors.filter((e) => e.rule === 'hco-name').map((e) => e.path)).toEqual(['metadata.name']);
  });
});
