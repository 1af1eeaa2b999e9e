/**
 * CI: builds every GitOps folder the examples write (each folder under dist/ with a
 * kustomization.yaml) with the real client, `kubectl kustomize`, and checks it yields exactly the
 * objects the folder's kustomization lists (files, and folders' kustomizations, recursively). For
 * a layout's top folder it also checks that the phase folders together hold the same objects.
 * Without kubectl it says so and exits 0 (the check is skipped, visibly).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';

const dist = path.resolve(__dirname, '..', 'dist');

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `kind namespace/name` of every object a kustomization lists, by our own reading of it. */
function listed(dir: string): string[] {
  const resources: string[] = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).resources ?? [];
  return resources.flatMap((entry) => {
    const target = path.resolve(dir, entry);
    if (fs.statSync(target).isDirectory()) return listed(target);
    return parseAllDocuments(fs.readFileSync(target, 'utf8')).map((d) => d.toJS()).filter((o) => o).map(key);
  });
}

function key(o: any): string {
  return `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

function built(dir: string): string[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return parseAllDocuments(out).map((d) => d.toJS()).filter((o) => o).map(key);
}

function main(): void {
  if (!kubectlAvailable()) {
    console.log('SKIPPED: kubectl is not installed here, so the GitOps folders were not built with kustomize');
    return;
  }
  const folders = (fs.readdirSync(dist, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === 'kustomization.yaml')
    .map((f) => path.join(dist, path.dirname(f)))
    .sort();
  const problems: string[] = [];
  for (const dir of folders) {
    const expected = listed(dir).sort();
    const actual = built(dir).sort();
    if (JSON.stringify(expected) !== JSON.stringify(actual)) problems.push(`${path.relative(dist, dir)}: kubectl kustomize built ${actual.length} objects, the kustomization lists ${expected.length}`);
    const phases = path.join(dir, 'phases');
    if (fs.existsSync(phases)) {
      const all = fs.readdirSync(phases).flatMap((phase) => built(path.join(phases, phase))).sort();
      if (JSON.stringify(all) !== JSON.stringify(actual)) problems.push(`${path.relative(dist, dir)}: its phase folders hold ${all.length} objects, the layout ${actual.length}`);
    }
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`kubectl kustomize built ${folders.length} GitOps folders; each yields exactly the objects it lists`);
}

main();
