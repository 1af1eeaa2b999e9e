import type { RuleContext } from './rule-context';

/** Who refuses what a rule reports: the cluster (which part of it), or this project's own policy. */
export enum RuleSource {
  /** The strict upstream schemas (the API server's field validation, pruning). */
  SCHEMA = 'upstream schema',
  /** The Kubernetes API server's own validation (names, labels, tolerations). */
  KUBERNETES = 'Kubernetes API server',
  /** KubeVirt's admission webhooks (virt-api). */
  KUBEVIRT = 'KubeVirt admission',
  /** CDI's admission webhooks. */
  CDI = 'CDI admission',
  /** The HyperConverged operator's admission webhooks. */
  HCO = 'HCO admission',
  /** This project: what the cluster accepts but fails later or leaks (live migration, passwords, GitOps). */
  PROJECT = 'this project',
}

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
  /** Who refuses what it reports (README's rule table groups by it). */
  readonly source: RuleSource;
  /** Reports every issue through the context (which stamps the rule's id). */
  check(context: RuleContext): void;
}
