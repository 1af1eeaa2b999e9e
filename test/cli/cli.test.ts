import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { runCli, spawnCli } from './run-cli';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { AccessMode } from '../../src/storage/storage-options';
import { VolumeSource } from '../../src/storage/volume-source';

/** `kubevirt-constructs <args>`, run in-process. */
const cli = (...args: string[]) => runCli(args);

/** A synthesized app with a migratable VM and a VM that is not. */
function appYaml(): string {
  const app: App = Testing.app();
  const chart = new Chart(app, 'vms', { namespace: 'mq' });
  const good = new VirtualMachine(chart, 'good', { metadata: { name: 'good' }, memory: '2Gi', liveMigration: LiveMigrationMode.REQUIRED });
  good.addDisk('root', VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.blank(), size: '10Gi', accessModes: [AccessMode.READ_WRITE_MANY] }));
  const plain = new VirtualMachine(chart, 'plain', { metadata: { name: 'plain' }, memory: '1Gi' });
  plain.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
  return app.synthYaml();
}

const BROKEN_VM = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: { name: broken, namespace: mq }
spec:
  runStrategy: Always
  template:
    spec:
      evictionStrategy: LiveMigrate
      domain:
        memory: { guest: 1Gi }
        devices:
          disks: [{ name: root, disk: {} }]
          interfaces: [{ name: default, bridge: {} }]
      networks: [{ name: default, pod: {} }]
      volumes: [{ name: root, persistentVolumeClaim: { claimName: root-rwo } }]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: root-rwo, namespace: mq }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-cli-'));
  fs.mkdirSync(path.join(dir, 'good', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'good', 'nested', 'app.k8s.yaml'), appYaml());
  fs.writeFileSync(path.join(dir, 'good', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [nested/app.k8s.yaml]\n');
  fs.writeFileSync(path.join(dir, 'broken.yaml'), BROKEN_VM);
  fs.writeFileSync(path.join(dir, 'not-yaml.yaml'), 'kind: [unclosed\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kubevirt-constructs validate', () => {
  test('validate: a folder of valid output exits 0 and says so (kustomization files are skipped)', async () => {
    const result = await cli('validate', path.join(dir, 'good'));
    expect(result.stdout).toBe('2 object(s) in 2 file(s): 0 error(s), 0 warning(s)\n');
    expect(result.status).toBe(0);
  });

  test('validate: errors name the file, the document, the object and the field; exit code 1', async () => {
    const file = path.join(dir, 'broken.yaml');
    const result = await cli('validate', file);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `error   ${file}#0 VirtualMachine mq/broken spec.template.spec.volumes[0]: DisksNotLiveMigratable: volume "root" uses PersistentVolumeClaim "root-rwo", which is ReadWriteOnce; both nodes mount the disk during a migration, so it must be ReadWriteMany: request accessModes [ReadWriteMany] on a storage class that supports it`,
      `error   ${file}#0 VirtualMachine mq/broken spec.template.spec.domain.devices.interfaces[0]: InterfaceNotLiveMigratable: interface "default" joins the pod network with bridge binding, which hands the pod's IP to the guest and cannot take it to another node: use masquerade binding, or annotate the VM's template with kubevirt.io/allow-pod-bridge-network-live-migration (the guest must then renew its DHCP lease after a migration)`,
      '2 object(s) in 1 file(s): 2 error(s), 0 warning(s)',
      '',
    ]);
  });

  test('validate: files given together are one set, so an object in two of them is an error at the second', async () => {
    const first = path.join(dir, 'good', 'nested', 'app.k8s.yaml');
    const copy = path.join(dir, 'copy.yaml');
    fs.writeFileSync(copy, fs.readFileSync(first, 'utf8'));
    try {
      const result = await cli('validate', first, copy);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe([
        `error   ${copy}#0 VirtualMachine mq/good metadata.name: VirtualMachine "mq/good" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one`,
        `error   ${copy}#1 VirtualMachine mq/plain metadata.name: VirtualMachine "mq/plain" is declared twice in these objects: the one applied last replaces the other; keep one, or rename one`,
        '4 object(s) in 2 file(s): 2 error(s), 0 warning(s)',
        '',
      ].join('\n'));
    } finally {
      fs.rmSync(copy);
    }
  });

});

describe('kubevirt-constructs validate --output json, explain', () => {
  test('validate --output json: a stable shape for other tools', async () => {
    const result = await cli('validate', '--output', 'json', path.join(dir, 'broken.yaml'), path.join(dir, 'not-yaml.yaml'));
    // A document that does not parse is input it cannot use (2); the rest is still reported.
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['valid', 'files', 'objects', 'errors', 'warnings']);
    expect(report).toMatchObject({ valid: false, files: 2, objects: 2, warnings: [] });
    expect(report.errors.map((e: any) => [path.basename(e.file), e.document, e.severity, e.rule, e.kind ?? null, e.path])).toEqual([
      ['not-yaml.yaml', 0, 'error', 'yaml', null, '(root)'],
      ['broken.yaml', 0, 'error', 'live-migration', 'VirtualMachine', 'spec.template.spec.volumes[0]'],
      ['broken.yaml', 0, 'error', 'live-migration', 'VirtualMachine', 'spec.template.spec.domain.devices.interfaces[0]'],
    ]);
    expect(report.errors[1]).toEqual({
      file: path.join(dir, 'broken.yaml'),
      document: 0,
      severity: 'error',
      rule: 'live-migration',
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      name: 'broken',
      namespace: 'mq',
      path: 'spec.template.spec.volumes[0]',
      message: expect.stringMatching(/^DisksNotLiveMigratable: /),
    });
  });

  test('explain: each VM\'s verdict and reasons', async () => {
    const file = path.join(dir, 'good', 'nested', 'app.k8s.yaml');
    const result = await cli('explain', file);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').map((line) => line.slice(0, 140))).toEqual([
      `VirtualMachine mq/good (${file}#0, evictionStrategy LiveMigrate): can live-migrate`,
      `VirtualMachine mq/plain (${file}#1, no eviction strategy of its own): cannot live-migrate (1 reason(s))`,
      '  - DisksNotLiveMigratable at spec.template.spec.volumes[0]: volume "root" is a container disk: KubeVirt would copy its writes block by block',
      '',
    ].map((line) => line.slice(0, 140)));
    const json = JSON.parse((await cli('explain', '--output', 'json', file)).stdout);
    expect(json.vms.map((vm: any) => [vm.name, vm.mode, vm.migratable, vm.blockers.length])).toEqual([['good', 'required', true, 0], ['plain', 'off', false, 1]]);
  });

});

describe('kubevirt-constructs graph, usage errors, the real entry', () => {
  test('graph: a Mermaid flowchart of VMs, disks and networks', async () => {
    const result = await cli('graph', path.join(dir, 'good'));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe([
      'flowchart LR',
      '  n1["VM mq/good"]',
      '  n2[("DataVolume good-root<br/>10Gi · RWX")]',
      '  n3{{"pod network"}}',
      '  n4["VM mq/plain"]',
      '  n5[/"containerDisk quay.io/containerdisks/fedora:40"/]',
      '  n1 -->|"root"| n2',
      '  n1 -->|"default (masquerade)"| n3',
      '  n4 -.->|"root"| n5',
      '  n4 -->|"default (masquerade)"| n3',
      '',
    ].join('\n'));
  });

  test('usage errors exit 2 with one line on stderr', async () => {
    expect(await cli('validate')).toMatchObject({ status: 2, stderr: 'kubevirt-constructs: no files given: pass YAML files or folders, e.g. dist/, or - for stdin\n' });
    expect(await cli('validate', path.join(dir, 'missing.yaml'))).toMatchObject({ status: 2, stderr: `kubevirt-constructs: ${path.join(dir, 'missing.yaml')}: no such file or directory\n` });
    expect(await cli('frobnicate')).toMatchObject({ status: 2, stderr: 'kubevirt-constructs: unknown command "frobnicate": use validate, explain, graph, disk or init (see kubevirt-constructs --help)\n' });
    expect(await cli('validate', '--output', 'xml', dir)).toMatchObject({ status: 2, stderr: 'kubevirt-constructs: --output "xml" is not one of "text", "json"\n' });
    expect(await cli('validate', '--bogus', dir)).toMatchObject({ status: 2, stderr: 'kubevirt-constructs: Unknown option \'--bogus\' (see kubevirt-constructs validate --help)\n' });
    expect(await cli('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: kubevirt-constructs <command>') });
  });

  test('streams: results and JSON on stdout only; unreadable documents reported on stderr', async () => {
    const files = [path.join(dir, 'broken.yaml'), path.join(dir, 'not-yaml.yaml')];
    const explained = await cli('explain', '--output', 'json', ...files);
    expect(explained.status).toBe(2);
    expect(JSON.parse(explained.stdout).vms.map((vm: any) => vm.name)).toEqual(['broken']);
    expect(explained.stderr.startsWith(`${files[1]}#0: not valid YAML: `)).toBe(true);
    expect(explained.stderr.split('\n')).toHaveLength(2);
    const validated = await cli('validate', '--output', 'json', ...files);
    expect(validated.stderr).toBe('');
    expect(JSON.parse(validated.stdout).valid).toBe(false);
  });

  test('the real entry, as a process: the same output and exit code as main() in-process', async () => {
    const file = path.join(dir, 'broken.yaml');
    const spawned = spawnCli(['validate', file]);
    expect(spawned.stdout).toContain('2 object(s) in 1 file(s): 2 error(s), 0 warning(s)\n');
    expect(spawned).toEqual(await cli('validate', file));
    expect(spawned.status).toBe(1);
  });
});
