import { issuesOf } from './rule-fixtures';
import { migrationStallDetector } from '../../../src/validation/rules/migration-stall-detector';

const policy = (name: string, stallDetector: object): any => ({
  apiVersion: 'migrations.kubevirt.io/v1alpha1',
  kind: 'MigrationPolicy',
  metadata: { name },
  spec: { experimental: { stallDetector } },
});

describe('rule migration-stall-detector', () => {
  test('fires on an ewmaAlpha of 0', () => {
    expect(issuesOf(migrationStallDetector, [policy('slow', { ewmaAlpha: '0' })])).toEqual([
      'error migration-stall-detector MigrationPolicy slow spec.experimental.stallDetector.ewmaAlpha: stall detector ewmaAlpha "0" of MigrationPolicy "slow" is not above 0, which KubeVirt refuses: give a number above 0 and at most 1, with at most 3 decimals (e.g. "0.5")',
    ]);
  });

  test('fires on each factor out of range, too precise or empty', () => {
    const bad = policy('slow', { ewmaAlpha: '1.5', precopyPossibleFactor: '0.9', patienceWindowDecayFactor: '0.1234', completionTimeoutFactor: ' ' });
    expect(issuesOf(migrationStallDetector, [bad]).map((i) => i.split('"slow" ')[1].split(', which')[0])).toEqual([
      'is above 1',
      'is below 1',
      'has more than 3 decimal places',
      'is empty',
    ]);
  });

  test('stays quiet on factors in range', () => {
    const fine = policy('slow', { ewmaAlpha: '1', precopyPossibleFactor: '1.5', patienceWindowDecayFactor: '0', completionTimeoutFactor: '2.125' });
    expect(issuesOf(migrationStallDetector, [fine])).toEqual([]);
  });
});
