import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';

/** `kubevirt-constructs <args>`, run in-process. */
const cli = (...args: string[]) => runCli(args);

// rebootPolicy is new in KubeVirt 1.8; the export's v1 is new in 1.9 (served-versions.json of each release).
const MANIFESTS = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: { name: web, namespace: mq }
spec:
  runStrategy: Halted
  template:
    spec:
      domain:
        rebootPolicy: Terminate
        memory: { guest: 1Gi }
        devices:
          disks: [{ name: root, disk: { bus: virtio } }]
      volumes: [{ name: root, containerDisk: { image: quay.io/containerdisks/fedora:40 } }]
---
apiVersion: export.kubevirt.io/v1beta1
kind: VirtualMachineExport
metadata: { name: out, namespace: mq }
spec: { source: { apiGroup: kubevirt.io, kind: VirtualMachine, name: web } }
`;

const ALLOWED = 'use one of kubevirt=1.9, kubevirt=1.8, kubevirt=1.7';

let file: string;
beforeAll(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-target-')), 'vm.yaml');
  fs.writeFileSync(file, MANIFESTS);
});
afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

describe('kubevirt-constructs validate --target', () => {
  test('without --target: KubeVirt 1.9, where export v1beta1 is deprecated (a warning)', async () => {
    expect(await cli('validate', file)).toEqual({
      status: 0,
      stdout: [
        `warning ${file}#1 VirtualMachineExport mq/out apiVersion: apiVersion "export.kubevirt.io/v1beta1" of VirtualMachineExport is deprecated in KubeVirt 1.9, which serves it with a deprecation warning and will remove it: use "export.kubevirt.io/v1"`,
        '2 object(s) in 1 file(s): 0 error(s), 1 warning(s)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  test('--target kubevirt=1.8: export v1beta1 is current, the summary names the target', async () => {
    expect(await cli('validate', '--target', 'kubevirt=1.8', file)).toMatchObject({
      status: 0, stdout: '2 object(s) in 1 file(s): 0 error(s), 0 warning(s) (against KubeVirt 1.8)\n',
    });
  });

  test('--target kubevirt=1.7: a field new in 1.8 is an unknown field (exit 1)', async () => {
    expect(await cli('validate', '--target', 'kubevirt=v1.7', file)).toMatchObject({
      status: 1,
      stdout: [
        `error   ${file}#0 VirtualMachine mq/web spec.template.spec.domain.rebootPolicy: unknown field (not in the schema: misspelled or misplaced?)`,
        '2 object(s) in 1 file(s): 1 error(s), 0 warning(s) (against KubeVirt 1.7)',
        '',
      ].join('\n'),
    });
  });

  test.each([
    ['kubevirt=1.6', `kubevirt-constructs: --target "kubevirt=1.6": KubeVirt "1.6" is not a release this package has schemas for: ${ALLOWED}\n`],
    ['1.8', `kubevirt-constructs: --target "1.8" is not <project>=<release>: ${ALLOWED} (CDI and the HyperConverged operator follow the KubeVirt release)\n`],
    ['cdi=1.65', `kubevirt-constructs: --target "cdi=1.65" is not <project>=<release>: ${ALLOWED} (CDI and the HyperConverged operator follow the KubeVirt release)\n`],
  ])('--target %s: exit 2 with the allowed values', async (value, stderr) => {
    expect(await cli('validate', '--target', value, file)).toEqual({ status: 2, stdout: '', stderr });
  });

  test('--target twice, or without a value: exit 2', async () => {
    expect(await cli('validate', '--target', 'kubevirt=1.8', '--target', 'kubevirt=1.7', file)).toEqual({
      status: 2, stdout: '', stderr: 'kubevirt-constructs: --target is given 2 times ("kubevirt=1.8", "kubevirt=1.7"): give it once, e.g. --target kubevirt=1.8\n',
    });
    expect(await cli('validate', file, '--target')).toMatchObject({ status: 2, stdout: '' });
  });

  test('validate --help lists --target', async () => {
    expect((await cli('validate', '--help')).stdout).toContain('--target kubevirt=1.9|1.8|1.7');
  });
});
