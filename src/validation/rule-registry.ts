// Every validation rule, found in rules/ (one file per rule), in their order; and the one
// place that decides which of them run.
import * as path from 'path';
import { orderedEntriesOfFolder } from './module-folder';
import { Rule } from './rule';
import { RuleContext, ValidationRun } from './rule-context';
import { ValidateObjectsOptions } from './validation-report';
import { show } from '../common/errors';

const RULES_FOLDER = path.join(__dirname, 'rules');

let registered: readonly Rule[] | undefined;

function isRule(value: unknown): value is Rule {
  const rule = value as Rule;
  return typeof value === 'object' && value !== null && typeof rule.id === 'string' && typeof rule.order === 'number'
    && typeof rule.check === 'function';
}

/** Every rule, in the order they run (the order of their issues for one object). */
export function validationRules(): readonly Rule[] {
  registered ??= orderedEntriesOfFolder(RULES_FOLDER, 'rule', isRule);
  return registered;
}

/** What is wrong with `skipRules` (an id no rule has), or undefined. */
export function skipRulesProblem(skipRules: readonly string[] = []): string | undefined {
  const ids = validationRules().map((rule) => rule.id);
  const unknown = skipRules.filter((id) => !ids.includes(id));
  if (unknown.length === 0) return undefined;
  const what = unknown.length === 1 ? 'is not a validation rule' : 'are not validation rules';
  return `skipRules ${unknown.map((id) => show(id)).join(', ')} ${what}: use ${ids.map((id) => show(id)).join(', ')} (ValidationRule values or these ids)`;
}

/** The rules to run: all but the skipped ones. Throws on an id no rule has. */
export function rulesToRun(skipRules: readonly string[] = []): readonly Rule[] {
  const problem = skipRulesProblem(skipRules);
  if (problem) throw new Error(problem);
  const skip = new Set(skipRules);
  return validationRules().filter((rule) => !skip.has(rule.id));
}

/** Runs `rules` over the objects, each with a context that stamps its id. */
export function runRules(objects: readonly unknown[], options: ValidateObjectsOptions, rules: readonly Rule[]): ValidationRun {
  const run = new ValidationRun(objects, options);
  for (const rule of rules) rule.check(new RuleContext(run, rule.id));
  return run;
}
