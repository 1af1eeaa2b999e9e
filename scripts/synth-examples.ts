/**
 * `npm run synth`: runs `cdk8s synth` in every examples/<name>/ that has a cdk8s.yaml and
 * writes its YAML to dist/<name>/. Each example's folder is emptied first, so the output is
 * exactly what the program produces now.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const only = process.argv.slice(2);

const examples = fs.readdirSync(path.join(root, 'examples'))
  .filter((name) => fs.existsSync(path.join(root, 'examples', name, 'cdk8s.yaml')))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

for (const name of examples) {
  const outdir = path.join(root, 'dist', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = Date.now();
  execFileSync(process.execPath, [cli, 'synth', '--output', outdir, '--check-upgrade', 'false'], {
    cwd: path.join(root, 'examples', name),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Recursive: a GitOpsApp writes a folder per chart.
  const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();
  console.log(`${name}: ${files.map((f) => path.join('dist', name, f)).join(', ')} (${Date.now() - started} ms)`);
}
