/**
 * `npm run docs`: rewrites README.md's generated parts. The tables between `<!-- marker -->` and
 * `<!-- /marker -->` come from the code: the validation rules in src/validation/rules/, the
 * live-migration checks in src/validation/rules/live-migration/, the fields KubeVirt owns and the
 * Argo CD health checks in src/gitops/. The fenced blocks after `<!-- example:basic-vm:code -->`
 * and `<!-- example:basic-vm:yaml -->` are the example's program and what `cdk8s synth` writes
 * for it. Tests fail while any of them differs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { healthCheckTable, ownedFieldTable } from '../src/gitops/readme-tables';
import { migrationReasonTable, ruleTable } from '../src/validation/readme-tables';

const README = path.resolve(__dirname, '..', 'README.md');
const TABLES: Record<string, () => string> = {
  'rules:table': ruleTable,
  'live-migration:reasons': migrationReasonTable,
  'gitops:owned-fields': ownedFieldTable,
  'gitops:health-checks': healthCheckTable,
};

/** What `cdk8s synth` writes for examples/basic-vm. */
function basicVmYaml(): string {
  const root = path.resolve(__dirname, '..');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-basic-vm-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--output', outdir, '--check-upgrade', 'false'], { cwd: path.join(root, 'examples', 'basic-vm') });
    return fs.readFileSync(path.join(outdir, 'basic-vm.k8s.yaml'), 'utf8');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const BLOCKS: Record<string, () => string> = {
  'example:basic-vm:code': () => fs.readFileSync(path.resolve(__dirname, '..', 'examples', 'basic-vm', 'main.ts'), 'utf8'),
  'example:basic-vm:yaml': basicVmYaml,
};

let text = fs.readFileSync(README, 'utf8');
for (const [marker, table] of Object.entries(TABLES)) {
  const block = new RegExp(`(<!-- ${marker} -->\\n)[\\s\\S]*?(\\n<!-- /${marker} -->)`);
  if (!block.test(text)) throw new Error(`README.md has no <!-- ${marker} --> ... <!-- /${marker} --> block`);
  text = text.replace(block, (_match, open: string, close: string) => `${open}${table()}${close}`);
}
for (const [marker, content] of Object.entries(BLOCKS)) {
  const block = new RegExp(`(<!-- ${marker} -->\\n\`\`\`\\w+\\n)[\\s\\S]*?(\`\`\`\\n)`);
  if (!block.test(text)) throw new Error(`README.md has no fenced block after <!-- ${marker} -->`);
  text = text.replace(block, (_match, open: string, close: string) => `${open}${content()}${close}`);
}
fs.writeFileSync(README, text);
console.log(`README.md: ${[...Object.keys(TABLES), ...Object.keys(BLOCKS)].join(', ')} written`);
