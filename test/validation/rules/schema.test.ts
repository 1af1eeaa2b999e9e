import { issuesOf, vm } from './rule-fixtures';
import { schema } from '../../../src/validation/rules/schema';
import { IssueSeverity } from '../../../src/validation/validation-report';

describe('rule schema', () => {
  test('fires on a field the strict schema does not have, and on a kind with no schema (a warning, or an error when asked)', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(issuesOf(schema, [vm('a', (s) => { s.domain.cpuu = {}; }), widget])).toEqual([
      'error schema VirtualMachine a spec.template.spec.domain.cpuu: unknown field (not in the schema: misspelled or misplaced?)',
      'warning schema Widget w (root): no schema for example.com/v1 Widget: it is not a kind this package knows, so it cannot be checked',
    ]);
    expect(issuesOf(schema, [widget], { unknownKinds: IssueSeverity.ERROR })[0]).toMatch(/^error schema Widget/);
  });

  test('stays quiet on a valid VM', () => {
    expect(issuesOf(schema, [vm('a')])).toEqual([]);
  });
});
