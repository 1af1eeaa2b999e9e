import { SchemaSource, SchemaStore, splitApiVersion, tightenSchema } from '../../src/validation/schema-store';
import { ManifestValidationError, assertValidManifests, formatManifestIssue, validateManifests } from '../../src/validation/validate-manifests';

const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'vms' }, data: { userdata: 'aGk=' } };
const vm = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'vm' },
  spec: { runStrategy: 'Always', template: { spec: { domain: { devices: {}, memory: { guest: '1Gi' } } } } },
};
const hyperConverged = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: {} };

function messages(objects: unknown[]): string[] {
  return validateManifests(objects).issues.map(formatManifestIssue);
}

describe('validateManifests', () => {
  test('accepts valid objects of each schema source and counts them', () => {
    const result = validateManifests([secret, vm, hyperConverged]);
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.checkedBySource).toEqual({ [SchemaSource.KUBERNETES]: 1, [SchemaSource.STRICT_JSON]: 1, [SchemaSource.CRD]: 1 });
  });

  test('reports an unknown field at the root, in the spec and in metadata', () => {
    const bad = { ...vm, specs: {}, metadata: { name: 'vm', label: { a: 'b' } } };
    const nested = structuredClone(vm) as any;
    nested.spec.template.spec.domain.devices.disks = [{ name: 'root', disk: { bus: 'virtio' }, bootorder: 1 }];
    expect(messages([bad, nested])).toEqual([
      'VirtualMachine vm (#0) specs: unknown field (not in the schema: misspelled or misplaced?)',
      'VirtualMachine vm (#0) metadata.label: unknown field (not in the schema: misspelled or misplaced?)',
      'VirtualMachine vm (#1) spec.template.spec.domain.devices.disks[0].bootorder: unknown field (not in the schema: misspelled or misplaced?)',
    ]);
  });

  test('checks core kinds strictly against the Kubernetes 1.32 definitions', () => {
    expect(messages([{ ...secret, stringdata: {}, data: { userdata: 'not base64!' } }])).toEqual([
      'Secret vms/s (#0) stringdata: unknown field (not in the schema: misspelled or misplaced?)',
      'Secret vms/s (#0) data.userdata: must match format "byte"',
    ]);
  });

  test('reports missing required fields, wrong types and int-or-string mismatches once', () => {
    const bad = structuredClone(vm) as any;
    delete bad.spec.template;
    bad.spec.runStrategy = 3;
    const quantity = structuredClone(vm) as any;
    quantity.spec.template.spec.domain.memory.guest = true;
    expect(messages([bad, quantity])).toEqual([
      'VirtualMachine vm (#0) spec.template: required field is missing',
      'VirtualMachine vm (#0) spec.runStrategy: must be string',
      'VirtualMachine vm (#1) spec.template.spec.domain.memory.guest: must be integer or string',
    ]);
  });

  test('reports a quantity that does not match the Kubernetes grammar', () => {
    const bad = structuredClone(vm) as any;
    bad.spec.template.spec.domain.memory.guest = '4GB';
    const [issue] = validateManifests([bad]).issues;
    expect(issue.path).toBe('spec.template.spec.domain.memory.guest');
    expect(issue.message).toMatch(/^must match \^/);
  });

  test('reports enum violations with the allowed values', () => {
    const bad = structuredClone(vm) as any;
    bad.spec.dataVolumeTemplates = [{ metadata: { name: 'd' }, spec: { contentType: 'qcow2', source: { blank: {} }, storage: {} } }];
    expect(messages([bad])).toEqual([
      'VirtualMachine vm (#0) spec.dataVolumeTemplates[0].spec.contentType: must be one of "kubevirt", "archive"',
    ]);
  });

  test('makes CRD schemas (HyperConverged, Forklift) strict as well', () => {
    expect(messages([{ ...hyperConverged, spec: { featureGatez: {} } }, { apiVersion: 'forklift.konveyor.io/v1beta1', kind: 'Plan', metadata: { name: 'p' }, spec: { provider: {}, map: {}, vms: [] } }])).toEqual([
      'HyperConverged openshift-cnv/kubevirt-hyperconverged (#0) spec.featureGatez: unknown field (not in the schema: misspelled or misplaced?)',
      'Plan p (#1) spec.targetNamespace: required field is missing',
      'Plan p (#1) spec.map.network: required field is missing',
      'Plan p (#1) spec.map.storage: required field is missing',
      'Plan p (#1) spec.provider.destination: required field is missing',
      'Plan p (#1) spec.provider.source: required field is missing',
    ]);
  });

  test('reports unknown kinds, bad versions and things that are not objects instead of passing them', () => {
    expect(messages([
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      { ...vm, apiVersion: 'kubevirt.io/v2' },
      { kind: 'Secret', metadata: { name: 'x' } },
      'apiVersion: v1',
      null,
    ])).toEqual([
      'Widget w (#0) (root): no schema for example.com/v1 Widget: it is not a kind this package knows, so it cannot be checked',
      'VirtualMachine vm (#1) (root): no schema for kubevirt.io/v2 VirtualMachine: it is not a kind this package knows, so it cannot be checked',
      'Secret x (#2) apiVersion: required field is missing',
      '(no kind) (unnamed) (#3) (root): is not an object',
      '(no kind) (unnamed) (#4) (root): is not an object',
    ]);
  });

  test('names annotation keys with dots and slashes in brackets', () => {
    const bad = { ...secret, metadata: { name: 's', annotations: { 'argocd.argoproj.io/sync-wave': 1 } } };
    expect(messages([bad])).toEqual(['Secret s (#0) metadata.annotations["argocd.argoproj.io/sync-wave"]: must be string']);
  });

  test('assertValidManifests throws every issue as data and as text', () => {
    expect(() => assertValidManifests([secret])).not.toThrow();
    let error: ManifestValidationError | undefined;
    try {
      assertValidManifests([{ ...secret, bogus: 1 }, { ...vm, extra: 2 }]);
    } catch (e) {
      error = e as ManifestValidationError;
    }
    expect(error).toBeInstanceOf(ManifestValidationError);
    expect(error!.issues).toHaveLength(2);
    expect(error!.message).toBe([
      '2 schema violation(s):',
      '  Secret vms/s (#0) bogus: unknown field (not in the schema: misspelled or misplaced?)',
      '  VirtualMachine vm (#1) extra: unknown field (not in the schema: misspelled or misplaced?)',
    ].join('\n'));
  });

  test('the shared store compiles each kind once', () => {
    const store = SchemaStore.default();
    expect(store.validatorFor('v1', 'Secret')).toBe(store.validatorFor('v1', 'Secret'));
    expect(store.sourceOf('cdi.kubevirt.io/v1beta1', 'DataVolume')).toBe(SchemaSource.STRICT_JSON);
    expect(store.sourceOf('forklift.konveyor.io/v1beta1', 'Provider')).toBe(SchemaSource.CRD);
    expect(store.sourceOf('apps/v1', 'Deployment')).toBe(SchemaSource.KUBERNETES);
    expect(store.sourceOf('example.com/v1', 'Widget')).toBeUndefined();
  });
});

describe('tightenSchema', () => {
  test('closes objects, maps int-or-string and nullable, and respects preserve-unknown-fields', () => {
    const schema: any = {
      type: 'object',
      properties: {
        port: { 'x-kubernetes-int-or-string': true },
        note: { type: 'string', nullable: true },
        free: { 'type': 'object', 'properties': { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
        open: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
        list: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } } } },
      },
    };
    tightenSchema(schema);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.port).toEqual({ 'x-kubernetes-int-or-string': true, 'anyOf': [{ type: 'integer' }, { type: 'string' }] });
    expect(schema.properties.note.type).toEqual(['string', 'null']);
    expect(schema.properties.free.additionalProperties).toBeUndefined();
    expect(schema.properties.open.additionalProperties).toBe(true);
    expect(schema.properties.list.items.additionalProperties).toBe(false);
  });

  test('splitApiVersion separates group and version', () => {
    expect(splitApiVersion('v1')).toEqual({ group: '', version: 'v1' });
    expect(splitApiVersion('kubevirt.io/v1')).toEqual({ group: 'kubevirt.io', version: 'v1' });
  });
});
