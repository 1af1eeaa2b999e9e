import * as fs from 'fs';
import * as path from 'path';
import { OwnedFieldHandling, KUBEVIRT_OWNED_FIELDS } from '../../src/gitops/argo-cd/kubevirt-owned-fields';
import { healthCheckTable, ownedFieldTable } from '../../src/gitops/readme-tables';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

function between(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\n([\\s\\S]*?)\\n<!-- /${marker} -->`).exec(README);
  if (!match) throw new Error(`README.md has no <!-- ${marker} --> ... <!-- /${marker} -->`);
  return match[1];
}

describe('README tables of the GitOps section come from the code', () => {
  test('the drift table is KUBEVIRT_OWNED_FIELDS, row for row', () => {
    expect(between('gitops:owned-fields')).toBe(ownedFieldTable());
  });

  test('the health check table is ARGO_CD_HEALTH_CHECKS, row for row', () => {
    expect(between('gitops:health-checks')).toBe(healthCheckTable());
  });

  test('every ignored field is a JSON pointer (Argo CD takes nothing else) except the documented families', () => {
    const notPointers = KUBEVIRT_OWNED_FIELDS.filter((f) => f.handling === OwnedFieldHandling.IGNORED && !f.field.startsWith('/'));
    expect(notPointers.map((f) => f.field)).toEqual(['schema defaults (`liveMigrationConfig`, `featureGates`, ...)']);
  });
});
