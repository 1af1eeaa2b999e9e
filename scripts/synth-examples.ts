/**
 * `npm run synth`: runs `cdk8s synth` in every examples/<name>/ that has a cdk8s.yaml and
 * writes its YAML to dist/<name>/. Each example's folder is emptied first, so the output is
 * exactly what the program produces now. Examples run side by side, one per CPU (each is a
 * `cdk8s synth` process of its own, so they cannot affect each other); the log keeps their order.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const only = process.argv.slice(2);

const examples = fs.readdirSync(path.join(root, 'examples'))
  .filter((name) => fs.existsSync(path.join(root, 'examples', name, 'cdk8s.yaml')))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

async function synth(name: string): Promise<string> {
  const outdir = path.join(root, 'dist', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = Date.now();
  const run = promisify(execFile)(process.execPath, [cli, 'synth', '--output', outdir, '--check-upgrade', 'false'], { cwd: path.join(root, 'examples', name) });
  // cdk8s reports a failing program on stderr: pass it on.
  run.child.stderr?.pipe(process.stderr);
  await run;
  // Recursive: a GitOpsApp writes a folder per chart.
  const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();
  const written = files.length <= 3 ? files.map((f) => path.join('dist', name, f)).join(', ') : `${files.length} files in dist/${name}/`;
  return `${name}: ${written} (${Date.now() - started} ms)`;
}

async function main(): Promise<void> {
  const lines: string[] = new Array(examples.length);
  let next = 0;
  const worker = async () => {
    while (next < examples.length) {
      const i = next++;
      lines[i] = await synth(examples[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.cpus().length, examples.length) }, worker));
  for (const line of lines) console.log(line);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
