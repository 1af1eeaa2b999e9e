/**
 * Every example folder explains itself: it has a README.md that says how to run it and what it
 * writes, examples/README.md lists it, and the main README's example table links its README.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const folders = fs.readdirSync(EXAMPLES).filter((name) => fs.statSync(path.join(EXAMPLES, name)).isDirectory()).sort();

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** The relative links of a Markdown text, e.g. `basic-vm/README.md`. */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
}

describe('example READMEs', () => {
  test('there are example folders to check', () => {
    expect(folders).toEqual(expect.arrayContaining(['basic-vm', 'gitops-openshift', 'pulumi-openshift']));
  });

  test.each(folders)('examples/%s has a README.md naming its folder, how to run it and what it writes', (name) => {
    const file = path.join(EXAMPLES, name, 'README.md');
    expect(fs.existsSync(file)).toBe(true);
    const text = read(file);
    expect(text.split('\n')[0]).toBe(`# ${name}`);
    expect(text).toMatch(/Run it/);
    // A cdk8s app says how to synthesize it; a Pulumi-only program (no cdk8s.yaml) says it writes no YAML.
    if (fs.existsSync(path.join(EXAMPLES, name, 'cdk8s.yaml'))) expect(text).toContain('npx cdk8s synth');
    else expect(text).toContain('no `cdk8s.yaml`');
    expect(text).toMatch(/writes/);
    if (fs.existsSync(path.join(EXAMPLES, name, 'Pulumi.yaml'))) expect(text).toContain('pulumi up');
  });

  test('examples/README.md lists every example folder, and only those', () => {
    const listed = links(read(path.join(EXAMPLES, 'README.md'))).filter((l) => l.endsWith('/README.md')).map((l) => l.split('/')[0]);
    expect([...listed].sort()).toEqual(folders);
  });

  test("README.md's example table links every example's README, and examples/README.md", () => {
    const readme = read(path.join(ROOT, 'README.md'));
    const table = readme.slice(readme.indexOf('| example'), readme.indexOf('\n\n', readme.indexOf('| example')));
    const linked = links(table);
    expect(linked).toContain('examples/README.md');
    expect(linked.filter((l) => l !== 'examples/README.md').sort()).toEqual(folders.map((f) => `examples/${f}/README.md`));
  });

  test('every relative link in the example READMEs and README.md points to a file that exists', () => {
    const documents = [path.join(ROOT, 'README.md'), path.join(EXAMPLES, 'README.md'), ...folders.map((f) => path.join(EXAMPLES, f, 'README.md'))];
    const broken = documents.flatMap((doc) => links(read(doc))
      .filter((link) => !fs.existsSync(path.resolve(path.dirname(doc), link)))
      .map((link) => `${path.relative(ROOT, doc)}: ${link}`));
    expect(broken).toEqual([]);
  });
});
