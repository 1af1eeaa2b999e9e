import { LiveMigrationMode, liveMigrationModeOf } from '../../model/live-migration';
import { analyzeLiveMigration } from '../live-migration-readiness';
import { Rule, RuleSource } from '../rule';
import { IssueSeverity, ValidationRule } from '../validation-report';

/**
 * VMs that must live-migrate can; those that would like to get warnings. Each reason is a
 * check of its own in `rules/live-migration/`.
 */
export const liveMigration: Rule = {
  id: ValidationRule.LIVE_MIGRATION,
  order: 800,
  summary: 'VMs with `evictionStrategy: LiveMigrate` can migrate (errors); `LiveMigrateIfPossible` warns',
  reference: 'https://kubevirt.io/user-guide/compute/live_migration/',
  source: RuleSource.PROJECT,
  check(context) {
    const migrationContext = { index: context.index, knownClaims: context.knownClaims };
    const openWorld = context.options.unresolvedReferences === IssueSeverity.WARNING;
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm } = listed[n];
      const mode = liveMigrationModeOf(vm);
      if (mode === LiveMigrationMode.OFF) continue;
      const report = analyzeLiveMigration(vm, migrationContext);
      context.recordMigration(report);
      const severity = mode === LiveMigrationMode.REQUIRED ? IssueSeverity.ERROR : IssueSeverity.WARNING;
      for (const blocker of report.blockers) {
        const message = `${blocker.reason}: ${blocker.message}`;
        if (blocker.unresolved && openWorld) context.warn(index, blocker.path, `${message} (${blocker.unresolved}; --closed makes this an error)`);
        else context.report(severity, index, blocker.path, message);
      }
    }
  },
};
