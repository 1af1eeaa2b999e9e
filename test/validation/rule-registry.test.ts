import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { AppValidation } from '../../src/validation/app-validation';
import { RuleSource } from '../../src/validation/rule';
import { rulesToRun, validationRules } from '../../src/validation/rule-registry';
import { ValidationRule, validateObjects } from '../../src/validation/validate-objects';

const RULES = path.join(__dirname, '..', '..', 'src', 'validation', 'rules');

describe('the rule registry', () => {
  test('finds every rule file in src/validation/rules/, each named after its rule', () => {
    const files = fs.readdirSync(RULES).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(validationRules().map((r) => r.id).sort()).toEqual(files);
  });

  test('has every ValidationRule, each with a summary and a reference, in today\'s output order', () => {
    expect(validationRules().map((r) => r.id)).toEqual([
      'schema',
      'names',
      'labels-and-annotations',
      'disks-and-volumes',
      'disk-cache-modes',
      'tolerations',
      'interfaces-and-networks',
      'multus-references',
      'nad-config',
      'cni-config-names',
      'static-ips',
      'cloud-init-passwords',
      'live-migration',
      'namespace-keeps-data',
      'data-volume-target',
      'data-volume-size',
      'data-volume-access-modes',
      'data-volume-storage-class',
      'data-volume-source-choice',
      'data-volume-external-population',
      'data-volume-source-ref',
      'data-volume-content-type',
      'data-volume-registry-source',
      'data-volume-source-urls',
      'data-volume-checksum',
      'data-volume-migration-sources',
      'data-volume-clone-source',
      'hco-name',
      'hco-cert-config',
      'hco-tls-security-profile',
      'hco-node-placement-affinity',
      'hco-data-import-cron-templates',
      'hco-data-import-cron-names',
      'hco-json-patch-annotations',
      'hco-tuning-policy',
      'hco-secondary-dns-ip',
      'hco-mediated-device-types',
      'hco-feature-gates',
      'disk-names',
      'boot-order',
      'disk-device-types',
      'disk-options',
      'volume-sources',
      'cloud-init-data',
      'resource-requests',
      'hugepages',
      'dedicated-cpus',
      'firmware',
      'probes',
      'hostname-and-dns',
      'access-credentials',
      'run-strategy',
      'instancetype-conflicts',
      'device-models',
      'cpu-and-io-threads',
      'eviction-and-service-account',
      'data-volume-templates',
      'reserved-labels',
      'interface-bindings',
      'interface-fields',
      'network-sources',
      'unique-network-names',
      'interface-states',
      'virtual-machine-pools',
      'migration-policies',
      'virtual-machine-migrations',
      'virtual-machine-clones',
      'hyperv-features',
      'launch-security',
      'architecture-settings',
      'affinity',
      'topology-spread-constraints',
      'memory-hotplug',
      'utility-volumes',
      'memory-required',
      'dra-devices',
      'virtual-machine-snapshots',
      'virtual-machine-restores',
      'virtual-machine-exports',
      'migration-stall-detector',
      'decentralized-migrations',
      'host-disks',
      'port-ranges',
      'dra-networks',
      'api-deprecations',
      'api-enums',
    ]);
    expect(Object.values(ValidationRule).every((id) => validationRules().some((r) => r.id === id))).toBe(true);
    for (const rule of validationRules()) {
      expect(rule.summary).toMatch(/^[^\n]+$/);
      expect(() => new URL(rule.reference)).not.toThrow();
      expect(Object.values(RuleSource)).toContain(rule.source);
    }
  });

  test('skipRules takes ValidationRule values and rule ids; skipping is decided once, before any rule runs', () => {
    expect(rulesToRun([ValidationRule.SCHEMA, 'live-migration']).map((r) => r.id)).not.toContain('live-migration');
    const broken = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'Bad' }, spec: { runStrategy: 'Always', template: { spec: { domain: { memory: { guest: '1Gi' }, devices: {} } } } } };
    expect(validateObjects([broken], { skipRules: ['schema', 'names'] }).errors).toEqual([]);
  });

  test('an unknown id in skipRules is an error naming it and every valid id', () => {
    const valid = '"schema", "names", "labels-and-annotations", "disks-and-volumes", "disk-cache-modes", "tolerations", "interfaces-and-networks", "multus-references", "nad-config", "cni-config-names", "static-ips", "cloud-init-passwords", "live-migration", "namespace-keeps-data", "data-volume-target", "data-volume-size", "data-volume-access-modes", "data-volume-storage-class", "data-volume-source-choice", "data-volume-external-population", "data-volume-source-ref", "data-volume-content-type", "data-volume-registry-source", "data-volume-source-urls", "data-volume-checksum", "data-volume-migration-sources", "data-volume-clone-source", "hco-name", "hco-cert-config", "hco-tls-security-profile", "hco-node-placement-affinity", "hco-data-import-cron-templates", "hco-data-import-cron-names", "hco-json-patch-annotations", "hco-tuning-policy", "hco-secondary-dns-ip", "hco-mediated-device-types", "hco-feature-gates", "disk-names", "boot-order", "disk-device-types", "disk-options", "volume-sources", "cloud-init-data", "resource-requests", "hugepages", "dedicated-cpus", "firmware", "probes", "hostname-and-dns", "access-credentials", "run-strategy", "instancetype-conflicts", "device-models", "cpu-and-io-threads", "eviction-and-service-account", "data-volume-templates", "reserved-labels", "interface-bindings", "interface-fields", "network-sources", "unique-network-names", "interface-states", "virtual-machine-pools", "migration-policies", "virtual-machine-migrations", "virtual-machine-clones", "hyperv-features", "launch-security", "architecture-settings", "affinity", "topology-spread-constraints", "memory-hotplug", "utility-volumes", "memory-required", "dra-devices", "virtual-machine-snapshots", "virtual-machine-restores", "virtual-machine-exports", "migration-stall-detector", "decentralized-migrations", "host-disks", "port-ranges", "dra-networks", "api-deprecations", "api-enums"';
    expect(() => validateObjects([], { skipRules: ['static-ip'] })).toThrow(
      `skipRules "static-ip" is not a validation rule: use ${valid} (ValidationRule values or these ids)`);
    expect(() => AppValidation.of(new App({ outdir: Testing.app().outdir })).configure({ skipRules: ['names', 'dns', 'ips'] })).toThrow(
      `[kubevirt-constructs.AppValidation] configure: skipRules "dns", "ips" are not validation rules: use ${valid} (ValidationRule values or these ids)`);
  });
});
