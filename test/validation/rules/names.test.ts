import { issuesOf, vm } from './rule-fixtures';
import { names } from '../../../src/validation/rules/names';

describe('rule names', () => {
  test('fires on a VM name that is no DNS label, and on the same object twice', () => {
    expect(issuesOf(names, [vm('Web'), vm('db'), vm('db')])).toEqual([
      'error names VirtualMachine Web metadata.name: "Web" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "web")',
      'error names VirtualMachine db metadata.name: VirtualMachine "mq/db" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one',
    ]);
  });

  test('stays quiet on DNS names, a dotted ConfigMap name and RBAC names', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web.config', namespace: 'mq' } };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:kubevirt' } };
    expect(issuesOf(names, [vm('web'), config, role])).toEqual([]);
  });
});

describe('rule names: a name is required', () => {
  test('an object with neither name nor generateName (also an empty name)', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'mq' } };
    const secret = { apiVersion: 'v1', kind: 'Secret' };
    const nameless = vm('x', (_spec, object) => { object.metadata.name = ''; });
    expect(issuesOf(names, [config, secret, nameless])).toEqual([
      'error names ConfigMap undefined metadata.name: ConfigMap in namespace "mq" has no metadata.name, which the API server requires (or metadata.generateName): give it a name',
      'error names Secret undefined metadata.name: Secret in no namespace has no metadata.name, which the API server requires (or metadata.generateName): give it a name',
      'error names VirtualMachine  metadata.name: VirtualMachine in namespace "mq" has no metadata.name, which the API server requires (or metadata.generateName): give it a name',
    ]);
  });

  test('stays quiet on generateName alone (kubectl create accepts it)', () => {
    const job = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'run-', namespace: 'mq' } };
    expect(issuesOf(names, [job])).toEqual([]);
  });
});
