import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { assertValidManifests } from '../../src/validation/validate-manifests';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, secretData } from '../helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'windows-server');

/** Runs the example as `cdk8s synth` does (CDK8S_OUTDIR) and returns its objects and the warnings it printed. */
function synthesize(): { objects: any[]; warnings: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-windows-server-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLE, 'main.ts'));
    });
    const objects = fs.readdirSync(outdir).flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map((d) => d.toJS()));
    return { objects, warnings: warn.mock.calls.map((call) => String(call[0])) };
  } finally {
    warn.mockRestore();
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('examples/windows-server', () => {
  const { objects, warnings } = synthesize();
  const vm = findObject(objects, 'VirtualMachine', 'win2022-app');
  const spec = vm.spec.template.spec;

  test('writes the namespace, the golden DataSource, the VM, its sysprep Secret and the RDP Service, all passing the strict schemas', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace//windows', 'DataSource/windows/win2k22', 'VirtualMachine/windows/win2022-app', 'Secret/windows/win2022-app-sysprep',
      'Service/windows/win2022-app-rdp',
    ]);
    expect(() => assertValidManifests(objects)).not.toThrow();
  });

  test('the root disk clones the golden image by sourceRef, onto RWX block storage, and boots first', () => {
    expect(vm.spec.dataVolumeTemplates[0].spec.sourceRef).toEqual({ kind: 'DataSource', name: 'win2k22', namespace: 'windows' });
    expect(vm.spec.dataVolumeTemplates[0].spec.storage.accessModes).toEqual(['ReadWriteMany']);
    expect(spec.domain.devices.disks[0]).toEqual({ name: 'rootdisk', bootOrder: 1, disk: { bus: 'sata' } });
  });

  test('EFI Secure Boot with persistent variables, a persistent vTPM, Hyper-V, the virtio-win CD-ROM and a tablet', () => {
    expect(spec.domain.firmware.bootloader).toEqual({ efi: { secureBoot: true, persistent: true } });
    expect(spec.domain.devices.tpm).toEqual({ persistent: true });
    expect(Object.keys(spec.domain.features.hyperv).sort()).toEqual([
      'frequencies', 'ipi', 'reenlightenment', 'relaxed', 'reset', 'runtime', 'spinlocks', 'synic', 'synictimer', 'tlbflush', 'vapic', 'vpindex',
    ]);
    expect(spec.volumes.find((v: any) => v.name === 'virtio-win')).toEqual({ name: 'virtio-win', containerDisk: { image: 'quay.io/kubevirt/virtio-container-disk:v1.9.0' } });
    expect(spec.domain.devices.inputs).toEqual([{ type: 'tablet', bus: 'usb', name: 'tablet' }]);
  });

  test('Unattend.xml reaches the guest from a generated Secret on a sysprep CD-ROM, and no manifest holds a password', () => {
    expect(spec.volumes.find((v: any) => v.name === 'sysprep')).toEqual({ name: 'sysprep', sysprep: { secret: { name: 'win2022-app-sysprep' } } });
    const unattend = secretData(findObject(objects, 'Secret', 'win2022-app-sysprep'))['unattend.xml'];
    expect(unattend).toBe(fs.readFileSync(path.join(EXAMPLE, 'unattend.xml'), 'utf8'));
    expect(unattend).toContain('<ComputerName>win2022-app</ComputerName>');
    const decoded = objects.map((o) => (o.kind === 'Secret' ? JSON.stringify(secretData(o)) : JSON.stringify(o))).join('\n');
    expect(decoded).not.toMatch(/<(AdministratorPassword|Password|AutoLogon)>/);
  });

  test('RDP through a Service selecting the VM\'s pod', () => {
    const service = findObject(objects, 'Service', 'win2022-app-rdp');
    expect(service.spec).toEqual({ type: 'ClusterIP', selector: { 'vm.kubevirt.io/name': 'win2022-app' }, ports: [{ name: 'rdp', port: 3389, protocol: 'TCP' }] });
  });

  test('must live-migrate and can, as far as the manifests tell; what the cluster must provide comes as warnings', () => {
    const report = validateObjects(objects);
    expect(report.errors).toEqual([]);
    expect(report.migration.map((m) => [m.name, m.mode, m.migratable])).toEqual([['win2022-app', 'required', true]]);
    expect(warnings).toEqual([
      expect.stringMatching(/^\[windows-server\/win2022\] warning: a persistent TPM and persistent EFI variables keep state in a PVC KubeVirt creates/),
      expect.stringMatching(/^\[windows-server\/win2022\] warning: Hyper-V reenlightenment is on/),
    ]);
  });
});
