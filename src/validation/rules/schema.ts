import { apiDeprecations, isReleaseKind } from './api-deprecations';
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
    // A KubeVirt, CDI or HCO version the target does not serve is api-deprecations' error, naming the version to use.
    const judgedByDeprecations = !(context.options.skipRules ?? []).includes(apiDeprecations.id);
    for (const issue of result.issues) {
      if (issue.unknownKind && judgedByDeprecations && isReleaseKind(issue.apiVersion ?? '', issue.kind ?? '')) continue;
      context.addIssue(issue.unknownKind ? unknownKinds : IssueSeverity.ERROR, issue);
    }
  },
};
