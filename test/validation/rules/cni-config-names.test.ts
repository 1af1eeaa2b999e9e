import { issuesOf, nad } from './rule-fixtures';
import { cniConfigNames } from '../../../src/validation/rules/cni-config-names';
import { validateObjects } from '../../../src/validation/validate-objects';

function renamed(objectName: string, configName: string | undefined): any {
  const object = nad(objectName, 'mq');
  const config = JSON.parse(object.spec.config);
  if (configName === undefined) delete config.name;
  else config.name = configName;
  object.spec.config = JSON.stringify(config);
  return object;
}

describe('rule cni-config-names', () => {
  test('warns when the config names another network', () => {
    expect(issuesOf(cniConfigNames, [renamed('repl', 'replication')])).toEqual([
      'warning cni-config-names NetworkAttachmentDefinition repl spec.config: the CNI config is named "replication" but the NetworkAttachmentDefinition "repl": Multus reports the attachment as "repl" while the plugins keep IPAM state under "replication", shared with any other network of that config name; set the config\'s "name" to "repl", or leave it out (Multus fills it in)',
    ]);
  });

  test('stays quiet on the same name, no name, and a config that is no JSON', () => {
    const broken = nad('raw', 'mq');
    broken.spec.config = 'not json';
    expect(issuesOf(cniConfigNames, [nad('repl', 'mq'), renamed('other', undefined), broken])).toEqual([]);
  });

  test('is a warning: validate still passes', () => {
    const report = validateObjects([renamed('repl', 'replication')]);
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w) => w.rule)).toEqual(['cni-config-names']);
  });
});
