import type { RuleContext } from './rule-context';

/**
 * One validation rule: a file of its own in `src/validation/rules/`, named after its id, that
 * exports this object. The registry finds it there; nothing else lists it. The README's rule
 * table is generated from these fields (a test compares it).
 */
export interface Rule {
  /** What users pass in `skipRules` and read in `ValidationIssue.rule`; also the file's name. */
  readonly id: string;
  /**
   * Where the rule runs among the others (ascending). Issues of one object come out in rule
   * order, so this is also the order of its messages; leave gaps for rules added later.
   */
  readonly order: number;
  /** One line for the README: what the rule checks. */
  readonly summary: string;
  /** The upstream source or document the rule follows (a URL). */
  readonly reference: string;
  /** Reports every issue through the context (which stamps the rule's id). */
  check(context: RuleContext): void;
}
