/**
 * The smoke test runs README's recipe through the blocks marked `<!-- recipe:NAME -->`; these
 * tests pin how a block is found and how the install line is read, and that README has them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { installedPackages, recipeBlocks } from '../../scripts/smoke/readme-recipe';

const README = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

describe('recipeBlocks', () => {
  test('takes the fenced block right after each marker, by name', () => {
    const text = [
      'intro', '<!-- recipe:cdk8s.yaml -->', '```yaml', 'language: typescript', 'app: npx ts-node main.ts', '```',
      '```sh', 'not marked', '```',
      '<!-- recipe:run -->', '```sh', 'npx cdk8s synth', '```',
    ].join('\n');
    expect([...recipeBlocks(text)]).toEqual([
      ['cdk8s.yaml', 'language: typescript\napp: npx ts-node main.ts\n'],
      ['run', 'npx cdk8s synth\n'],
    ]);
  });

  test('refuses two blocks under one name', () => {
    const block = '<!-- recipe:main.ts -->\n```ts\nx\n```\n';
    expect(() => recipeBlocks(block + block)).toThrow('README.md: two blocks are marked <!-- recipe:main.ts -->; mark one');
  });

  test("README marks the recipe's install line and its three files", () => {
    expect([...recipeBlocks(README).keys()]).toEqual(expect.arrayContaining(['install', 'tsconfig.json', 'cdk8s.yaml', 'main.ts']));
  });
});

describe('installedPackages', () => {
  test('reads every npm install of the block, scoped names and ranges too, without flags or comments', () => {
    const install = [
      'mkdir my-vms && cd my-vms && npm init -y',
      'npm install kubevirt-constructs cdk8s   # the library',
      'npm install --save-dev cdk8s-cli typescript@~5.9 @types/node@^20',
    ].join('\n');
    expect(installedPackages(install)).toEqual([
      { name: 'kubevirt-constructs', spec: 'kubevirt-constructs' },
      { name: 'cdk8s', spec: 'cdk8s' },
      { name: 'cdk8s-cli', spec: 'cdk8s-cli' },
      { name: 'typescript', spec: 'typescript@~5.9' },
      { name: '@types/node', spec: '@types/node@^20' },
    ]);
  });
});
