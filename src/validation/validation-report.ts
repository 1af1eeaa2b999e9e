// What a validation run takes and gives: the rule ids users skip, the options, the issues and
// the report. Apart from validate-objects.ts so rule files can use these types without a cycle.
import { SchemaStore } from './schema-store';
import { ManifestIssue } from './validate-manifests';
import { ValidationTarget } from './validation-target';
import { LiveMigrationReport } from '../model/live-migration';
import { qualifiedName } from '../model/object-index';

// Public with the options that take it (the package index exports this module through validate-objects).
export { KUBEVIRT_RELEASES, KubeVirtRelease, ValidationTarget } from './validation-target';

/**
 * The ids of the checks `validateObjects` runs; each can be skipped. Rules added since keep
 * their id as a string (`skipRules` takes either); every rule is listed by id in the README.
 */
export enum ValidationRule {
  /** Every object against its kind's strict upstream schema. */
  SCHEMA = 'schema',
  /** Object names and namespaces are DNS-1123 names. */
  NAMES = 'names',
  /** Label keys and values, annotation keys and the annotation total size, as the API server checks them. */
  LABELS_AND_ANNOTATIONS = 'labels-and-annotations',
  /** Every disk of a VM has a volume (a volume without a disk gets one from KubeVirt). */
  DISKS_AND_VOLUMES = 'disks-and-volumes',
  /** Every interface of a VM has a network, and every network an interface. */
  INTERFACES_AND_NETWORKS = 'interfaces-and-networks',
  /** Every disk's cache mode is one KubeVirt accepts. */
  DISK_CACHE_MODES = 'disk-cache-modes',
  /** A VM's tolerations are valid pod tolerations (operator, value, effect). */
  TOLERATIONS = 'tolerations',
  /** Every Multus reference (VM networks, pod annotations) resolves to a NetworkAttachmentDefinition. */
  MULTUS_REFERENCES = 'multus-references',
  /** A NetworkAttachmentDefinition's CNI config is named as the object (a warning). */
  CNI_CONFIG_NAMES = 'cni-config-names',
  /** No static IP is used twice, and no network with fixed addresses serves two users. */
  STATIC_IPS = 'static-ips',
  /** VMs that must live-migrate (evictionStrategy LiveMigrate) can; LiveMigrateIfPossible warns. */
  LIVE_MIGRATION = 'live-migration',
  /** No clear-text password in cloud-init user data written into a manifest. */
  CLOUD_INIT_PASSWORDS = 'cloud-init-passwords',
  /** A Namespace that holds objects kept from GitOps deletion is kept the same way. */
  NAMESPACE_KEEPS_DATA = 'namespace-keeps-data',
}

/** How bad an issue is: errors fail synth and the CLI, warnings are reported. */
export enum IssueSeverity {
  ERROR = 'error',
  WARNING = 'warning',
}

/** One finding of `validateObjects`. */
export interface ValidationIssue extends ManifestIssue {
  readonly severity: IssueSeverity;
  /** The id of the rule that found it (a `ValidationRule` value for the rules listed there). */
  readonly rule: string;
}

/** Options of `validateObjects`. */
export interface ValidateObjectsOptions {
  /**
   * Rules not to run: `ValidationRule` values or rule ids (an unknown id is an error).
   * @default - all rules run
   */
  readonly skipRules?: Array<ValidationRule | string>;
  /**
   * How an object of a kind with no vendored schema is reported.
   * @default IssueSeverity.WARNING (it is not checked, and says so)
   */
  readonly unknownKinds?: IssueSeverity;
  /**
   * Multus networks that exist outside the objects (`namespace/name`).
   * @default - none
   */
  readonly knownNetworks?: string[];
  /**
   * Access modes of claims that exist outside the objects, by `namespace/name`.
   * @default - none
   */
  readonly knownClaims?: Record<string, string[]>;
  /**
   * How a reference to an object that is not among the objects is reported (a Multus network, a
   * claim a VM that must live-migrate uses). The `validate` CLI judges files that usually meet a
   * cluster holding the rest, so it warns unless `--closed`; an app declares everything it uses.
   * @default IssueSeverity.ERROR
   */
  readonly unresolvedReferences?: IssueSeverity;
  /**
   * The KubeVirt release (and with it the CDI and HyperConverged releases) the objects are judged
   * against: its schemas, and the API versions it serves or deprecates (rule `api-deprecations`).
   * @default - KubeVirt 1.9, the newest stable release (`{ kubevirt: '1.9' }`)
   */
  readonly target?: ValidationTarget;
  /**
   * The schemas (they take the place of the target's).
   * @default - the upstream schemas of the target release shipped with this package
   */
  readonly store?: SchemaStore;
}

/** The outcome of `validateObjects`. */
export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  readonly valid: boolean;
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
  /** The live-migration report of every VM that asks to live-migrate. */
  readonly migration: LiveMigrationReport[];
}

/** `VirtualMachine mq/rdqm-1 spec.template.spec.volumes[0]: message` (no list position). */
export function formatValidationIssue(issue: ManifestIssue): string {
  return `${issue.kind ?? '(no kind)'} ${qualifiedName(issue.namespace, issue.name)} ${issue.path}: ${issue.message}`;
}
