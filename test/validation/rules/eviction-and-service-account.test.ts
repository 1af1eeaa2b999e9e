import { issuesOf, vm } from './rule-fixtures';
import { evictionAndServiceAccount } from '../../../src/validation/rules/eviction-and-service-account';

const at = 'error eviction-and-service-account VirtualMachine web spec.template.spec';

describe('rule eviction-and-service-account', () => {
  test('fires on an eviction strategy KubeVirt does not know', () => {
    expect(issuesOf(evictionAndServiceAccount, [vm('web', (s) => { s.evictionStrategy = 'Migrate'; })])).toEqual([
      `${at}.evictionStrategy: VirtualMachine "mq/web" has evictionStrategy "Migrate", which KubeVirt does not know: use one of "LiveMigrate", "LiveMigrateIfPossible", "None", "External", or leave it out for the cluster's default`,
    ]);
  });

  test('fires on a service account name that differs from the serviceAccount volume', () => {
    expect(issuesOf(evictionAndServiceAccount, [vm('web', (s) => {
      s.serviceAccountName = 'web';
      s.volumes.push({ name: 'sa', serviceAccount: { serviceAccountName: 'db' } });
    })])).toEqual([
      `${at}.serviceAccountName: VirtualMachine "mq/web" has serviceAccountName "web" and a serviceAccount volume "sa" of account "db", which KubeVirt refuses: name the same service account in both`,
    ]);
  });

  test('stays quiet on a known strategy and a matching service account', () => {
    expect(issuesOf(evictionAndServiceAccount, [vm('web', (s) => {
      s.evictionStrategy = 'LiveMigrateIfPossible';
      s.serviceAccountName = 'web';
      s.volumes.push({ name: 'sa', serviceAccount: { serviceAccountName: 'web' } });
    })])).toEqual([]);
  });
});
