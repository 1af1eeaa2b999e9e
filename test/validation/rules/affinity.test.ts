import { issuesOf, vm } from './rule-fixtures';
import { affinity } from '../../../src/validation/rules/affinity';

const NODE = 'spec.template.spec.affinity.nodeAffinity';
const term = (expression: object) => ({
  requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expression] }] },
});

describe('rule affinity', () => {
  test('fires on a node selector operator the API server does not know', () => {
    const bad = vm('web', (s) => { s.affinity = { nodeAffinity: term({ key: 'zone', operator: 'Equals', values: ['a'] }) }; });
    expect(issuesOf(affinity, [bad])).toEqual([
      `error affinity VirtualMachine web ${NODE}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: KubeVirt refuses the affinity of VirtualMachine "mq/web" (it checks it as the API server checks a pod's): operator "Equals" is not one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt": use one of those`,
    ]);
  });

  test('fires on each refused node and pod affinity field', () => {
    const bad = vm('web', (s) => {
      s.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['1', '2'] }], matchFields: [{ key: 'metadata.labels', operator: 'Exists' }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In' }] } }],
        },
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { 'app name': 'db' } }, topologyKey: '', namespaces: ['Prod'] }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, topologyKey: 'kubernetes.io/hostname' } }] },
      };
    });
    expect(issuesOf(affinity, [bad]).map((i) => i.split(': ')[0].split(' ').pop())).toEqual([
      `${NODE}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`,
      `${NODE}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].operator`,
      `${NODE}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key`,
      `${NODE}.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
      `${NODE}.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values`,
      'spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels',
      'spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces[0]',
      'spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
      'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].values',
    ]);
  });

  test('stays quiet on affinity the API server accepts', () => {
    const fine = vm('web', (s) => {
      s.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['4'] }, { key: 'zone', operator: 'DoesNotExist' }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'example.com/ssd', operator: 'In', values: ['true'] }] } }],
        },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: {}, namespaces: ['prod'], topologyKey: 'kubernetes.io/hostname' }] },
      };
    });
    expect(issuesOf(affinity, [fine])).toEqual([]);
  });
});
