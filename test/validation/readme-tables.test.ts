import * as fs from 'fs';
import * as path from 'path';
import { MigrationBlockerReason } from '../../src/model/live-migration';
import { migrationChecks } from '../../src/validation/live-migration-readiness';
import { migrationReasonTable, ruleTable } from '../../src/validation/readme-tables';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The text between `<!-- marker -->` and `<!-- /marker -->`. */
function between(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\n([\\s\\S]*?)\\n<!-- /${marker} -->`).exec(README);
  if (!match) throw new Error(`README.md has no <!-- ${marker} --> ... <!-- /${marker} -->`);
  return match[1];
}

describe('README tables come from the registries', () => {
  test('the rule table (Validation and the CLI) is the registry\'s, row for row', () => {
    expect(between('rules:table')).toBe(ruleTable());
  });

  test('the reasons table (Will it live-migrate?) is the live-migration checks\', row for row', () => {
    expect(between('live-migration:reasons')).toBe(migrationReasonTable());
  });

  test('every reason is listed by exactly one check, so every reason has its row', () => {
    const listed = migrationChecks().flatMap((check) => check.reasons.map((r) => r.reason));
    expect([...listed].sort()).toEqual(Object.values(MigrationBlockerReason).sort());
  });
});
