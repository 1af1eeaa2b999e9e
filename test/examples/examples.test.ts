import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { assertValidManifests } from '../../src/validation/validate-manifests';
import { findObject, secretData } from '../helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((name) => fs.existsSync(path.join(EXAMPLES, name, 'cdk8s.yaml'))).sort();

/** Runs examples/<name>/main.ts as `cdk8s synth` would (CDK8S_OUTDIR) and returns the files it wrote. */
function synthExample(name: string): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    // Load the program fresh each time, as `cdk8s synth` runs it in a new process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(path.join(EXAMPLES, name, 'main.ts')));
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
  const files = fs.readdirSync(outdir).sort();
  const out = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
  fs.rmSync(outdir, { recursive: true, force: true });
  return out;
}

function objectsOf(files: Record<string, string>): any[] {
  return Object.values(files).flatMap((text) => parseAllDocuments(text).map((d) => d.toJS()));
}

test('every example folder is covered', () => {
  expect(examples).toContain('basic-vm');
});

describe.each(examples)('examples/%s', (name) => {
  const files = synthExample(name);

  test('writes YAML that passes the strict upstream schemas', () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
    expect(() => assertValidManifests(objectsOf(files))).not.toThrow();
  });

  test('is byte-identical when synthesized again', () => {
    expect(synthExample(name)).toEqual(files);
  });

  test('matches the reviewed output', () => {
    expect(files).toMatchSnapshot();
  });
});

describe('examples/basic-vm', () => {
  const objects = objectsOf(synthExample('basic-vm'));

  test('a Fedora VM with 2 cores and 4 GiB from a container disk, on the pod network with masquerade', () => {
    const vm = findObject(objects, 'VirtualMachine', 'fedora');
    const spec = vm.spec.template.spec;
    expect(vm.metadata.namespace).toBe('vms');
    expect(spec.domain.cpu).toEqual({ cores: 2 });
    expect(spec.domain.memory).toEqual({ guest: '4Gi' });
    expect(spec.volumes[0]).toEqual({ name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } });
    expect(spec.domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {} }]);
  });

  test('cloud-init lives in a Secret, not in the VM', () => {
    const vm = findObject(objects, 'VirtualMachine', 'fedora');
    const secret = findObject(objects, 'Secret', 'fedora-cloud-init');
    expect(vm.spec.template.spec.volumes[1]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'fedora-cloud-init' } } });
    expect(secretData(secret).userdata).toMatch(/^#cloud-config\nuser: fedora\n/);
    expect(secretData(secret).userdata).toContain('ssh_authorized_keys:\n  - ssh-ed25519 ');
    expect(JSON.stringify(vm)).not.toContain('userData');
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  /** The fenced block right after a `<!-- marker -->` comment. */
  function blockAfter(marker: string): string {
    const match = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\n`).exec(readme);
    if (!match) throw new Error(`README.md has no block after <!-- ${marker} -->`);
    return match[1];
  }

  test('shows the basic-vm code as it is', () => {
    expect(blockAfter('example:basic-vm:code')).toBe(fs.readFileSync(path.join(EXAMPLES, 'basic-vm', 'main.ts'), 'utf8'));
  });

  test('shows the YAML basic-vm really synthesizes', () => {
    expect(blockAfter('example:basic-vm:yaml')).toBe(synthExample('basic-vm')['basic-vm.k8s.yaml']);
  });

  test('gives the two commands a newcomer runs', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test ');
  });
});
