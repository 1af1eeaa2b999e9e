import { Chart, Testing } from 'cdk8s';
import { MigrationPolicy } from '../../src/live-migration/migration-policy';
import { Cdi } from '../../src/runtime/cdi';
import { HyperConverged, HyperConvergedApiVersion } from '../../src/runtime/hyperconverged';
import { KubeVirt } from '../../src/runtime/kubevirt';
import { OpenShiftVirtualization } from '../../src/runtime/openshift-virtualization';
import { findObject, synthValid } from '../helpers';

describe('runtime constructs are resources of one object', () => {
  test.each([
    ['KubeVirt', (c: Chart) => new KubeVirt(c, 'kv'), 'kubevirts', 'kubevirt'],
    ['CDI', (c: Chart) => new Cdi(c, 'cdi'), 'cdis', 'cdi'],
    ['HyperConverged', (c: Chart) => new HyperConverged(c, 'hco'), 'hyperconvergeds', 'kubevirt-hyperconverged'],
    ['MigrationPolicy', (c: Chart) => new MigrationPolicy(c, 'p', { name: 'big', selectors: { instanceLabels: { size: 'big' } } }), 'migrationpolicies', 'big'],
  ])('%s: metadata, name, kind and resourceType read its object', (kind, make, resourceType, name) => {
    const chart = new Chart(Testing.app(), 'test');
    const resource = make(chart);
    resource.metadata.addLabel('team', 'virt');
    expect([resource.kind, resource.name, resource.resourceType]).toEqual([kind, name, resourceType]);
    expect(resource.apiObject.kind).toBe(kind);
    expect(findObject(synthValid(chart), kind).metadata.labels).toEqual({ team: 'virt' });
  });

  test('public members keep their types: namespace and apiVersion of KubeVirt and HyperConverged', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(new KubeVirt(chart, 'kv').namespace).toBe('kubevirt');
    const hco = new HyperConverged(chart, 'hco', { apiVersion: HyperConvergedApiVersion.V1 });
    expect([hco.namespace, hco.apiVersion]).toEqual(['openshift-cnv', HyperConvergedApiVersion.V1]);
  });

  test('a caught constructor error leaves nothing half-built: the app still synthesizes', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new KubeVirt(chart, 'bad-kv', { featureGates: ['snapshot'] })).toThrow('[test/bad-kv] featureGates[0]');
    expect(() => new HyperConverged(chart, 'bad-hco', { uninstallStrategy: 'Never' as never })).toThrow('[test/bad-hco] uninstallStrategy "Never" is not one of');
    expect(() => new MigrationPolicy(chart, 'bad-policy', { selectors: { instanceLabels: { a: 'b' } }, completionTimeoutPerGiB: 0 })).toThrow('[test/bad-policy] policy.completionTimeoutPerGiB');
    new Cdi(chart, 'cdi');
    expect(synthValid(chart).map((o) => o.kind)).toEqual(['CDI']);
  });

  test('NaN shows as NaN in a message', () => {
    expect(() => new HyperConverged(Testing.chart(), 'hco', { cpuAllocationRatio: NaN }))
      .toThrow(new Error('[test/hco] cpuAllocationRatio NaN must be a whole number of at least 1 (10 means a vCPU requests 100m of a host CPU)'));
  });

  test('OpenShiftVirtualization creates several objects and stays a plain construct; its HyperConverged part is a resource', () => {
    const chart = new Chart(Testing.app(), 'test');
    const virt = new OpenShiftVirtualization(chart, 'virt');
    virt.hyperConverged.metadata.addAnnotation('note', 'managed here');
    expect(findObject(synthValid(chart), 'HyperConverged').metadata.annotations).toEqual({ note: 'managed here' });
  });
});
