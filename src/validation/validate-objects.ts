import { rulesToRun, runRules } from './rule-registry';
import { ValidateObjectsOptions, ValidationIssue, ValidationReport } from './validation-report';

export * from './validation-report';

/**
 * Validates the objects of an app (or any KubeVirt / OpenShift Virtualization YAML) in one
 * pass: each object against its strict upstream schema, and the rules that span objects
 * (disks and volumes, interfaces and networks, Multus references, static IPs, live-migration
 * readiness, clear-text passwords, DNS-1123 names; one file each in `rules/`). Runs
 * automatically on `cdk8s synth` for apps using this library's constructs.
 */
export function validateObjects(objects: readonly unknown[], options: ValidateObjectsOptions = {}): ValidationReport {
  const run = runRules(objects, options, rulesToRun(options.skipRules));
  // Stable: an object's issues keep the order of the rules that found them.
  const byIndex = (a: ValidationIssue, b: ValidationIssue) => a.index - b.index;
  return {
    valid: run.errors.length === 0,
    errors: run.errors.sort(byIndex),
    warnings: run.warnings.sort(byIndex),
    migration: run.migration,
  };
}
