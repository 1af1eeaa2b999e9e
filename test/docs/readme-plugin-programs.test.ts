import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

// The Python and Pulumi YAML programs README shows are the files test/pulumi/plugin-schema.test.ts
// checks against the plugin's inferred schema: README must show them as they are.
test.each([
  ['pulumi-plugin/examples/python/__main__.py', 'python', 'import pulumi'],
  ['pulumi-plugin/examples/yaml/Pulumi.yaml', 'yaml', ''],
])('README shows %s as it is', (file, language, from) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  expect(README).toContain(`\`\`\`${language}\n${text.slice(text.indexOf(from))}\`\`\``);
});
