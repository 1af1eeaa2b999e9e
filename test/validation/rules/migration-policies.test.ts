import { issuesOf } from './rule-fixtures';
import { migrationPolicies } from '../../../src/validation/rules/migration-policies';

const policy = (name: string, spec: object): any => ({ apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name }, spec });

describe('rule migration-policies', () => {
  test('a negative timeout and negative bandwidths', () => {
    expect(issuesOf(migrationPolicies, [
      policy('slow', { completionTimeoutPerGiB: -1, bandwidthPerMigration: '-64Mi' }),
      policy('tiny', { bandwidthPerMigration: '-0.5' }),
    ])).toEqual([
      'error migration-policies MigrationPolicy slow spec.completionTimeoutPerGiB: completionTimeoutPerGiB of MigrationPolicy "slow" is -1, and KubeVirt refuses a negative timeout: set the seconds a migration may take per GiB of memory (e.g. 150), or leave it out for the cluster default',
      'error migration-policies MigrationPolicy slow spec.bandwidthPerMigration: bandwidthPerMigration of MigrationPolicy "slow" is "-64Mi", and KubeVirt refuses a negative bandwidth: set a quantity such as "64Mi", "0" for unlimited, or leave it out',
      'error migration-policies MigrationPolicy tiny spec.bandwidthPerMigration: bandwidthPerMigration of MigrationPolicy "tiny" is "-0.5", and KubeVirt refuses a negative bandwidth: set a quantity such as "64Mi", "0" for unlimited, or leave it out',
    ]);
  });

  test('stays quiet on the near misses', () => {
    expect(issuesOf(migrationPolicies, [
      policy('zero', { completionTimeoutPerGiB: 0, bandwidthPerMigration: '-0' }),
      policy('fast', { completionTimeoutPerGiB: 150, bandwidthPerMigration: '1Gi', allowPostCopy: true }),
      policy('plain', { bandwidthPerMigration: 0 }),
    ])).toEqual([]);
  });
});
