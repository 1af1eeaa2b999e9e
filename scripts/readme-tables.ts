/**
 * `npm run docs`: rewrites README.md's generated tables (between `<!-- marker -->` and
 * `<!-- /marker -->`) from the registries: the validation rules in src/validation/rules/ and
 * the live-migration checks in src/validation/rules/live-migration/. A test fails while they differ.
 */
import * as fs from 'fs';
import * as path from 'path';
import { migrationReasonTable, ruleTable } from '../src/validation/readme-tables';

const README = path.resolve(__dirname, '..', 'README.md');
const TABLES: Record<string, () => string> = {
  'rules:table': ruleTable,
  'live-migration:reasons': migrationReasonTable,
};

let text = fs.readFileSync(README, 'utf8');
for (const [marker, table] of Object.entries(TABLES)) {
  const block = new RegExp(`(<!-- ${marker} -->\\n)[\\s\\S]*?(\\n<!-- /${marker} -->)`);
  if (!block.test(text)) throw new Error(`README.md has no <!-- ${marker} --> ... <!-- /${marker} --> block`);
  text = text.replace(block, (_match, open: string, close: string) => `${open}${table()}${close}`);
}
fs.writeFileSync(README, text);
console.log(`README.md: ${Object.keys(TABLES).join(', ')} written from the registries`);
