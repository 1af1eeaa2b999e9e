import { issuesOf, vm } from './rule-fixtures';
import { virtualMachinePools } from '../../../src/validation/rules/virtual-machine-pools';

/** A VirtualMachinePool in mq whose template carries `labels`, with `spec` merged in. */
function pool(labels: Record<string, string>, spec: object): any {
  const { spec: vmSpec } = vm('member');
  return {
    apiVersion: 'pool.kubevirt.io/v1alpha1',
    kind: 'VirtualMachinePool',
    metadata: { name: 'web', namespace: 'mq' },
    spec: { replicas: 2, virtualMachineTemplate: { metadata: { labels }, spec: vmSpec }, ...spec },
  };
}

const PREFIX = 'error virtual-machine-pools VirtualMachinePool web spec';
const OF = 'of VirtualMachinePool "mq/web"';

describe('rule virtual-machine-pools', () => {
  test('a selector the template does not meet, a bad maxUnavailable, two scale-in strategies', () => {
    const bad = pool({ app: 'web' }, {
      selector: { matchLabels: { app: 'web', tier: 'front' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      maxUnavailable: '0%',
      scaleInStrategy: { proactive: {}, unmanaged: {} },
    });
    const unparseable = pool({ app: 'web' }, { selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, maxUnavailable: 0 });
    expect(issuesOf(virtualMachinePools, [bad, unparseable])).toEqual([
      `${PREFIX}.selector: the selector ${OF} does not match the labels of its virtualMachineTemplate (unmet: tier=front, zone In (a)), and KubeVirt refuses a pool that would not own its own VMs: add those labels to spec.virtualMachineTemplate.metadata.labels, or narrow the selector`,
      `${PREFIX}.maxUnavailable: maxUnavailable ${OF} is "0%", and KubeVirt needs a percentage from 1% to 100%: set one in that range`,
      `${PREFIX}.scaleInStrategy: scaleInStrategy ${OF} sets "unmanaged" and "proactive", and KubeVirt allows one strategy at a time: keep one`,
      `${PREFIX}.selector.matchExpressions[0].operator: the selector ${OF} cannot be parsed, which KubeVirt refuses: expression on key "app": operator Exists takes no values: leave values out`,
      `${PREFIX}.maxUnavailable: maxUnavailable ${OF} is 0, and KubeVirt needs at least 1: set 1 or more, or a percentage such as "25%"`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    const matching = pool({ 'app': 'web', 'kubevirt.io/vmpool': 'web' }, {
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'kubevirt.io/vmpool', operator: 'Exists' }] },
      maxUnavailable: '100%',
      scaleInStrategy: { proactive: { selectionPolicy: { selectors: ['Random'] } } },
    });
    const counted = pool({}, { selector: {}, maxUnavailable: 1 });
    expect(issuesOf(virtualMachinePools, [matching, counted])).toEqual([]);
  });
});
