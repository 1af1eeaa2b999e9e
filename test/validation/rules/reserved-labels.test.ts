import { issuesOf, vm } from './rule-fixtures';
import { reservedLabels } from '../../../src/validation/rules/reserved-labels';

describe('rule reserved-labels', () => {
  test('fires on kubevirt.io/nodeName in a VM template', () => {
    expect(issuesOf(reservedLabels, [vm('web', (_s, o) => { o.spec.template.metadata = { labels: { 'app': 'web', 'kubevirt.io/nodeName': 'worker-1' } }; })])).toEqual([
      'error reserved-labels VirtualMachine web spec.template.metadata.labels: VirtualMachine "mq/web" sets "kubevirt.io/nodeName" on its instance, a label KubeVirt reserves for itself and refuses from users: remove it (to place the VM on a node, use nodeSelector or affinity)',
    ]);
  });

  test('stays quiet on other kubevirt.io/ labels', () => {
    expect(issuesOf(reservedLabels, [vm('web', (_s, o) => { o.spec.template.metadata = { labels: { 'kubevirt.io/domain': 'web', 'kubevirt.io/size': 'small' } }; })])).toEqual([]);
  });
});
