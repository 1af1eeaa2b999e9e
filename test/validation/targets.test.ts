/**
 * Validation against a target KubeVirt release: the schemas of that release (schemas/ for 1.9,
 * schemas/releases/kubevirt-v1.x.x for older ones), CDI and HCO following its release set, core
 * Kubernetes kinds unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { issuesOf, vm } from './rules/rule-fixtures';
import { precompileValidators } from '../../scripts/precompile-validators';
import { VirtualMachineExport } from '../../src';
import { AppValidation } from '../../src/validation/app-validation';
import { schema } from '../../src/validation/rules/schema';
import { SchemaStore } from '../../src/validation/schema-store';
import { validateManifests } from '../../src/validation/validate-manifests';
import { validateObjects } from '../../src/validation/validate-objects';
import { KUBEVIRT_RELEASES, KubeVirtRelease } from '../../src/validation/validation-target';

const UNKNOWN_FIELD = 'unknown field (not in the schema: misspelled or misplaced?)';

/** `rebootPolicy` came with KubeVirt 1.8 (absent from v1.7.4's VirtualMachine schema). */
const rebooting = vm('web', (spec) => { spec.domain.rebootPolicy = 'Terminate'; });
/** A network's `resourceClaim` came with KubeVirt 1.9 (absent from v1.8.4's). */
const claimed = vm('dra', (spec) => { spec.networks.push({ name: 'sriov', resourceClaim: { claimName: 'nic', requestName: 'vf' } }); });
/** CDI v1.65.0 (KubeVirt 1.8's release set) added `http.checksum`; v1.64.0 (1.7's) lacks it. */
const checksummed = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'img', namespace: 'mq' },
  spec: { source: { http: { url: 'https://example.com/disk.qcow2', checksum: 'sha256:0000000000000000000000000000000000000000000000000000000000000000' } }, storage: { resources: { requests: { storage: '10Gi' } } } },
};
const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'mq' }, stringData: { a: 'b' } };

function schemaIssues(objects: unknown[], kubevirt?: KubeVirtRelease): string[] {
  return issuesOf(schema, objects, kubevirt === undefined ? {} : { target: { kubevirt } });
}

describe('the schema rule judges against the target release', () => {
  test('a field new in KubeVirt 1.8 passes under 1.9 and 1.8 and is an unknown field under 1.7', () => {
    expect(schemaIssues([rebooting])).toEqual([]);
    expect(schemaIssues([rebooting], '1.9')).toEqual([]);
    expect(schemaIssues([rebooting], '1.8')).toEqual([]);
    expect(schemaIssues([rebooting], '1.7')).toEqual([`error schema VirtualMachine web spec.template.spec.domain.rebootPolicy: ${UNKNOWN_FIELD}`]);
  });

  test('a field new in KubeVirt 1.9 is an unknown field under 1.8 and 1.7', () => {
    expect(schemaIssues([claimed], '1.9')).toEqual([]);
    for (const release of ['1.8', '1.7'] as const) {
      expect(schemaIssues([claimed], release)).toEqual([`error schema VirtualMachine dra spec.template.spec.networks[1].resourceClaim: ${UNKNOWN_FIELD}`]);
    }
  });

  test('CDI follows the release set: http.checksum (CDI v1.65.0) passes under 1.8, not under 1.7 (CDI v1.64.0)', () => {
    expect(schemaIssues([checksummed], '1.8')).toEqual([]);
    expect(schemaIssues([checksummed], '1.7')).toEqual([`error schema DataVolume img spec.source.http.checksum: ${UNKNOWN_FIELD}`]);
  });

  test('a version the target does not serve has no schema there (export.kubevirt.io/v1 is new in 1.9)', () => {
    const exported = { apiVersion: 'export.kubevirt.io/v1', kind: 'VirtualMachineExport', metadata: { name: 'out', namespace: 'mq' }, spec: { source: { apiGroup: '', kind: 'PersistentVolumeClaim', name: 'data' } } };
    expect(schemaIssues([exported], '1.9')).toEqual([]);
    // api-deprecations reports it (an error naming the version to use); the schema rule adds no "no schema" warning...
    expect(schemaIssues([exported], '1.8')).toEqual([]);
    expect(validateObjects([exported], { target: { kubevirt: '1.8' } }).errors.map((e) => e.rule)).toEqual(['api-deprecations']);
    // ...unless api-deprecations is skipped.
    expect(issuesOf(schema, [exported], { target: { kubevirt: '1.8' }, skipRules: ['api-deprecations'] })).toEqual([
      'warning schema VirtualMachineExport out (root): no schema for export.kubevirt.io/v1 VirtualMachineExport: it is not a kind this package knows, so it cannot be checked',
    ]);
  });

  test('core Kubernetes kinds are judged the same under every target', () => {
    const typo = { ...secret, strngData: {} };
    for (const release of KUBEVIRT_RELEASES) {
      expect(schemaIssues([secret], release)).toEqual([]);
      expect(schemaIssues([typo], release)).toEqual([`error schema Secret s strngData: ${UNKNOWN_FIELD}`]);
    }
  });

  test('one store per release, the newest being the default store; v1.8 is read as 1.8', () => {
    expect(SchemaStore.forTarget()).toBe(SchemaStore.default());
    expect(SchemaStore.forTarget({ kubevirt: '1.9' })).toBe(SchemaStore.default());
    expect(SchemaStore.forTarget({ kubevirt: '1.8' })).toBe(SchemaStore.forTarget({ kubevirt: 'v1.8' as KubeVirtRelease }));
    expect(SchemaStore.forTarget({ kubevirt: '1.7' }).servedVersions()?.release).toEqual({ kubevirt: 'v1.7.4', cdi: 'v1.64.0', hco: 'v1.17.3' });
    expect(SchemaStore.default().servedVersions()?.release).toEqual({ kubevirt: 'v1.9.0', cdi: 'v1.66.0', hco: 'v1.18.1' });
  });

  test('a release this package has no schemas for is refused with the ones it has', () => {
    expect(() => validateObjects([secret], { target: { kubevirt: '1.6' as KubeVirtRelease } })).toThrow(
      'target kubevirt "1.6" is not a KubeVirt release this package has schemas for: use "1.9", "1.8", "1.7" (the minor release, e.g. "1.8")',
    );
  });
});

describe('AppValidation.configure({ target })', () => {
  function exportApp(kubevirt?: KubeVirtRelease): { synth: () => void } {
    const app = Testing.app();
    if (kubevirt) AppValidation.of(app).configure({ target: { kubevirt }, onWarnings: () => undefined });
    const chart = new Chart(app, 'day2', { namespace: 'mq' });
    new VirtualMachineExport(chart, 'download', { source: kplus.PersistentVolumeClaim.fromClaimName(chart, 'disk', 'data'), metadata: { name: 'out' } });
    new ApiObject(chart, 'web', rebooting);
    return { synth: () => app.synth() };
  }

  test('synth judges the app against the configured release', () => {
    expect(() => exportApp().synth()).not.toThrow();
    expect(() => exportApp('1.9').synth()).not.toThrow();
    const errors = (() => {
      try {
        exportApp('1.7').synth();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(errors).toContain(`[day2/web] VirtualMachine mq/web spec.template.spec.domain.rebootPolicy: ${UNKNOWN_FIELD}`);
    expect(errors).toContain('[day2/download] VirtualMachineExport mq/out apiVersion: apiVersion "export.kubevirt.io/v1" of VirtualMachineExport is not served by KubeVirt 1.7 (served by 1.9): use "export.kubevirt.io/v1beta1", or target KubeVirt 1.9');
  });

  test('a target this package has no schemas for is refused at configure, naming the construct', () => {
    const app = Testing.app();
    expect(() => AppValidation.of(app).configure({ target: { kubevirt: '2.0' as KubeVirtRelease } })).toThrow(
      '[kubevirt-constructs.AppValidation] configure: target kubevirt "2.0" is not a KubeVirt release this package has schemas for: use "1.9", "1.8", "1.7" (the minor release, e.g. "1.8")',
    );
  });
});

describe('a group an older release lacks', () => {
  test('plugin.kubevirt.io (new in 1.9) has no schema under 1.8, though the newest schemas hold it', () => {
    const plugin = { apiVersion: 'plugin.kubevirt.io/v1alpha1', kind: 'Plugin', metadata: { name: 'p' }, spec: {} };
    expect(SchemaStore.forTarget({ kubevirt: '1.9' }).sourceOf('plugin.kubevirt.io/v1alpha1', 'Plugin')).toBe('strict-json');
    expect(SchemaStore.forTarget({ kubevirt: '1.8' }).validatorFor('plugin.kubevirt.io/v1alpha1', 'Plugin')).toBeUndefined();
    // api-deprecations says KubeVirt 1.8 does not serve it; the schema rule adds nothing.
    expect(schemaIssues([plugin], '1.8')).toEqual([]);
    expect(validateObjects([plugin], { target: { kubevirt: '1.8' } }).errors.map((e) => `${e.rule} ${e.path}`)).toEqual(['api-deprecations kind']);
  });
});

describe('an older release precompiled beside the newest', () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  const SCHEMAS = path.join(ROOT, 'schemas');
  // Under node_modules so the generated code's require('ajv/dist/runtime/...') resolves.
  const OUT = path.join(ROOT, 'node_modules', '.cache', 'kubevirt-constructs', `precompiled-targets-${process.pid}`);
  const FORMATS = path.join(ROOT, 'src', 'validation', 'schema-formats');
  const KINDS: Array<[string, string]> = [['kubevirt.io/v1', 'VirtualMachine'], ['v1', 'Secret']];
  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

  test('reuses the modules whose code is the same (Secret), writes its own where it differs (VirtualMachine), and judges as run-time compilation does', () => {
    const newest = precompileValidators({ outDir: OUT, schemaDir: SCHEMAS, kinds: KINDS, formatsModule: FORMATS });
    const releaseDir = path.join(SCHEMAS, 'releases', 'kubevirt-v1.7.x');
    const older = precompileValidators({ outDir: OUT, schemaDir: SCHEMAS, kinds: KINDS, formatsModule: FORMATS, release: { name: 'kubevirt-v1.7.x', releaseDir, modules: newest.modules } });
    expect(older.written.map((w) => [w.key, w.module])).toEqual([
      ['/v1/secret', 'core_v1_secret.js'],
      ['kubevirt.io/v1/virtualmachine', 'kubevirt-v1.7.x_kubevirt.io_v1_virtualmachine.js'],
    ]);
    const precompiled = new SchemaStore(SCHEMAS, { releaseDir, precompiledDir: path.join(OUT, 'kubevirt-v1.7.x') });
    const runtime = new SchemaStore(SCHEMAS, { releaseDir });
    const judged = (store: SchemaStore) => validateManifests([rebooting, secret, { ...secret, strngData: {} }], { store }).issues;
    expect(judged(precompiled)).toEqual(judged(runtime));
    expect(judged(precompiled).map((i) => i.path)).toEqual(['spec.template.spec.domain.rebootPolicy', 'strngData']);
  });
});

describe('validateManifests takes the target too', () => {
  test('a field new in KubeVirt 1.8 is unknown under target 1.7, known by default', () => {
    expect(validateManifests([rebooting]).issues).toEqual([]);
    expect(validateManifests([rebooting], { target: { kubevirt: '1.7' } }).issues.map((i) => i.message)).toContain(UNKNOWN_FIELD);
  });
});
