import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { validateManifests } from '../../src/validation/validate-manifests';
import { validateObjects } from '../../src/validation/validate-objects';
import { findObject, secretData } from '../helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'vm-backup');

/** Runs examples/vm-backup/main.ts as `cdk8s synth` does (CDK8S_OUTDIR); the objects of each file, and what it logged. */
function synthesize(): { files: Record<string, any[]>; logged: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-vm-backup-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  const logged: string[] = [];
  const spies = (['log', 'warn', 'error'] as const).map((method) => jest.spyOn(console, method).mockImplementation((...args) => {
    logged.push(args.join(' '));
  }));
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLE, 'main.ts'));
    });
    const names = fs.readdirSync(outdir).sort();
    const files = Object.fromEntries(names.map((f) => [f, parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJSON())]));
    return { files, logged };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('examples/vm-backup', () => {
  const { files, logged } = synthesize();
  const database = files['database.k8s.yaml'];
  const day2 = files['database-day2.k8s.yaml'];
  const objects = [...database, ...day2];
  const vm = findObject(database, 'VirtualMachine', 'pg');
  const snapshot = findObject(day2, 'VirtualMachineSnapshot', 'pg-before-upgrade');

  test('the VM in one file, the day-2 objects in another, all in the namespace the example creates', () => {
    expect(Object.keys(files)).toEqual(['database-day2.k8s.yaml', 'database.k8s.yaml']);
    expect(database.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/databases', 'VirtualMachine/pg', 'Secret/pg-cloud-init']);
    expect(day2.map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`)).toEqual([
      'snapshot.kubevirt.io/v1beta1 VirtualMachineSnapshot/pg-before-upgrade',
      'snapshot.kubevirt.io/v1beta1 VirtualMachineRestore/pg-restore-before-upgrade',
      'clone.kubevirt.io/v1beta1 VirtualMachineClone/pg-test-copy',
      'export.kubevirt.io/v1 VirtualMachineExport/pg-before-upgrade-export',
    ]);
    expect(objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'databases')).toBe(true);
  });

  test('every object passes the strict KubeVirt v1.9.0 schemas and every rule; the synth warns only that the restore waits for its snapshot', () => {
    const schemas = validateManifests(objects);
    expect(schemas.issues).toEqual([]);
    expect(schemas.valid).toBe(true);
    const report = validateObjects(objects);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    // The README's order: the day-2 file labels each operation so the restore is applied after the snapshot is ready.
    expect(logged.filter((line) => /warning|error/i.test(line))).toEqual([
      '[database-day2/restore] warning: KubeVirt refuses a restore into a new VM while its snapshot has no content yet, so this restore fails when applied with VirtualMachineSnapshot "pg-before-upgrade": apply it once the snapshot is ready (kubectl wait vmsnapshot/pg-before-upgrade --for=condition=Ready)',
    ]);
  });

  test('the database state is on two ReadWriteMany block DataVolume templates the snapshot can hold, and the VM can live-migrate', () => {
    const templates = vm.spec.dataVolumeTemplates
      .map((t: any) => [t.metadata.name, Object.keys(t.spec.source)[0], t.spec.storage.accessModes, t.spec.storage.volumeMode]);
    expect(templates).toEqual([['pg-rootdisk', 'registry', ['ReadWriteMany'], 'Block'], ['pg-pgdata', 'blank', ['ReadWriteMany'], 'Block']]);
    expect(vm.spec.template.spec.volumes.filter((v: any) => v.dataVolume).map((v: any) => v.dataVolume.name)).toEqual(['pg-rootdisk', 'pg-pgdata']);
    expect(vm.spec.template.spec.evictionStrategy).toBe('LiveMigrate');
    expect(vm.spec.template.spec.domain.devices.disks[1]).toEqual({ name: 'pgdata', serial: 'pgdata', disk: { bus: 'virtio' } });
    const userdata = parse(secretData(findObject(database, 'Secret', 'pg-cloud-init')).userdata);
    expect(userdata.packages).toEqual(['qemu-guest-agent', 'postgresql-server']);
    expect(userdata.fs_setup[0].device).toBe('/dev/disk/by-id/virtio-pgdata');
    expect(userdata.mounts[0].slice(0, 2)).toEqual(['LABEL=pgdata', '/var/lib/pgsql']);
  });

  test('each day-2 object is labelled with its operation, so one can be applied at a time', () => {
    expect(day2.map((o) => o.metadata.labels['backup.example.com/operation'])).toEqual(['snapshot', 'restore', 'test-copy', 'export']);
  });

  test('the snapshot takes the declared VM, and the restore, the clone and the export all read that snapshot', () => {
    expect(snapshot.spec).toEqual({ source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: vm.metadata.name }, failureDeadline: '10m0s' });
    const bySnapshot = { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: snapshot.metadata.name };
    expect(findObject(day2, 'VirtualMachineRestore').spec.virtualMachineSnapshotName).toBe(snapshot.metadata.name);
    expect(findObject(day2, 'VirtualMachineClone').spec.source).toEqual(bySnapshot);
    expect(findObject(day2, 'VirtualMachineExport').spec.source).toEqual(bySnapshot);
  });

  test('the restore creates a new VM next to the running one, with claims named after it, labelled where it came from', () => {
    const restore = findObject(day2, 'VirtualMachineRestore').spec;
    expect(restore.target).toEqual({ apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'pg-restored' });
    expect(objects.some((o) => o.kind === 'VirtualMachine' && o.metadata.name === restore.target.name)).toBe(false);
    expect(restore.volumeRestorePolicy).toBe('PrefixTargetName');
    expect(restore.patches.map((p: string) => JSON.parse(p))).toEqual([
      { op: 'add', path: '/metadata/labels/backup.example.com~1restored-from', value: 'pg-before-upgrade' },
    ]);
    expect(restore.targetReadinessPolicy).toBeUndefined();
  });

  test('the clone is a new VM without the backup schedule label or the GitOps tracking label and annotations; KubeVirt gives it new MACs', () => {
    const clone = findObject(day2, 'VirtualMachineClone').spec;
    expect(clone.target).toEqual({ apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'pg-test' });
    expect(clone.labelFilters).toEqual(['*', '!backup.example.com/*', '!app.kubernetes.io/instance']);
    expect(clone.annotationFilters).toEqual(['*', '!argocd.argoproj.io/*', '!kustomize.toolkit.fluxcd.io/*']);
    expect(Object.keys(vm.metadata.labels)).toContain('backup.example.com/schedule');
    expect(Object.keys(vm.metadata.annotations).sort()).toEqual(['argocd.argoproj.io/sync-options', 'kustomize.toolkit.fluxcd.io/prune']);
    // No MAC is written: the VM has none fixed, and KubeVirt clears the clone's for the cluster to assign.
    expect(clone.newMacAddresses).toBeUndefined();
    expect(vm.spec.template.spec.domain.devices.interfaces.every((i: any) => i.macAddress === undefined)).toBe(true);
  });

  test('the export names a token Secret and holds no token; no Secret of that name is written, it is created outside Git', () => {
    const exported = findObject(day2, 'VirtualMachineExport');
    expect(exported.spec).toEqual({
      source: { apiGroup: 'snapshot.kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'pg-before-upgrade' },
      tokenSecretRef: 'pg-export-token',
      ttlDuration: '4h0m0s',
    });
    expect(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual(['pg-cloud-init']);
  });
});
