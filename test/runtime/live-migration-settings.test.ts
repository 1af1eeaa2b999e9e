import { Chart, Testing } from 'cdk8s';
import { constructError } from '../../src/common/errors';
import { CniPlugin } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { renderLiveMigration } from '../../src/runtime/live-migration-settings';

function migrationNad(chart: Chart): NetworkAttachmentDefinition {
  return new NetworkAttachmentDefinition(chart, 'mig', { metadata: { name: 'migration', namespace: 'kubevirt' }, cni: CniPlugin.macvlan({ master: 'ens5' }) });
}

describe('renderLiveMigration: the migration network', () => {
  test('a NetworkAttachmentDefinition of another App is refused, with both paths and the fix', () => {
    const operator = new Chart(Testing.app(), 'operator');
    const foreign = migrationNad(new Chart(Testing.app(), 'networks'));
    const errorFor = (problem: string) => constructError(operator, problem);
    expect(() => renderLiveMigration('migrations', { network: foreign }, 'kubevirt', errorFor, operator)).toThrow(new Error(
      '[operator] migrations.network "migration" is the NetworkAttachmentDefinition at [networks/mig] of another cdk8s App, whose manifests this App\'s do not include: declare the migration network in this App, or reference it with NetworkAttachmentDefinition.fromName("migration") when the other App deploys it'));
  });

  test('one of the same App, and a reference by name, pass', () => {
    const chart = Testing.chart();
    const errorFor = (problem: string) => constructError(chart, problem);
    expect(renderLiveMigration('migrations', { network: migrationNad(chart) }, 'kubevirt', errorFor, chart).network).toBe('migration');
    const byName = NetworkAttachmentDefinition.fromName('migration');
    expect(renderLiveMigration('migrations', { network: byName }, 'kubevirt', errorFor, chart).network).toBe('migration');
  });
});
