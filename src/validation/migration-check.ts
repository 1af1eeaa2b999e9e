import { MigrationBlockerReason } from '../model/live-migration';
import type { KubeObject, ObjectIndex, VmView } from '../model/object-index';

/** What the analysis knows beyond the VM: the other objects, and claims declared elsewhere. */
export interface MigrationContext {
  /** The objects the VM is deployed with (claims and DataVolumes are looked up here). */
  readonly index: ObjectIndex;
  /** Access modes of claims that are not among the objects, by `namespace/name`. */
  readonly knownClaims?: ReadonlyMap<string, readonly string[]>;
}

/** The VM a check judges, the parts of it checks read, and where blockers go. */
export interface MigrationSubject {
  readonly vm: VmView;
  /** The instance spec, and its field path (`spec.template.spec` or `spec`). */
  readonly spec: KubeObject;
  readonly specPath: string;
  readonly domain: KubeObject;
  readonly devices: KubeObject;
  /** Whether the VM accepts block migration (the annotation). */
  readonly allowBlockMigration: boolean;
  readonly context: MigrationContext;
  /**
   * Records a reason the VM cannot live-migrate, at a field path of the VM object; `unresolved`
   * says what outside the objects judged decides it, when something does.
   */
  block(reason: MigrationBlockerReason, path: string, message: string, unresolved?: string): void;
}

/**
 * One family of reasons a VM cannot live-migrate: a file of its own in
 * `src/validation/rules/live-migration/`, named after its id, exporting this object. The
 * live-migration rule runs every check it finds there, in order; the README's reasons table
 * is generated from `reasons` (a test compares it).
 */
export interface MigrationCheck {
  /** The file's name. */
  readonly id: string;
  /** Where its blockers come among the others (ascending): field order of the VM spec. */
  readonly order: number;
  /** The reasons it reports, each with when (one line for the README). */
  readonly reasons: ReadonlyArray<{ readonly reason: MigrationBlockerReason; readonly when: string }>;
  /** The upstream source or document it follows (a URL). */
  readonly reference: string;
  check(subject: MigrationSubject): void;
}
