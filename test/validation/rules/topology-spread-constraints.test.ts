import { issuesOf, vm } from './rule-fixtures';
import { topologySpreadConstraints } from '../../../src/validation/rules/topology-spread-constraints';

const spread = (overrides: object = {}) => ({ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...overrides });

describe('rule topology-spread-constraints', () => {
  test('fires on a maxSkew of 0', () => {
    const bad = vm('web', (s) => { s.topologySpreadConstraints = [spread({ maxSkew: 0 })]; });
    expect(issuesOf(topologySpreadConstraints, [bad])).toEqual([
      'error topology-spread-constraints VirtualMachine web spec.template.spec.topologySpreadConstraints[0].maxSkew: KubeVirt refuses topology spread constraint 0 of VirtualMachine "mq/web" (it checks it as the API server checks a pod\'s): maxSkew 0 is not above 0: give the largest difference in VM count allowed between zones (1 spreads evenly)',
    ]);
  });

  test('fires on a bad topologyKey, action and selector, and on a repeated pair', () => {
    const bad = vm('web', (s) => {
      s.topologySpreadConstraints = [
        spread({ topologyKey: 'zone/', whenUnsatisfiable: 'Never', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }),
        spread(),
        spread({ maxSkew: 2 }),
      ];
    });
    expect(issuesOf(topologySpreadConstraints, [bad]).map((i) => i.split(' (it checks')[0].split(' ')[4])).toEqual([
      'spec.template.spec.topologySpreadConstraints[0].topologyKey:',
      'spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable:',
      'spec.template.spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values:',
      'spec.template.spec.topologySpreadConstraints[1]:',
    ]);
  });

  test('stays quiet on constraints the API server accepts', () => {
    const fine = vm('web', (s) => { s.topologySpreadConstraints = [spread(), spread({ whenUnsatisfiable: 'ScheduleAnyway' }), spread({ topologyKey: 'kubernetes.io/hostname', labelSelector: undefined })]; });
    expect(issuesOf(topologySpreadConstraints, [fine])).toEqual([]);
  });
});
