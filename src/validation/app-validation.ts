import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { analyzeLiveMigration } from './live-migration-readiness';
import { ownerOf } from './object-owner';
import { skipRulesProblem } from './rule-registry';
import {
  ValidateObjectsOptions, ValidationIssue, ValidationReport, ValidationRule, formatValidationIssue, validateObjects,
} from './validate-objects';
import { targetProblem } from './validation-target';
import { constructError } from '../common/errors';
import { LiveMigrationReport } from '../model/live-migration';
import { KubeObject, ObjectIndex, vmView } from '../model/object-index';

const VALIDATION_ID = 'kubevirt-constructs.AppValidation';
const REGISTRY_ID = 'kubevirt-constructs.AddressRegistry';

/** Settings of the synth-time validation of an app. */
export interface AppValidationOptions extends ValidateObjectsOptions {
  /**
   * Validate on synth at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Where warnings go (LiveMigrateIfPossible VMs that cannot migrate, kinds with no schema).
   * @default - console.warn, one line each
   */
  readonly onWarnings?: (lines: string[]) => void;
}

/** The objects an app renders, and which construct answers for each. */
interface RenderedApp {
  readonly objects: unknown[];
  readonly owners: IConstruct[];
}

/**
 * The synth-time validation of a cdk8s app: `validateObjects` over every object the app
 * renders, with each error reported by the construct that owns the object (the VirtualMachine,
 * not its inner `Resource`), so `cdk8s synth` fails with `[path] Kind ns/name field: message`.
 *
 * Created at the app's root by the first construct of this library; configure it with
 * `AppValidation.of(app).configure({ ... })`.
 */
export class AppValidation extends Construct {
  /** The validation of the app `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): AppValidation {
    const root = scope.node.root;
    return AppValidation.find(root) ?? new AppValidation(root as Construct, VALIDATION_ID);
  }

  /** The validation of the app `scope` belongs to, if a construct of this library created one. */
  public static find(scope: IConstruct): AppValidation | undefined {
    return scope.node.root.node.tryFindChild(VALIDATION_ID) as AppValidation | undefined;
  }

  private options: AppValidationOptions = {};
  /** Objects rendered during one synthesis, so validation and output share one render. */
  private renderCache?: Map<ApiObject, unknown>;
  /** The constructs of the synthesis under way (the whole tree, found once by it). */
  private renderConstructs?: IConstruct[];
  private readonly knownNetworks = new Set<string>();
  private readonly knownClaims = new Map<string, string[]>();
  private readonly reporters = new Set<IConstruct>();
  private messages = new Map<IConstruct, string[]>();
  private latest?: ValidationReport;
  /** Warning lines reported in the current synthesis: cdk8s' App validates the app again for every chart. */
  private reportedWarnings?: { readonly lines: Set<string>; jobEnded: boolean };

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    // The root is validated first (cdk8s walks the tree in pre-order), so the whole app is
    // checked once and each construct below reports its own objects' errors.
    scope.node.addValidation({ validate: () => this.validateApp() });
  }

  /** Changes the settings (merged with earlier ones). */
  public configure(options: AppValidationOptions): void {
    const problem = skipRulesProblem(options.skipRules) ?? targetProblem(options.target);
    if (problem) throw constructError(this, `configure: ${problem}`);
    this.options = { ...this.options, ...options };
  }

  /** Declares a Multus network that exists outside the app (`namespace/name`). @internal */
  public _addKnownNetwork(qualifiedName: string): void {
    this.knownNetworks.add(qualifiedName);
  }

  /** Declares the access modes of a claim that exists outside the app (`namespace/name`). @internal */
  public _addKnownClaim(qualifiedName: string, accessModes: string[]): void {
    this.knownClaims.set(qualifiedName, accessModes);
  }

  /** Reports warning lines (`[path] warning: ...`) where the app's warnings go, each line once per synthesis. @internal */
  public _warn(lines: string[]): void {
    const reported = this.warningsOfThisSynthesis();
    const fresh = [...new Set(lines)].filter((line) => !reported.has(line));
    fresh.forEach((line) => reported.add(line));
    if (fresh.length > 0) (this.options.onWarnings ?? ((l: string[]) => l.forEach((line) => console.warn(line))))(fresh);
  }

  /** Validates the app as it is now and returns the report (also what synth checks). */
  public validate(): ValidationReport {
    return this.run(this.render()).report;
  }

  /** The report of the last synth-time validation, if one ran. */
  public get lastReport(): ValidationReport | undefined {
    return this.latest;
  }

  /**
   * Runs `work` (a synthesis's validation) with every object rendered at most once, into `rendered`,
   * which the synthesis then writes. @internal
   */
  public _renderOnceInto(rendered: Map<ApiObject, unknown>, work: () => void, constructs?: IConstruct[]): void {
    // A VirtualizationApp's synthesis starts here: it reports its warnings anew.
    this.reportedWarnings = undefined;
    this.renderCache = rendered;
    this.renderConstructs = constructs;
    try {
      work();
    } finally {
      this.renderCache = undefined;
      this.renderConstructs = undefined;
    }
  }

  /** Every object the app renders (objects whose rendering throws are left to cdk8s to report). */
  public render(): RenderedApp {
    const objects: unknown[] = [];
    const owners: IConstruct[] = [];
    for (const child of this.renderConstructs ?? this.node.root.node.findAll()) {
      if (!(child instanceof ApiObject)) continue;
      let json = this.renderCache?.get(child);
      if (json === undefined) {
        try {
          json = child.toJson();
        } catch {
          continue;
        }
        this.renderCache?.set(child, json);
      }
      objects.push(json);
      owners.push(ownerOf(child));
    }
    return { objects, owners };
  }

  /** The live-migration report of the VM object `owner` renders, judged with the whole app. @internal */
  public _migrationReportOf(owner: IConstruct): LiveMigrationReport | undefined {
    const app = this.render();
    const position = app.owners.indexOf(owner);
    const vm = position < 0 ? undefined : vmView(app.objects[position] as KubeObject);
    if (!vm) return undefined;
    const knownClaims = new Map(Object.entries(this.effectiveOptions().knownClaims ?? {}));
    return analyzeLiveMigration(vm, { index: new ObjectIndex(app.objects), knownClaims });
  }

  /**
   * The lines reported since the current synthesis started. cdk8s' `synth()` and `synthYaml()` run
   * their validation passes in one synchronous job and give no hook at their start, so the set
   * lives until that job ends; a VirtualizationApp also starts a new set with each synthesis.
   */
  private warningsOfThisSynthesis(): Set<string> {
    if (this.reportedWarnings === undefined || this.reportedWarnings.jobEnded) {
      const warnings = { lines: new Set<string>(), jobEnded: false };
      this.reportedWarnings = warnings;
      // The task holds the set, not this validation: a Fleet synthesizes cluster after cluster in
      // one job, and holding `this` would keep every cluster's construct tree alive until it ends.
      queueMicrotask(() => {
        warnings.jobEnded = true;
      });
    }
    return this.reportedWarnings.lines;
  }

  private effectiveOptions(): ValidateObjectsOptions {
    const skipRules = [...(this.options.skipRules ?? [])];
    // Constructs claim their addresses in the AddressRegistry, which reports a clash with both
    // holders named; checking the rendered objects again would report it twice.
    if (this.node.root.node.tryFindChild(REGISTRY_ID)) skipRules.push(ValidationRule.STATIC_IPS);
    return {
      ...this.options,
      skipRules,
      knownNetworks: [...(this.options.knownNetworks ?? []), ...this.knownNetworks],
      knownClaims: { ...Object.fromEntries(this.knownClaims), ...this.options.knownClaims },
    };
  }

  private run(app: RenderedApp): { report: ValidationReport; app: RenderedApp } {
    return { report: validateObjects(app.objects, this.effectiveOptions()), app };
  }

  private validateApp(): string[] {
    if (this.options.enabled === false) return [];
    const { report, app } = this.run(this.render());
    this.latest = report;
    const messages = new Map<IConstruct, string[]>();
    for (const error of report.errors) {
      const owner = app.owners[error.index];
      messages.set(owner, [...(messages.get(owner) ?? []), formatValidationIssue(error)]);
      if (!this.reporters.has(owner)) {
        this.reporters.add(owner);
        owner.node.addValidation({ validate: () => this.messages.get(owner) ?? [] });
      }
    }
    this.messages = messages;
    if (report.warnings.length > 0) {
      const lines = report.warnings.map((w: ValidationIssue) => `[${app.owners[w.index]?.node.path ?? ''}] warning: ${formatValidationIssue(w)}`);
      this._warn(lines);
    }
    return [];
  }
}
