import { spawn, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';
import { expandList, parseManifestStream } from '../../src/cli/kubectl-yaml';
import { STDIN_NAME, loadManifests } from '../../src/cli/load-manifests';

const VM = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: web
  namespace: apps
  creationTimestamp: null
  annotations:
spec:
  runStrategy: Always
  template:
    spec:
      domain:
        memory: { guest: 1Gi }
        devices:
          disks:
          - name: root
            disk:
      volumes:
      - name: root
        containerDisk: { image: quay.io/containerdisks/fedora:41 }
`;

// The NAD form the Multus docs use: the quoted config closes at the key's own indentation.
const NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: br1
  namespace: apps
spec:
  config: '{
    "cniVersion": "0.3.1",
    "name": "br1",
    "type": "bridge",
    "bridge": "br1"
}'
`;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-manifests-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('parseManifestStream: YAML as kubectl reads it', () => {
  test('YAML 1.1 scalars as go-yaml v2 resolves them, and merge keys', () => {
    const [doc] = parseManifestStream('base: &base { size: 1 }\nvalue:\n  <<: *base\n  a: on\n  b: No\n  c: y\n  d: 0755\n  e: 0x1F\n  f: 1_000\n  g: "on"\n  h: 2024-01-01\n  i: 1.5e3\n  j: ~\n');
    expect(doc).toEqual({ value: { base: { size: 1 }, value: { size: 1, a: true, b: false, c: true, d: 493, e: 31, f: 1000, g: 'on', h: '2024-01-01', i: 1500 } } });
  });

  test('a NAD config closing its quote at the key\'s indentation is read, as kubectl reads it', () => {
    const [doc] = parseManifestStream(NAD);
    expect(JSON.parse((doc as any).value.spec.config)).toEqual({ cniVersion: '0.3.1', name: 'br1', type: 'bridge', bridge: 'br1' });
  });

  test('null values are dropped as the API server drops them: creationTimestamp, empty annotations, an empty disk entry', () => {
    const [doc] = parseManifestStream(VM);
    const vm = (doc as any).value;
    expect(vm.metadata).toEqual({ name: 'web', namespace: 'apps' });
    expect(vm.spec.template.spec.domain.devices.disks).toEqual([{ name: 'root' }]);
  });

  test('documents split at --- lines: a broken one is reported with its line, the others still read', () => {
    const docs = parseManifestStream('# a comment before the first separator\n---\na: 1\n--- # second\nb: [1\n---\nc: 3\n');
    expect(docs).toEqual([
      { value: { a: 1 } },
      { error: 'unexpected end of the stream within a flow collection at line 6, column 1' },
      { value: { c: 3 } },
    ]);
  });

  test('only the first YAML document of a chunk counts, as go-yaml v2 Unmarshal reads it for kubectl', () => {
    // An excerpt from the docs: kubectl sends apiVersion and kind only, and ignores what follows `...`, even invalid YAML.
    expect(parseManifestStream('apiVersion: v1\nkind: ConfigMap\n...\ndata:\n  a: [1\n')).toEqual([{ value: { apiVersion: 'v1', kind: 'ConfigMap' } }]);
    // `--- <content>` is no separator line: the chunk holds two documents, and the second is ignored.
    expect(parseManifestStream('a: 1\n--- {b: 2}\n')).toEqual([{ value: { a: 1 } }]);
    expect(parseManifestStream('--- {b: 2}\n')).toEqual([{ value: { b: 2 } }]);
    // A marker inside a block scalar would end the document; indented `...` text is content.
    expect(parseManifestStream('a: |\n  x\n  ...\n')).toEqual([{ value: { a: 'x\n...\n' } }]);
  });

  test('a duplicate key is an error, as in kubectl', () => {
    expect(parseManifestStream('a: 1\na: 2\n')).toEqual([{ error: 'duplicated mapping key at line 2, column 1' }]);
  });

  test('List and typed lists are expanded; typed list items get the list\'s apiVersion and kind', () => {
    expect(expandList({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret' }] })).toEqual([{ apiVersion: 'v1', kind: 'Secret' }]);
    expect(expandList({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineList', items: [{ metadata: { name: 'a' } }, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'b' } }] })).toEqual([
      { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'a' } },
      { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'b' } },
    ]);
    expect(expandList({ kind: 'Playlist', spec: {} })).toEqual([{ kind: 'Playlist', spec: {} }]);
  });
});

describe('loadManifests: files, folders, stdin, FIFOs and what cannot be read', () => {
  test('- reads stdin', () => {
    const loaded = loadManifests(['-'], () => VM);
    expect(loaded.objects.map((o) => [o.file, o.document, (o.object as any).metadata.name])).toEqual([[STDIN_NAME, 0, 'web']]);
    expect(loaded.problems).toEqual([]);
  });

  test('/dev/null is an empty input, not a crash', () => {
    expect(loadManifests(['/dev/null'])).toEqual({ objects: [], problems: [], missing: [], files: ['/dev/null'] });
  });

  test('a FIFO (what <(helm template ...) gives) is read whole', async () => {
    const fifo = path.join(dir, 'stream.fifo');
    execFileSync('mkfifo', [fifo]);
    // The writer gets its input from a file: this thread blocks reading the FIFO, so it could not feed a pipe.
    const source = write('nad-source.yaml', NAD);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo], { stdio: 'ignore' });
    const loaded = loadManifests([fifo]);
    await new Promise((resolve) => writer.on('close', resolve));
    expect(loaded.objects.map((o) => (o.object as any).kind)).toEqual(['NetworkAttachmentDefinition']);
  });

  test('in a folder: a broken symbolic link and a binary file are reported, the rest read', () => {
    const folder = path.join(dir, 'mixed');
    write('mixed/vm.yaml', VM);
    write('mixed/image.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    fs.symlinkSync(path.join(folder, 'gone.yaml'), path.join(folder, 'dangling.yaml'));
    const loaded = loadManifests([folder]);
    expect(loaded.objects).toHaveLength(1);
    expect(loaded.problems).toEqual([
      { file: path.join(folder, 'dangling.yaml'), message: `broken symbolic link (to ${path.join(folder, 'gone.yaml')})` },
      { file: path.join(folder, 'image.yaml'), message: 'binary content, not YAML or JSON' },
    ]);
  });

  test('a missing path is listed as missing', () => {
    expect(loadManifests([path.join(dir, 'nope.yaml')]).missing).toEqual([path.join(dir, 'nope.yaml')]);
  });
});

describe('validate: exit codes for input it cannot use', () => {
  test('YAML from stdin is validated; merge keys and nulls give no false errors', async () => {
    const result = await runCli(['validate', '-'], {}, { stdin: VM });
    expect(result).toMatchObject({ status: 0, stdout: '1 object(s) in 1 file(s): 0 error(s), 0 warning(s)\n' });
  });

  test('invalid YAML, binary content and a broken link: exit 2, one line each, no stack trace', async () => {
    const bad = write('bad.yaml', 'kind: [unclosed\n');
    const binary = write('binary.yaml', Buffer.from([0, 1, 2, 3]));
    const link = path.join(dir, 'link.yaml');
    fs.symlinkSync(path.join(dir, 'missing-target.yaml'), link);
    for (const [file, message] of [
      [bad, `${bad}#0: not valid YAML: unexpected end of the stream within a flow collection at line 2, column 1`],
      [binary, `${binary}: binary content, not YAML or JSON`],
      [link, `${link}: broken symbolic link (to ${path.join(dir, 'missing-target.yaml')})`],
    ]) {
      const result = await runCli(['validate', file]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe(`error   ${message}\n0 object(s) in ${file === link ? 0 : 1} file(s): 1 error(s), 0 warning(s)\n`);
      expect(result.stderr).toBe('');
    }
    expect(await runCli(['graph', bad])).toMatchObject({ status: 2, stderr: `${bad}#0: not valid YAML: unexpected end of the stream within a flow collection at line 2, column 1\n` });
  });
});

describe('validate: references outside the files', () => {
  const vmOnNetwork = VM.replace('      volumes:\n', '      networks:\n      - name: repl\n        multus: { networkName: infra/vlan-120 }\n      volumes:\n')
    .replace('        devices:\n', '        devices:\n          interfaces: [{ name: repl, bridge: {} }]\n');

  test('a Multus network the files do not declare is a warning by default: it must exist in the cluster', async () => {
    const result = await runCli(['validate', '-'], {}, { stdin: vmOnNetwork });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe([
      `warning ${STDIN_NAME}#0 VirtualMachine apps/web spec.template.spec.networks[0].multus.networkName: network "infra/vlan-120" (NetworkAttachmentDefinition "infra/vlan-120") is not among the given files: it must exist in the cluster (--known-network infra/vlan-120 says it does; --closed makes this an error)`,
      '1 object(s) in 1 file(s): 0 error(s), 1 warning(s)',
      '',
    ].join('\n'));
  });

  test('--closed makes it an error; --known-network silences it', async () => {
    const closed = await runCli(['validate', '--closed', '-'], {}, { stdin: vmOnNetwork });
    expect(closed.status).toBe(1);
    expect(closed.stdout).toContain('error   <stdin>#0 VirtualMachine apps/web spec.template.spec.networks[0].multus.networkName: network "infra/vlan-120" resolves to no NetworkAttachmentDefinition "infra/vlan-120" among these objects');
    const known = await runCli(['validate', '--closed', '--known-network', 'infra/vlan-120', '-'], {}, { stdin: vmOnNetwork });
    expect(known).toMatchObject({ status: 0, stdout: '1 object(s) in 1 file(s): 0 error(s), 0 warning(s)\n' });
  });

  test('a claim of a VM that must live-migrate, not among the files: a warning by default, an error under --closed', async () => {
    const migrating = VM.replace('    spec:\n      domain:', '    spec:\n      evictionStrategy: LiveMigrate\n      domain:')
      .replace('containerDisk: { image: quay.io/containerdisks/fedora:41 }', 'persistentVolumeClaim: { claimName: web-root }');
    const open = await runCli(['validate', '-'], {}, { stdin: migrating });
    expect(open.status).toBe(0);
    expect(open.stdout).toMatch(/^warning <stdin>#0 VirtualMachine apps\/web spec\.template\.spec\.volumes\[0\]: DisksNotLiveMigratable: volume "root" uses PersistentVolumeClaim "web-root", which is not declared with the VM, .* \(PersistentVolumeClaim "web-root" is not among the given files: it must exist in the cluster, ReadWriteMany; --closed makes this an error\)$/m);
    const closed = await runCli(['validate', '--closed', '-'], {}, { stdin: migrating });
    expect(closed.status).toBe(1);
    expect(closed.stdout).toMatch(/^error   <stdin>#0 VirtualMachine apps\/web spec\.template\.spec\.volumes\[0\]: DisksNotLiveMigratable: volume "root" uses PersistentVolumeClaim "web-root", which is not declared with the VM, .*\)\)$/m);
  });
});
