import { issuesOf, vm } from './rule-fixtures';
import { runRules } from '../../../src/validation/rule-registry';
import { liveMigration } from '../../../src/validation/rules/live-migration';

describe('rule live-migration', () => {
  test('fires with errors for LiveMigrate, warnings for LiveMigrateIfPossible, and records both reports', () => {
    const required = vm('a', (s) => { s.evictionStrategy = 'LiveMigrate'; s.domain.cpu = { model: 'host-passthrough' }; });
    const preferred = vm('b', (s) => { s.evictionStrategy = 'LiveMigrateIfPossible'; });
    expect(issuesOf(liveMigration, [required, preferred]).map((i) => i.split(': ')[0] + ': ' + i.split(': ')[1])).toEqual([
      'error live-migration VirtualMachine a spec.template.spec.volumes[0]: DisksNotLiveMigratable',
      'error live-migration VirtualMachine a spec.template.spec.domain.cpu.model: CPUModeLiveMigratable',
      'warning live-migration VirtualMachine b spec.template.spec.volumes[0]: DisksNotLiveMigratable',
    ]);
    expect(runRules([required, preferred], {}, [liveMigration]).migration.map((m) => `${m.name} ${m.mode}`)).toEqual(['a required', 'b preferred']);
  });

  test('stays quiet on VMs that do not ask to live-migrate, and on those that can', () => {
    const accepted = vm('b', (s, object) => { s.evictionStrategy = 'LiveMigrate'; object.metadata.annotations = { 'kubevirt-constructs.io/allow-block-migration': 'true' }; });
    expect(issuesOf(liveMigration, [vm('a'), accepted])).toEqual([]);
  });
});
