import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { assertValidManifests } from '../../src/validation/validate-manifests';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, secretData } from '../helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vm-pool');

/** Runs examples/vm-pool/main.ts as `cdk8s synth` does (CDK8S_OUTDIR) and returns the objects it wrote. */
function synthesize(): any[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-vm-pool-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLE, 'main.ts'));
    });
    const files = fs.readdirSync(outdir).sort();
    expect(files).toEqual(['web-pool.k8s.yaml']);
    return parseAllDocuments(fs.readFileSync(path.join(outdir, files[0]), 'utf8')).map((d) => d.toJSON());
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('examples/vm-pool', () => {
  const objects = synthesize();
  const pool = findObject(objects, 'VirtualMachinePool', 'web');
  const template = pool.spec.virtualMachineTemplate.spec.template;

  test('a namespace, the pool, its autoscaler, its cloud-init Secret and its Service, all in that namespace, under the strict schemas and every rule', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/web-pool', 'VirtualMachinePool/web', 'HorizontalPodAutoscaler/web', 'Secret/web-cloud-init', 'Service/web',
    ]);
    expect(objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'web-pool')).toBe(true);
    assertValidManifests(objects);
    const report = validateObjects(objects);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  test('the Service selects every VM of the pool by the labels the pool selects and the pods carry', () => {
    const selector = pool.spec.selector.matchLabels;
    expect(selector).toEqual({ 'kubevirt.io/vmpool': 'web' });
    expect(pool.spec.virtualMachineTemplate.metadata.labels).toEqual(selector);
    expect(template.metadata.labels).toEqual(selector);
    const service = findObject(objects, 'Service', 'web');
    expect(service.spec.selector).toEqual(selector);
    expect(service.spec.ports).toEqual([{ port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(template.spec.domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {}, ports: [{ name: 'http', port: 80 }] }]);
  });

  test('the autoscaler scales the pool 3-6 by CPU, and the pool leaves replicas to it', () => {
    expect(findObject(objects, 'HorizontalPodAutoscaler', 'web').spec).toEqual({
      scaleTargetRef: { apiVersion: 'pool.kubevirt.io/v1beta1', kind: 'VirtualMachinePool', name: 'web' },
      minReplicas: 3,
      maxReplicas: 6,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(pool.spec.replicas).toBeUndefined();
    expect(template.spec.domain.resources).toEqual({ requests: { cpu: '1' } });
  });

  test('stateless Fedora VMs that install and start nginx at first boot; no identity shared by all VMs', () => {
    expect(template.spec.volumes[0]).toEqual({ name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:41' } });
    expect(template.spec.volumes[1]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'web-cloud-init' } } });
    const userdata = secretData(findObject(objects, 'Secret', 'web-cloud-init')).userdata;
    expect(userdata).toMatch(/^#cloud-config\npackages:\n {2}- nginx\n/);
    expect(userdata).toContain('- enable\n    - --now\n    - nginx');
    expect(template.spec.domain.firmware).toBeUndefined();
    expect(pool.spec.nameGeneration).toBeUndefined();
  });

  test('rolls out one VM at a time, scales in the newest first, replaces VMs that fail to start', () => {
    expect(pool.spec.maxUnavailable).toBe(1);
    expect(pool.spec.updateStrategy).toEqual({ proactive: {} });
    expect(pool.spec.scaleInStrategy).toEqual({ proactive: { selectionPolicy: { sortPolicy: 'Newest' } } });
    expect(pool.spec.autohealing).toEqual({});
  });
});
