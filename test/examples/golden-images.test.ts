import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validateManifests } from '../../src/validation/validate-manifests';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject } from '../helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'golden-images');

/** Runs examples/golden-images/main.ts as `cdk8s synth` does (CDK8S_OUTDIR) and returns the objects of each file. */
function synthesize(): Record<string, any[]> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-golden-images-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLE, 'main.ts'));
    });
    const files = fs.readdirSync(outdir).sort();
    return Object.fromEntries(files.map((f) => [f, parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJSON())]));
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const SIZING_KINDS = ['VirtualMachineClusterInstancetype', 'VirtualMachineClusterPreference', 'VirtualMachineInstancetype', 'VirtualMachinePreference'];

describe('examples/golden-images: VMs sized by instancetypes and preferences', () => {
  const files = synthesize();
  const images = files['images.k8s.yaml'];
  const apps = files['apps.k8s.yaml'];
  const objects = [...images, ...apps];
  const vms = apps.filter((o) => o.kind === 'VirtualMachine');

  test('two files; every object passes the strict KubeVirt v1.9.0 / CDI schemas and every rule, without warnings', () => {
    expect(Object.keys(files)).toEqual(['apps.k8s.yaml', 'images.k8s.yaml']);
    const schemas = validateManifests(objects);
    expect(schemas.issues).toEqual([]);
    expect(schemas.valid).toBe(true);
    const report = validateObjects(objects);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  test('the images chart brings the cluster-wide instancetype and preference, written without a namespace', () => {
    const sizing = images.filter((o) => SIZING_KINDS.includes(o.kind));
    expect(sizing.map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`)).toEqual([
      'instancetype.kubevirt.io/v1beta1 VirtualMachineClusterInstancetype/standard.medium',
      'instancetype.kubevirt.io/v1beta1 VirtualMachineClusterPreference/linux-efi',
    ]);
    expect(sizing.every((o) => !('namespace' in o.metadata))).toBe(true);
    expect(findObject(images, 'VirtualMachineClusterInstancetype').spec).toEqual({ cpu: { guest: 1 }, memory: { guest: '4Gi' } });
    expect(findObject(images, 'VirtualMachineClusterPreference').spec).toEqual({
      devices: { preferredDiskBus: 'virtio', preferredInterfaceModel: 'virtio' },
      firmware: { preferredEfi: { secureBoot: true } },
      features: { preferredSmm: { enabled: true } },
      requirements: { cpu: { guest: 1 }, memory: { guest: '2Gi' } },
    });
  });

  test('the apps chart brings a namespaced instancetype and preference in the VMs\' namespace', () => {
    expect(findObject(apps, 'VirtualMachineInstancetype', 'db.large')).toMatchObject({
      metadata: { namespace: 'apps' }, spec: { cpu: { guest: 4 }, memory: { guest: '16Gi' }, ioThreadsPolicy: 'auto' },
    });
    expect(findObject(apps, 'VirtualMachinePreference', 'rhel9-db')).toMatchObject({
      metadata: { namespace: 'apps' },
      spec: { cpu: { preferredCPUTopology: 'spread' }, requirements: { cpu: { guest: 2 }, memory: { guest: '8Gi' } } },
    });
  });

  test('each VM names its instancetype and preference by kind and name, and each named one is declared (in the VM\'s namespace when namespaced)', () => {
    expect(vms.map((vm) => [vm.metadata.name, vm.spec.instancetype, vm.spec.preference])).toEqual([
      ['web-1', { kind: 'VirtualMachineClusterInstancetype', name: 'standard.medium' }, { kind: 'VirtualMachineClusterPreference', name: 'linux-efi' }],
      ['web-2', { kind: 'VirtualMachineClusterInstancetype', name: 'standard.medium' }, { kind: 'VirtualMachineClusterPreference', name: 'linux-efi' }],
      ['build', { kind: 'VirtualMachineClusterInstancetype', name: 'standard.medium' }, { kind: 'VirtualMachineClusterPreference', name: 'linux-efi' }],
      ['db', { kind: 'VirtualMachineInstancetype', name: 'db.large' }, { kind: 'VirtualMachinePreference', name: 'rhel9-db' }],
    ]);
    for (const vm of vms) {
      for (const ref of [vm.spec.instancetype, vm.spec.preference]) {
        const target = findObject(objects, ref.kind, ref.name);
        expect(target.metadata.namespace).toBe(ref.kind.includes('Cluster') ? undefined : vm.metadata.namespace);
      }
    }
  });

  test('no VM sets what its instancetype or preference decides: no CPU, memory, resources or firmware bootloader of its own', () => {
    for (const vm of vms) {
      const domain = vm.spec.template.spec.domain;
      expect([vm.metadata.name, domain.cpu, domain.memory, domain.resources, domain.firmware.bootloader, domain.features]).toEqual(
        [vm.metadata.name, undefined, undefined, undefined, undefined, undefined],
      );
    }
  });

  test('the instancetypes meet their preferences\' requirements and the spread divides the vCPUs', () => {
    const specOf = (ref: { kind: string; name: string }) => findObject(objects, ref.kind, ref.name).spec;
    const pairs = vms.map((vm) => [specOf(vm.spec.instancetype), specOf(vm.spec.preference)]);
    const gi = (quantity: string) => Number(quantity.replace(/Gi$/, ''));
    for (const [instancetype, preference] of pairs) {
      expect(instancetype.cpu.guest).toBeGreaterThanOrEqual(preference.requirements.cpu.guest);
      expect(gi(instancetype.memory.guest)).toBeGreaterThanOrEqual(gi(preference.requirements.memory.guest));
      if (preference.cpu?.preferredCPUTopology === 'spread') expect(instancetype.cpu.guest % 2).toBe(0);
    }
  });

  test('the rules judge these references: the db VM given cores of its own, or a web VM of 1 vCPU and 4Gi put under the db preference (2 vCPUs, 8Gi, spread by 2), is refused', () => {
    const conflicting = structuredClone(objects);
    const db = findObject(conflicting, 'VirtualMachine', 'db');
    db.spec.template.spec.domain.cpu = { cores: 2 };
    const web = findObject(conflicting, 'VirtualMachine', 'web-1');
    web.spec.preference = { kind: 'VirtualMachinePreference', name: 'rhel9-db' };
    const problems = validateObjects(conflicting).errors.filter((e) => e.rule === 'instancetype-conflicts');
    expect(problems.map((e) => `${e.name} ${e.path}`)).toEqual([
      'web-1 spec.preference', 'web-1 spec.instancetype', 'web-1 spec.instancetype', 'db spec.template.spec.domain.cpu.cores',
    ]);
    expect(problems[0].message).toContain('1 vCPUs do not divide by the spread ratio 2');
    expect(problems[1].message).toContain('the instance type gives 1 vCPUs and the preference requires 2');
    expect(problems[2].message).toContain('the guest gets "4Gi" of memory and the preference requires "8Gi"');
    expect(problems[3].message).toContain('also sets domain.cpu.cores, which the instance type decides');
  });
});
