import { Chart, Testing } from 'cdk8s';
import { issuesOf, vm } from './rule-fixtures';
import { VirtualMachine } from '../../../src/compute/virtual-machine';
import { VolumeSource } from '../../../src/storage/volume-source';
import { labelsAndAnnotations } from '../../../src/validation/rules/labels-and-annotations';

const RULE = 'error labels-and-annotations VirtualMachine web';
const CHARSET = "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

function withLabels(labels: Record<string, string>, where: 'object' | 'template' = 'object'): any {
  return vm('web', (_spec, object) => {
    if (where === 'object') object.metadata.labels = labels;
    else object.spec.template.metadata = { labels };
  });
}

describe('rule labels-and-annotations', () => {
  test('a label value over 63 bytes, and one with a space', () => {
    expect(issuesOf(labelsAndAnnotations, [withLabels({ tier: 'a'.repeat(64), owner: 'team a' })])).toEqual([
      `${RULE} metadata.labels["tier"]: label value "${'a'.repeat(64)}" is 64 bytes, more than 63: shorten it, or keep the long text in an annotation; the API server refuses it`,
      `${RULE} metadata.labels["owner"]: label value "team a" is not empty nor ${CHARSET}: write e.g. "team-a", or keep free text in an annotation; the API server refuses it`,
    ]);
  });

  test('label keys: a space, two slashes, an empty or capitalised prefix, an empty or long name', () => {
    const labels = { 'my key': 'x', 'a/b/c': 'x', '/tier': 'x', 'Example.com/tier': 'x', 'example.com/': 'x', [`example.com/${'n'.repeat(64)}`]: 'x' };
    expect(issuesOf(labelsAndAnnotations, [withLabels(labels, 'template')])).toEqual([
      `${RULE} spec.template.metadata.labels["my key"]: label key "my key" has the name part "my key", which is not ${CHARSET}: write e.g. "my-key"; the API server refuses it`,
      `${RULE} spec.template.metadata.labels["a/b/c"]: label key "a/b/c" has 2 '/': a key is a name with at most one optional "prefix/" (e.g. "example.com/tier"); the API server refuses it`,
      `${RULE} spec.template.metadata.labels["/tier"]: label key "/tier" has an empty prefix before '/': drop the '/', or write a DNS subdomain prefix (e.g. "example.com/tier"); the API server refuses it`,
      `${RULE} spec.template.metadata.labels["Example.com/tier"]: label key "Example.com/tier" has the prefix "Example.com", which is no DNS subdomain (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit): write e.g. "example.com/tier"; the API server refuses it`,
      `${RULE} spec.template.metadata.labels["example.com/"]: label key "example.com/" has an empty name: write a name after the prefix (e.g. "example.com/tier"); the API server refuses it`,
      `${RULE} spec.template.metadata.labels["example.com/${'n'.repeat(64)}"]: label key "example.com/${'n'.repeat(64)}" has a name part of 64 bytes, more than 63: shorten it (${CHARSET}); the API server refuses it`,
    ]);
  });

  test('annotation keys like label keys (a capitalised prefix passes), and the 256 KiB total', () => {
    const big = vm('web', (_spec, object) => {
      object.metadata.annotations = { 'Example.com/Note': 'ok', 'bad key': 'x' };
      object.spec.dataVolumeTemplates = [{ metadata: { name: 'root', annotations: { a: 'x'.repeat(256 * 1024) } }, spec: {} }];
    });
    expect(issuesOf(labelsAndAnnotations, [big])).toEqual([
      `${RULE} metadata.annotations["bad key"]: annotation key "bad key" has the name part "bad key", which is not ${CHARSET}: write e.g. "bad-key"; the API server refuses it`,
      `${RULE} spec.dataVolumeTemplates[0].metadata.annotations: annotations total 262145 bytes (keys and values), more than the API server's limit of 262144 (256 KiB): move large values into a ConfigMap or Secret`,
    ]);
  });

  test('stays quiet on the near misses: 63 bytes, an empty value, a prefixed key, exactly 256 KiB', () => {
    const fine = vm('web', (_spec, object) => {
      object.metadata.labels = { 'tier': 'a'.repeat(63), 'app.kubernetes.io/name': 'web', 'empty': '', 'My_Key.1': 'V_1.x' };
      object.metadata.annotations = { a: 'x'.repeat(256 * 1024 - 1) };
      object.spec.template.metadata = { labels: { 'kubevirt.io/domain': 'web' } };
    });
    expect(issuesOf(labelsAndAnnotations, [fine])).toEqual([]);
  });

  test('refuses at synth, on the construct that wrote the label', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'mq' });
    new VirtualMachine(chart, 'vm', { metadata: { name: 'vm', labels: { owner: 'team a' } }, memory: '1Gi', instanceMetadata: { labels: { ['x'.repeat(64)]: 'y' } } })
      .addDisk('root', VolumeSource.containerDisk('quay.io/containerdisks/fedora:40'));
    expect(() => app.synthYaml()).toThrow([
      'Validation failed with the following errors:',
      `  [apps/vm] VirtualMachine mq/vm metadata.labels["owner"]: label value "team a" is not empty nor ${CHARSET}: write e.g. "team-a", or keep free text in an annotation; the API server refuses it`,
      `  [apps/vm] VirtualMachine mq/vm spec.template.metadata.labels["${'x'.repeat(64)}"]: label key "${'x'.repeat(64)}" has a name part of 64 bytes, more than 63: shorten it (${CHARSET}); the API server refuses it`,
    ].join('\n'));
  });
});
