import { Rule, RuleSource } from '../rule';
import { SchemaStore } from '../schema-store';
import { validateManifests } from '../validate-manifests';
import { IssueSeverity, ValidationRule } from '../validation-report';

/** Every object against its kind's strict upstream schema. */
export const schema: Rule = {
  id: ValidationRule.SCHEMA,
  order: 100,
  summary: 'the strict upstream schema of the kind (a kind with no schema is a warning)',
  reference: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  source: RuleSource.SCHEMA,
  check(context) {
    const result = validateManifests(context.objects, { store: context.options.store ?? SchemaStore.forTarget(context.options.target) });
    const unknownKinds = context.options.unknownKinds ?? IssueSeverity.WARNING;
    for (const issue of result.issues) context.addIssue(issue.unknownKind ? unknownKinds : IssueSeverity.ERROR, issue);
  },
};
