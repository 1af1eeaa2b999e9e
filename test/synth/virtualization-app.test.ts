import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, JsonPatch, Size, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { VirtualMachine } from '../../src/compute/virtual-machine';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';
import { resourceFileNames } from '../../src/synth/resource-file-names';
import { VirtualizationApp } from '../../src/synth/virtualization-app';

type AppClass = new (props: AppProps) => App;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'virtualization-app-'));
}

/** Every file under `dir`, by relative path. */
function filesIn(dir: string): Record<string, string> {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** Two charts of VMs on shared storage and a network; with `dependant`, one chart depends on the other. */
function buildProgram(app: App, dependant: boolean): App {
  const storage = new Chart(app, 'storage', { namespace: 'mq' });
  const shared = new DataVolume(storage, 'shared', {
    metadata: { name: 'shared' },
    source: DataVolumeSource.blank(),
    size: Size.gibibytes(10),
  });
  new NetworkAttachmentDefinition(storage, 'repl', { metadata: { name: 'repl' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.none() });
  const vms = new Chart(app, 'vms', { namespace: 'mq' });
  for (const name of ['qm-a', 'qm-b']) {
    const vm = new VirtualMachine(vms, name, { metadata: { name }, memory: Size.gibibytes(2), liveMigration: LiveMigrationMode.OFF });
    vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    vm.addCloudInit({ userData: { user: 'mq', ssh_pwauth: false } });
  }
  const config = new ApiObject(vms, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'on', port: '1414' } });
  if (dependant) config.node.addDependency(shared);
  return app;
}

function synthesize(appClass: AppClass, props: AppProps, dependant: boolean): Record<string, string> {
  const outdir = tempDir();
  buildProgram(new appClass({ ...props, outdir }), dependant).synth();
  const files = filesIn(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
  return files;
}

describe('VirtualizationApp writes the files cdk8s App writes, byte for byte', () => {
  const outputTypes = [
    YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
  ];
  describe.each(outputTypes)('yamlOutputType %s', (yamlOutputType) => {
    test.each([false, true])('with charts depending on charts: %s', (dependant) => {
      const ours = synthesize(VirtualizationApp, { yamlOutputType }, dependant);
      expect(Object.keys(ours).length).toBeGreaterThan(0);
      expect(ours).toEqual(synthesize(App, { yamlOutputType }, dependant));
    });
  });

  test('object order without dependencies, with nested charts and ids JavaScript sorts as array indices, is cdk8s\' order', () => {
    const build = (app: App) => {
      for (const id of ['b', '10', '2', 'a']) {
        const chart = new Chart(app, id);
        // A nested chart makes its parent depend on it (cdk8s): 'b' and '10' have one, 'a' and '2' not.
        const nested = id === 'b' || id === '10' ? new Chart(chart, 'nested') : new Construct(chart, 'nested');
        for (const objectId of ['z', '1', 'y', '0']) {
          new ApiObject(chart, objectId, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${id}-${objectId}` } });
          new ApiObject(new Construct(chart, `group-${objectId}`), 'inner', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${id}-g${objectId}` } });
          new ApiObject(nested, objectId, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${id}-n${objectId}` } });
        }
      }
      return app;
    };
    const ours = build(new VirtualizationApp({ outdir: tempDir() })).synthYaml();
    expect(ours).toBe(build(new App({ outdir: tempDir() })).synthYaml());
  });

  test('objects that depend on later objects of their chart, or on a construct holding several, come in cdk8s\' order', () => {
    const build = (app: App) => {
      const chart = new Chart(app, 'vms', { namespace: 'mq' });
      const first = new ApiObject(chart, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } });
      const group = new Construct(chart, 'group');
      for (const id of ['a', 'b']) new ApiObject(group, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `group-${id}` } });
      const last = new ApiObject(chart, 'last', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'last' } });
      first.node.addDependency(last);
      last.node.addDependency(group);
      return app;
    };
    const ours = build(new VirtualizationApp({ outdir: tempDir() })).synthYaml();
    expect(ours).toBe(build(new App({ outdir: tempDir() })).synthYaml());
    expect(ours.indexOf('name: first')).toBeGreaterThan(ours.indexOf('name: last'));
  });

  test('numbers files when charts depend on charts, as cdk8s does', () => {
    expect(Object.keys(synthesize(VirtualizationApp, {}, true))).toEqual(['0000-storage.k8s.yaml', '0001-vms.k8s.yaml']);
    expect(Object.keys(synthesize(VirtualizationApp, {}, false))).toEqual(['storage.k8s.yaml', 'vms.k8s.yaml']);
  });

  test('recordConstructMetadata and outputFileExtension', () => {
    const props = { recordConstructMetadata: true, outputFileExtension: '.yml' };
    const ours = synthesize(VirtualizationApp, props, false);
    expect(Object.keys(ours)).toEqual(['construct-metadata.json', 'storage.yml', 'vms.yml']);
    expect(ours).toEqual(synthesize(App, props, false));
  });

  test('synthYaml', () => {
    const ours = buildProgram(new VirtualizationApp({ outdir: tempDir() }), true).synthYaml();
    expect(ours).toContain('kind: VirtualMachine');
    expect(ours).toBe(buildProgram(new App({ outdir: tempDir() }), true).synthYaml());
  });
});

describe('VirtualizationApp renders and validates once', () => {
  afterEach(() => jest.restoreAllMocks());

  /** How often synth renders objects and runs validations (a probe construct counts its own). */
  function countWork(appClass: AppClass): { renders: number; validations: number; objects: number } {
    const app = buildProgram(new appClass({ outdir: tempDir() }), true);
    let validations = 0;
    new Construct(app, 'probe').node.addValidation({ validate: () => (validations++, []) });
    // Every render of an object with JSON patches applies them once (ours renders through its own toJson, in place of
    // ApiObject's): each object gets a patch that changes nothing, a test of its kind.
    for (const object of app.node.findAll()) {
      if (object instanceof ApiObject) object.addJsonPatch(JsonPatch.test('/kind', object.kind));
    }
    const toJson = jest.spyOn(JsonPatch, 'apply');
    app.synth();
    const objects = app.node.findAll().filter((c) => c instanceof ApiObject).length;
    const renders = toJson.mock.calls.length;
    toJson.mockRestore();
    return { renders, validations, objects };
  }

  test('each object is rendered once and the app validated once (cdk8s: again for every chart)', () => {
    const ours = countWork(VirtualizationApp);
    expect(ours.renders).toBe(ours.objects);
    expect(ours.validations).toBe(1);
    const cdk8s = countWork(App);
    expect(cdk8s.renders).toBeGreaterThanOrEqual(3 * cdk8s.objects);
    expect(cdk8s.validations).toBe(3);
  });

  test('the YAML goes through the fast writer, not Yaml.stringify', () => {
    const stringify = jest.spyOn(Yaml, 'stringify');
    buildProgram(new VirtualizationApp({ outdir: tempDir() }), false).synth();
    expect(stringify).not.toHaveBeenCalled();
  });
});

test('an invalid app fails synth with the message cdk8s gives, and writes nothing', () => {
  const failure = (appClass: AppClass) => {
    const outdir = tempDir();
    const app = new appClass({ outdir });
    const chart = new Chart(app, 'vms', { namespace: 'mq' });
    const vm = new VirtualMachine(chart, 'qm', { metadata: { name: 'qm' }, memory: Size.gibibytes(2), liveMigration: LiveMigrationMode.REQUIRED });
    vm.addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    return { message, files: Object.keys(filesIn(outdir)) };
  };
  const ours = failure(VirtualizationApp);
  expect(ours.message).toMatch(/^Validation failed with the following errors:\n {2}\[vms\/qm\] /);
  expect(ours.message).toContain('DisksNotLiveMigratable: volume "root" is a container disk');
  expect(ours.files).toEqual([]);
  expect(ours).toEqual(failure(App));
});

describe('one file per resource never loses an object', () => {
  /** Charts with a ConfigMap "settings" each (namespaces a and b), a unique one, and one named like a qualified file. */
  function collidingProgram(app: App): App {
    for (const namespace of ['a', 'b']) {
      const chart = new Chart(app, `chart-${namespace}`, { namespace });
      new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { namespace } });
    }
    const other = new Chart(app, 'chart-c', { namespace: 'c' });
    new ApiObject(other, 'only', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only' }, data: { unique: 'yes' } });
    new ApiObject(other, 'dotted', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a.settings' }, data: { dotted: 'yes' } });
    return app;
  }

  function synthFiles(appClass: AppClass, yamlOutputType: YamlOutputType): Record<string, string> {
    const outdir = tempDir();
    collidingProgram(new appClass({ outdir, yamlOutputType })).synth();
    const files = filesIn(outdir);
    fs.rmSync(outdir, { recursive: true, force: true });
    return files;
  }

  /** Every document cdk8s writes for the app into one file, sorted. */
  function allDocuments(): string[] {
    return synthFiles(App, YamlOutputType.FILE_PER_APP)['app.k8s.yaml'].split('---\n').sort();
  }

  test('FILE_PER_RESOURCE: same kind and name in two namespaces get namespace-qualified files; the others keep cdk8s names', () => {
    // cdk8s writes both "settings" into ConfigMap.settings.k8s.yaml: namespace a's is lost.
    expect(Object.keys(synthFiles(App, YamlOutputType.FILE_PER_RESOURCE))).toContain('ConfigMap.settings.k8s.yaml');
    const files = synthFiles(VirtualizationApp, YamlOutputType.FILE_PER_RESOURCE);
    expect(Object.keys(files)).toEqual([
      'ConfigMap.a.settings-2.k8s.yaml', 'ConfigMap.a.settings.k8s.yaml', 'ConfigMap.b.settings.k8s.yaml', 'ConfigMap.only.k8s.yaml',
    ]);
    // The object named "a.settings" keeps its cdk8s file; namespace a's "settings" takes the next free name.
    expect(files['ConfigMap.a.settings.k8s.yaml']).toContain('name: a.settings\n');
    expect(files['ConfigMap.a.settings-2.k8s.yaml']).toContain('namespace: a\n');
    expect(files['ConfigMap.b.settings.k8s.yaml']).toContain('namespace: b\n');
    expect(Object.values(files).sort()).toEqual(allDocuments());
  });

  test('FOLDER_PER_CHART_FILE_PER_RESOURCE: names are made unique within a chart\'s folder only', () => {
    const outdir = tempDir();
    const app = new VirtualizationApp({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const chart = new Chart(app, 'vms');
    for (const namespace of ['a', 'b']) {
      new ApiObject(chart, `settings-${namespace}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace } });
    }
    new ApiObject(new Chart(app, 'other', { namespace: 'c' }), 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    app.synth();
    const files = filesIn(outdir);
    expect(Object.keys(files)).toEqual([
      path.join('other', 'ConfigMap.settings.k8s.yaml'), path.join('vms', 'ConfigMap.a.settings.k8s.yaml'), path.join('vms', 'ConfigMap.b.settings.k8s.yaml'),
    ]);
    expect(files[path.join('vms', 'ConfigMap.a.settings.k8s.yaml')]).toContain('namespace: a\n');
    expect(files[path.join('vms', 'ConfigMap.b.settings.k8s.yaml')]).toContain('namespace: b\n');
  });

  test('same kind, name and namespace (two API groups) are numbered', () => {
    const objects = [
      { kind: 'Network', metadata: { name: 'x', namespace: 'n' } },
      { kind: 'Network', metadata: { name: 'x', namespace: 'n' } },
      { kind: 'Network', metadata: { name: 'x' } },
    ];
    expect(resourceFileNames(objects, '.yaml')).toEqual(['Network.n.x.yaml', 'Network.n.x-2.yaml', 'Network.x.yaml']);
  });
});
