import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { DEFAULT_MAX_RESOURCES_PER_APPLICATION, assignParts } from '../../src/gitops/application-parts';
import { GitOpsApp } from '../../src/gitops/gitops-app';
import { ObjectFiles } from '../../src/gitops/repository-layout';
import { VolumeSource } from '../../src/storage/volume-source';

const REPO = 'https://git.example.com/platform/virtualization.git';

describe('assignParts', () => {
  const members = (groups: number, perGroup: number) => Array.from({ length: groups * perGroup }, (_, i) => ({ group: `vm-${Math.floor(i / perGroup)}` }));

  test('keeps everything in one part when it fits', () => {
    expect(assignParts(members(10, 3), 30)).toEqual({ parts: 1, partOf: new Array(30).fill(0) });
  });

  test('splits into the fewest parts within the limit, a group never split', () => {
    const all = members(1000, 3);
    const { parts, partOf } = assignParts(all, 1000);
    expect(parts).toBeGreaterThanOrEqual(3);
    const sizes = new Array(parts).fill(0);
    partOf.forEach((p) => sizes[p]++);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    const partOfGroup = new Map<string, Set<number>>();
    all.forEach(({ group }, i) => partOfGroup.set(group, (partOfGroup.get(group) ?? new Set()).add(partOf[i])));
    expect([...partOfGroup.values()].every((set) => set.size === 1)).toBe(true);
  });

  test('a group keeps its part when others are added, as long as the number of parts stays', () => {
    const before = assignParts(members(900, 3), 1000);
    const after = assignParts([...members(900, 3), ...Array.from({ length: 30 }, (_, i) => ({ group: `new-${i}` }))], 1000);
    expect(after.parts).toBe(before.parts);
    expect(after.partOf.slice(0, 2700)).toEqual(before.partOf);
  });

  test('refuses a group bigger than the limit, naming it and the fix', () => {
    expect(() => assignParts(members(1, 5), 4)).toThrow('GitOpsApp: 5 objects of "vm-0" must stay in one Argo CD Application, more than maxResourcesPerApplication (4): raise the limit');
  });
});

describe('GitOpsApp splits a phase too big for one Application', () => {
  // 5,000 VMs, each with a cloud-init Secret (networks-and-storage) and a Service (workloads): 15,000 objects.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'parts-'));
  const app = new GitOpsApp({ outdir, argoCd: { repoURL: REPO, path: 'clusters/big' }, flux: { path: 'clusters/big' } });
  const chart = new Chart(app, 'vms', { namespace: 'vms' });
  for (let i = 0; i < 5000; i++) {
    const vm = new VirtualMachine(chart, `vm-${i}`, { metadata: { name: `vm-${i}` }, memory: '1Gi' });
    vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    vm.addCloudInit({ userData: { user: 'fedora' } });
    vm.exposeViaService({ ports: [{ name: 'ssh', port: 22 }] });
  }
  app.synth();
  const read = (file: string) => parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
  const applications = (read('argocd/kustomization.yaml').resources as string[]).map((f) => read(`argocd/${f}`)).filter((o) => o.kind === 'Application');

  test('every Application holds at most the default limit, and together they hold every object once', () => {
    const counts = applications.map((application) => {
      const phase = path.posix.relative('clusters/big', application.spec.source.path);
      return (read(`${phase}/kustomization.yaml`).resources as string[]).flatMap((folder) => {
        const inChart = path.posix.join(phase, folder);
        return (read(`${inChart}/kustomization.yaml`).resources as string[]).map((file) => `${inChart}/${file}`);
      });
    });
    expect(counts.every((files) => files.length <= DEFAULT_MAX_RESOURCES_PER_APPLICATION)).toBe(true);
    const all = counts.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(15000);
    expect(applications.length).toBeGreaterThanOrEqual(15);
  });

  test('the parts keep the phase order: one sync wave per phase, names <phase>-<n>', () => {
    const waveOf = (phase: string) => new Set(applications.filter((a) => a.metadata.name.startsWith(`virtualization-${phase}-`))
      .map((a) => Number(a.metadata.annotations['argocd.argoproj.io/sync-wave'])));
    expect([...waveOf('networks-and-storage')]).toHaveLength(1);
    expect([...waveOf('workloads')]).toHaveLength(1);
    expect([...waveOf('networks-and-storage')][0]).toBeLessThan([...waveOf('workloads')][0]);
    expect(applications.map((a) => a.metadata.name).every((name) => /^virtualization-(networks-and-storage|workloads)-\d+$/.test(name))).toBe(true);
  });

  test('a VM and its Service are in the same part; the chart folder lists its parts', () => {
    const parts = read('vms/workloads/kustomization.yaml').resources as string[];
    expect(parts.every((p) => /^part-\d+$/.test(p))).toBe(true);
    const vmPart = parts.find((p) => fs.existsSync(path.join(outdir, 'vms/workloads', p, 'virtualmachine-vm-42.yaml')));
    expect(fs.readdirSync(path.join(outdir, 'vms/workloads', vmPart!)).some((f) => f === 'service-vm-42.yaml')).toBe(true);
  });

  test('each Flux Kustomization of a part reads its folder and waits for every part of the phase before', () => {
    const kustomizations = (read('flux/kustomization.yaml').resources as string[]).map((f) => read(`flux/${f}`));
    expect(kustomizations.map((k) => k.spec.path).sort()).toEqual(applications.map((a) => `./${a.spec.source.path}`).sort());
    const storageParts = kustomizations.map((k) => k.metadata.name).filter((n) => n.startsWith('virtualization-networks-and-storage-')).sort();
    const workload = kustomizations.find((k) => k.metadata.name.startsWith('virtualization-workloads-'));
    expect(workload.spec.dependsOn.map((d: { name: string }) => d.name).sort()).toEqual(storageParts);
  });
});

test('GitOpsApp refuses a maxResourcesPerApplication that is not a whole number of at least 1', () => {
  expect(() => new GitOpsApp({ maxResourcesPerApplication: 0 })).toThrow('GitOpsApp: maxResourcesPerApplication 0 must be a whole number of at least 1, e.g. 1000');
  expect(() => new GitOpsApp({ maxResourcesPerApplication: '5' as any })).toThrow('maxResourcesPerApplication "5" must be');
});

test('with ObjectFiles.ONE_PER_FOLDER each part folder holds one objects.yaml', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'parts-folder-'));
  const app = new GitOpsApp({ outdir, argoCd: { repoURL: REPO, path: 'c' }, maxResourcesPerApplication: 2, objectFiles: ObjectFiles.ONE_PER_FOLDER });
  const chart = new Chart(app, 'vms', { namespace: 'vms' });
  for (let i = 0; i < 5; i++) new VirtualMachine(chart, `vm-${i}`, { metadata: { name: `vm-${i}` }, memory: '1Gi' });
  app.synth();
  const parts = parse(fs.readFileSync(path.join(outdir, 'vms/workloads/kustomization.yaml'), 'utf8')).resources as string[];
  const names = parts.flatMap((part) => {
    expect(parse(fs.readFileSync(path.join(outdir, 'vms/workloads', part, 'kustomization.yaml'), 'utf8')).resources).toEqual(['objects.yaml']);
    const documents = parseAllDocuments(fs.readFileSync(path.join(outdir, 'vms/workloads', part, 'objects.yaml'), 'utf8')).map((d) => d.toJS());
    expect(documents.length).toBeLessThanOrEqual(2);
    return documents.map((d) => d.metadata.name);
  });
  expect(names.sort()).toEqual(['vm-0', 'vm-1', 'vm-2', 'vm-3', 'vm-4']);
  expect(() => new GitOpsApp({ objectFiles: 'zip' as any })).toThrow('GitOpsApp: objectFiles "zip" is not one of "one-per-object", "one-per-folder"');
});
