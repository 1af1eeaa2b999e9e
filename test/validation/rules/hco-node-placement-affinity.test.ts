import { issuesOf } from './rule-fixtures';
import { hcoNodePlacementAffinity } from '../../../src/validation/rules/hco-node-placement-affinity';

const HOLDER = 'HyperConverged "openshift-cnv/kubevirt-hyperconverged"';
const required = (terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const v1beta1 = (affinity: object): any => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: { workloads: { nodePlacement: { affinity } } },
});
const TERMS = 'spec.workloads.nodePlacement.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
const PREFIX = 'error hco-node-placement-affinity HyperConverged kubevirt-hyperconverged';
const WHY = 'the operator refuses a node selector it cannot parse';

describe('rule hco-node-placement-affinity', () => {
  test('an operator typo, In without values, Exists with values, Gt with a word, a field selector with two names', () => {
    expect(issuesOf(hcoNodePlacementAffinity, [v1beta1(required([
      { matchExpressions: [{ key: 'gpu', operator: 'Equals', values: ['a10'] }, { key: 'zone', operator: 'In' }] },
      { matchExpressions: [{ key: 'gpu', operator: 'Exists', values: ['a10'] }, { key: 'cores', operator: 'Gt', values: ['many'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a', 'node-b'] }] },
    ]))])).toEqual([
      `${PREFIX} ${TERMS}[0].matchExpressions[0].operator: ${HOLDER}: workloads node placement affinity, term 0 matchExpressions[0]: operator "Equals" is not one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt": use one of those; ${WHY}`,
      `${PREFIX} ${TERMS}[0].matchExpressions[1].values: ${HOLDER}: workloads node placement affinity, term 0 matchExpressions[1]: operator In has no values: list the label values to match, or use Exists; ${WHY}`,
      `${PREFIX} ${TERMS}[1].matchExpressions[0].values: ${HOLDER}: workloads node placement affinity, term 1 matchExpressions[0]: operator Exists matches on the key alone, and values ["a10"] are given: leave values out, or use In; ${WHY}`,
      `${PREFIX} ${TERMS}[1].matchExpressions[1].values: ${HOLDER}: workloads node placement affinity, term 1 matchExpressions[1]: operator Gt needs exactly one whole number, and values are ["many"]: write one integer, e.g. ["4"]; ${WHY}`,
      `${PREFIX} ${TERMS}[2].matchFields[0].values: ${HOLDER}: workloads node placement affinity, term 2 matchFields[0]: operator In on a field needs exactly one value, and values are ["node-a","node-b"]: give one node name per requirement; ${WHY}`,
    ]);
  });

  test('v1 infra placement with a bad label key', () => {
    const object = {
      apiVersion: 'hco.kubevirt.io/v1',
      kind: 'HyperConverged',
      metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
      spec: { deployment: { nodePlacements: { infra: { affinity: required([{ matchExpressions: [{ key: 'node role', operator: 'Exists' }] }]) } } } },
    };
    const issues = issuesOf(hcoNodePlacementAffinity, [object]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^error hco-node-placement-affinity HyperConverged kubevirt-hyperconverged spec\.deployment\.nodePlacements\.infra\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.key: HyperConverged "openshift-cnv\/kubevirt-hyperconverged": infra node placement affinity, term 0 matchExpressions\[0\]: key "node role" /);
  });

  test('stays quiet on the near misses', () => {
    expect(issuesOf(hcoNodePlacementAffinity, [v1beta1({
      ...required([
        { matchExpressions: [{ key: 'node-role.kubernetes.io/worker', operator: 'Exists' }, { key: 'cores', operator: 'Lt', values: ['64'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a', 'b'] }], matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-a'] }] },
      ]),
      podAntiAffinity: {},
    })])).toEqual([]);
  });
});
