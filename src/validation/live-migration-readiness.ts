// Whether a VM can live-migrate: every check in rules/live-migration/ over one VM, into one
// report. The live-migration rule, vm.migrationReport() and the CLI's `explain` all use it.
import * as path from 'path';
import { MigrationCheck, MigrationContext, MigrationSubject } from './migration-check';
import { orderedEntriesOfFolder } from './module-folder';
import { show } from '../common/errors';
import {
  ALLOW_BLOCK_MIGRATION_ANNOTATION, LiveMigrationReport, MigrationBlocker, MigrationBlockerReason, liveMigrationModeOf,
} from '../model/live-migration';
import { VmView } from '../model/object-index';

export { MigrationContext } from './migration-check';

const CHECKS_FOLDER = path.join(__dirname, 'rules', 'live-migration');

/** A check, and the reasons it may report. */
interface RegisteredCheck {
  readonly check: MigrationCheck;
  readonly reasons: ReadonlySet<MigrationBlockerReason>;
}

let registered: readonly RegisteredCheck[] | undefined;

function isMigrationCheck(value: unknown): value is MigrationCheck {
  const check = value as MigrationCheck;
  return typeof value === 'object' && value !== null && typeof check.id === 'string' && typeof check.order === 'number'
    && Array.isArray(check.reasons) && typeof check.check === 'function';
}

function registeredChecks(): readonly RegisteredCheck[] {
  registered ??= orderedEntriesOfFolder(CHECKS_FOLDER, 'live-migration check', isMigrationCheck)
    .map((check) => ({ check, reasons: new Set(check.reasons.map((r) => r.reason)) }));
  return registered;
}

/** Every live-migration check, in the order their blockers are reported. */
export function migrationChecks(): readonly MigrationCheck[] {
  return registeredChecks().map((r) => r.check);
}

/**
 * Everything that keeps a VM (or VMI) from live-migrating, judged from its manifest and the
 * objects it is deployed with. Works on any YAML: it reads fields, not constructs.
 */
export function analyzeLiveMigration(vm: VmView, context: MigrationContext): LiveMigrationReport {
  const blockers: MigrationBlocker[] = [];
  const allowBlockMigration = vm.object.metadata?.annotations?.[ALLOW_BLOCK_MIGRATION_ANNOTATION] === 'true';
  const domain = vm.spec.domain ?? {};
  const checks = registeredChecks();
  // One subject for all checks of the VM (a fleet judges 10,000 VMs); `block` reads the check that runs.
  let running = checks[0];
  const subject: MigrationSubject = {
    vm,
    spec: vm.spec,
    specPath: vm.specPath,
    domain,
    devices: domain.devices ?? {},
    allowBlockMigration,
    context,
    block: (reason: MigrationBlockerReason, at: string, message: string, unresolved?: string) => {
      // The README lists each check's reasons; a check reporting another would make it wrong.
      if (!running.reasons.has(reason)) throw new Error(`the live-migration check ${show(running.check.id)} reports ${show(reason)}, which its reasons do not list: add it there`);
      blockers.push(unresolved ? { reason, path: at, message, unresolved } : { reason, path: at, message });
    },
  };
  for (let i = 0; i < checks.length; i++) {
    running = checks[i];
    running.check.check(subject);
  }
  return {
    kind: vm.kind,
    name: vm.name,
    namespace: vm.namespace,
    mode: liveMigrationModeOf(vm),
    allowBlockMigration,
    migratable: blockers.length === 0,
    blockers,
  };
}

/** `DisksNotLiveMigratable at spec.template.spec.volumes[0]: ...` */
export function formatMigrationBlocker(blocker: MigrationBlocker): string {
  return `${blocker.reason} at ${blocker.path}: ${blocker.message}`;
}
