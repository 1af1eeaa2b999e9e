// Writes README's "Use it in your cdk8s app" recipe into a project folder, so the smoke test runs
// what README tells users, not a copy of it that could drift:
//   ts-node scripts/smoke/readme-recipe.ts <README.md> <package-lock.json> <package tarball> <project dir>
// Each fenced block after a `<!-- recipe:NAME -->` marker is one step. A NAME with a dot is a file
// (tsconfig.json, cdk8s.yaml, main.ts) written as is; `install` holds the `npm install` lines, whose
// packages are written to <project dir>/install-specs.txt (one spec a line) pinned to the versions
// of this repository's package-lock.json where it has them, so CI installs from the npm cache, and
// kubevirt-constructs itself replaced by the tarball under test.
import * as fs from 'fs';
import * as path from 'path';

/** The blocks of README marked `<!-- recipe:NAME -->`, by NAME. */
export function recipeBlocks(readme: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const marked = /<!-- recipe:([\w.-]+) -->\s*\n```[\w-]*\n([\s\S]*?)\n```/g;
  for (const match of readme.matchAll(marked)) {
    if (blocks.has(match[1])) throw new Error(`README.md: two blocks are marked <!-- recipe:${match[1]} -->; mark one`);
    blocks.set(match[1], `${match[2]}\n`);
  }
  return blocks;
}

/** The packages the `npm install` lines of the install block name, without flags, in order. */
export function installedPackages(install: string): Array<{ name: string; spec: string }> {
  const packages: Array<{ name: string; spec: string }> = [];
  for (const line of install.split('\n')) {
    const command = line.replace(/#.*$/, '').split('&&').map((part) => part.trim()).find((part) => /^npm (install|i|add)\b/.test(part));
    if (!command) continue;
    for (const word of command.split(/\s+/).slice(2).filter((w) => !w.startsWith('-'))) {
      // '@scope/name@range' and 'name@range': the version starts at the last '@' past the first character.
      const at = word.lastIndexOf('@');
      packages.push({ name: at > 0 ? word.slice(0, at) : word, spec: word });
    }
  }
  return packages;
}

function main(readmeFile: string, lockFile: string, tarball: string, projectDir: string): void {
  const blocks = recipeBlocks(fs.readFileSync(readmeFile, 'utf8'));
  const wanted = ['install', 'tsconfig.json', 'cdk8s.yaml', 'main.ts'];
  const missing = wanted.filter((name) => !blocks.has(name));
  if (missing.length > 0) {
    throw new Error(`README.md has no block marked ${missing.map((m) => `<!-- recipe:${m} -->`).join(', ')}: mark the recipe's steps so the smoke test can run them`);
  }
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
  const locked: Record<string, { version?: string }> = lock.packages;
  const specs = installedPackages(blocks.get('install')!).map(({ name, spec }) => {
    if (name === lock.name) return path.resolve(tarball);
    const version = locked[`node_modules/${name}`]?.version;
    return version ? `${name}@${version}` : spec;
  });
  fs.mkdirSync(projectDir, { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'install-specs.txt'), `${specs.join('\n')}\n`);
  for (const [name, content] of blocks) {
    if (name.includes('.')) fs.writeFileSync(path.join(projectDir, name), content);
  }
  console.log(`README recipe: ${[...blocks.keys()].filter((n) => n.includes('.')).join(', ')}; npm install ${specs.join(' ')}`);
}

if (require.main === module) {
  const [readmeFile, lockFile, tarball, projectDir] = process.argv.slice(2);
  if (!projectDir) {
    console.error('usage: ts-node scripts/smoke/readme-recipe.ts <README.md> <package-lock.json> <package tarball> <project dir>');
    process.exit(2);
  }
  main(readmeFile, lockFile, tarball, projectDir);
}
