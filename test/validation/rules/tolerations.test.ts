import { issuesOf, vm } from './rule-fixtures';
import { tolerations } from '../../../src/validation/rules/tolerations';

const PREFIX = 'error tolerations VirtualMachine web spec.template.spec.tolerations';
const withTolerations = (list: object[]): any => vm('web', (s) => { s.tolerations = list; });

describe('rule tolerations', () => {
  test('an operator typo, a value with Exists, no key without Exists, a bad effect, seconds without NoExecute', () => {
    expect(issuesOf(tolerations, [withTolerations([
      { key: 'gpu', operator: 'Exist' },
      { key: 'gpu', operator: 'Exists', value: 'yes' },
      { operator: 'Equal', value: 'x' },
      { key: 'gpu', value: 'a b', effect: 'NoRun' },
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 },
    ])])).toEqual([
      `${PREFIX}[0].operator: toleration 0 of VirtualMachine "mq/web": operator "Exist" is not "Equal" or "Exists": use Exists to match any value of the key, or Equal (the default) with a value; the API server refuses the VM's pod otherwise`,
      `${PREFIX}[1].value: toleration 1 of VirtualMachine "mq/web": operator Exists matches any value, so value "yes" must be left out (or use operator Equal); the API server refuses the VM's pod otherwise`,
      `${PREFIX}[2].operator: toleration 2 of VirtualMachine "mq/web": has no key, which means every taint, and operator "Equal": set operator Exists, or give a key; the API server refuses the VM's pod otherwise`,
      `${PREFIX}[3].value: toleration 3 of VirtualMachine "mq/web": value "a b" is not empty nor at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit: write e.g. "a-b", or keep free text in an annotation; the API server refuses the VM's pod otherwise`,
      `${PREFIX}[3].effect: toleration 3 of VirtualMachine "mq/web": effect "NoRun" is not one of "NoSchedule", "PreferNoSchedule", "NoExecute": use one of those, or leave effect out for all effects; the API server refuses the VM's pod otherwise`,
      `${PREFIX}[4].effect: toleration 4 of VirtualMachine "mq/web": tolerationSeconds applies only to effect NoExecute, and effect is "NoSchedule": set effect NoExecute, or leave tolerationSeconds out; the API server refuses the VM's pod otherwise`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    expect(issuesOf(tolerations, [withTolerations([
      { operator: 'Exists' },
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'gpu', value: 'a100' },
      { key: 'example.com/gpu', operator: 'Equal', value: '', effect: 'PreferNoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])])).toEqual([]);
  });
});
