// What a rule works with: the objects and their shared views (built once per run, whichever
// rule asks first), the options, and a reporter that stamps the rule's id on every issue.
import { DeclaredNetworks, PodNetworkAnnotation, declaredNetworks, podNetworkAnnotationOf } from './declared-networks';
import { ManifestIssue } from './validate-manifests';
import { IssueSeverity, ValidateObjectsOptions, ValidationIssue } from './validation-report';
import { LiveMigrationReport } from '../model/live-migration';
import { KubeObject, ObjectIndex, VmView, apiGroupOf, isKubeObject, qualifiedName, vmView } from '../model/object-index';
import { startDefaultingRun } from '../model/vm-defaults';

/**
 * A Kubernetes object among the validated ones, with what several rules read from it. Rules that
 * pass over every object read these fields rather than the object: the views lie together in
 * memory, while a fleet's rendered objects are spread over the heap, so each read of an object
 * in a pass over 40,000 of them is a cache miss.
 */
export interface ObjectView {
  /** Its position in the validated objects (what issues point at). */
  readonly index: number;
  readonly object: KubeObject;
  /** `object.apiVersion`, `object.kind`, and the API group (`''`: the core group). */
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  /** `metadata.name` and `metadata.namespace` as written (hand-written YAML may hold any value). */
  readonly name: unknown;
  readonly namespace: unknown;
  /** Its instance view, when it is a VirtualMachine or VirtualMachineInstance. */
  readonly vm?: VmView;
  /** The Multus annotation of its pods, when it makes pods that carry one. */
  readonly podNetworks?: PodNetworkAnnotation;
}

/** A VM or VMI among the validated objects, or the VM template of a VirtualMachinePool. */
export interface IndexedVm {
  readonly index: number;
  readonly vm: VmView;
  /** How messages name it: `VirtualMachine "mq/a"`, `VM template of VirtualMachinePool "mq/p"`. */
  readonly holder: string;
  /**
   * Where the VM object sits in the object at `index`, as a prefix of its field paths: `''` for a
   * VM or VMI, `'spec.virtualMachineTemplate.'` for a pool's template (so `${objectPath}spec.runStrategy`).
   */
  readonly objectPath: string;
}

const POOL_TEMPLATE_PATH = 'spec.virtualMachineTemplate.';

/**
 * A VirtualMachinePool's template as the VM each replica becomes. KubeVirt validates it as a VM
 * spec (kubevirt v1.9.0 pkg/virt-api/webhooks/validating-webhook/admitters/vmpool-admitter.go,
 * ValidateVMPoolSpec calls ValidateVirtualMachineSpec), and the VM admitter judges every VM the
 * pool controller makes from it; the VMs live in the pool's namespace.
 */
function poolTemplateView({ object, kind, group }: ObjectView): VmView | undefined {
  if (kind !== 'VirtualMachinePool' || group !== 'pool.kubevirt.io') return undefined;
  const template = object.spec?.virtualMachineTemplate;
  if (typeof template !== 'object' || template === null || Array.isArray(template)) return undefined;
  const metadata = { ...template.metadata, namespace: object.metadata?.namespace };
  const vm = vmView({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata, spec: template.spec ?? {} });
  return vm && { ...vm, name: object.metadata?.name, namespace: object.metadata?.namespace, specPath: `${POOL_TEMPLATE_PATH}${vm.specPath}` };
}

/** The Kubernetes objects among `objects`, in order, with their VM and pod-network views. */
function viewsOf(objects: readonly unknown[]): ObjectView[] {
  // A plain loop: this runs over every object (40,001 in the bench), once per validation.
  const views: ObjectView[] = [];
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index];
    if (!isKubeObject(object)) continue;
    const { apiVersion, kind, metadata } = object;
    views.push({
      index,
      object,
      apiVersion,
      kind,
      group: apiGroupOf(apiVersion),
      name: metadata?.name,
      namespace: metadata?.namespace,
      vm: vmView(object),
      podNetworks: podNetworkAnnotationOf(object),
    });
  }
  return views;
}

/** A list as long as the objects that holds only these views' objects, at their positions. */
function sparseOf(length: number, views: readonly ObjectView[]): unknown[] {
  const objects: unknown[] = new Array(length);
  for (const { index, object } of views) objects[index] = object;
  return objects;
}

/** The state of one `validateObjects` call, shared by every rule it runs. */
export class ValidationRun {
  public readonly errors: ValidationIssue[] = [];
  public readonly warnings: ValidationIssue[] = [];
  public readonly migration: LiveMigrationReport[] = [];
  public readonly index: ObjectIndex;
  /** Multus networks that exist outside the objects (`namespace/name`). */
  public readonly knownNetworks: ReadonlySet<string>;
  /** Access modes of claims that exist outside the objects, by `namespace/name`. */
  public readonly knownClaims: ReadonlyMap<string, readonly string[]>;
  /** The Kubernetes objects, in order. */
  public readonly views: readonly ObjectView[];
  private vms?: IndexedVm[];
  private networkUsers?: ObjectView[];
  private networks?: DeclaredNetworks;
  private readonly derived = new Map<(context: RuleContext) => unknown, unknown>();
  private byKind?: Map<string, ObjectView[]>;

  public constructor(public readonly objects: readonly unknown[], public readonly options: ValidateObjectsOptions) {
    startDefaultingRun();
    this.views = viewsOf(objects);
    // From the views, not the objects: one pass over a fleet's scattered objects serves both.
    this.index = new ObjectIndex(objects, this.views);
    this.knownNetworks = new Set(options.knownNetworks ?? []);
    this.knownClaims = new Map(Object.entries(options.knownClaims ?? {}));
  }

  /** The objects of one kind (any API group: check it), in order. */
  public viewsOfKind(kind: string): readonly ObjectView[] {
    if (!this.byKind) {
      this.byKind = new Map();
      const views = this.views;
      for (let n = 0; n < views.length; n++) {
        const view = views[n];
        const of = this.byKind.get(view.kind);
        if (of) of.push(view);
        else this.byKind.set(view.kind, [view]);
      }
    }
    return this.byKind.get(kind) ?? [];
  }

  /** The VMs and VMIs, and the VM templates of pools, in order. */
  public virtualMachines(): readonly IndexedVm[] {
    if (!this.vms) {
      this.vms = [];
      const views = this.views;
      for (let n = 0; n < views.length; n++) {
        const view = views[n];
        const { index, vm } = view;
        if (vm) this.vms.push({ index, vm, holder: `${vm.kind} ${JSON.stringify(qualifiedName(vm.namespace, vm.name))}`, objectPath: '' });
        const template = vm ? undefined : poolTemplateView(view);
        if (template) this.vms.push({ index, vm: template, holder: `VM template of VirtualMachinePool ${JSON.stringify(qualifiedName(template.namespace, template.name))}`, objectPath: POOL_TEMPLATE_PATH });
      }
    }
    return this.vms;
  }

  /** The views with a VM view or a pod-network annotation, in order. */
  public viewsWithNetworks(): readonly ObjectView[] {
    this.networkUsers ??= this.views.filter((view) => view.vm !== undefined || view.podNetworks !== undefined);
    return this.networkUsers;
  }

  /** The NADs and OpenShift additional networks among the objects. */
  public declaredNetworks(): DeclaredNetworks {
    // Only the kinds that declare networks, at their positions: the rest are holes, which it skips.
    this.networks ??= declaredNetworks(sparseOf(this.objects.length, [...this.viewsOfKind('NetworkAttachmentDefinition'), ...this.viewsOfKind('Network')]));
    return this.networks;
  }

  /** What `derive` computes from the objects, computed once per run whichever rule asks first. */
  public shared<T>(derive: (context: RuleContext) => T, context: RuleContext): T {
    if (!this.derived.has(derive)) this.derived.set(derive, derive(context));
    return this.derived.get(derive) as T;
  }

  public add(issue: ValidationIssue): void {
    (issue.severity === IssueSeverity.ERROR ? this.errors : this.warnings).push(issue);
  }
}

/**
 * What `Rule.check` gets: the run's objects and views, and a reporter for this rule. Rules walk
 * `vms`, `views` and the like with an index, not for-of: a synth validates once, mostly before
 * V8 optimizes the rules, and unoptimized for-of makes an iterator result for every element.
 */
export class RuleContext {
  public readonly objects: readonly unknown[];
  public readonly index: ObjectIndex;
  public readonly options: ValidateObjectsOptions;
  /** Multus networks that exist outside the objects (`namespace/name`). */
  public readonly knownNetworks: ReadonlySet<string>;
  /** Access modes of claims that exist outside the objects, by `namespace/name`. */
  public readonly knownClaims: ReadonlyMap<string, readonly string[]>;

  public constructor(private readonly run: ValidationRun, public readonly rule: string) {
    this.objects = run.objects;
    this.index = run.index;
    this.options = run.options;
    this.knownNetworks = run.knownNetworks;
    this.knownClaims = run.knownClaims;
  }

  /** The Kubernetes objects, in order, with their VM and pod-network views. */
  public get views(): readonly ObjectView[] {
    return this.run.views;
  }

  /**
   * The objects of one kind (of any API group: the rule checks the group), in order: a rule about
   * one kind need not walk every object of a fleet.
   */
  public viewsOfKind(kind: string): readonly ObjectView[] {
    return this.run.viewsOfKind(kind);
  }

  /** The objects with a VM view or a pod-network annotation, in order: those that ask for networks. */
  public get viewsWithNetworks(): readonly ObjectView[] {
    return this.run.viewsWithNetworks();
  }

  /** The VMs and VMIs, and the VM templates of VirtualMachinePools (`objectPath` tells them apart), in order. */
  public get vms(): readonly IndexedVm[] {
    return this.run.virtualMachines();
  }

  /** The NADs and OpenShift additional networks among the objects. */
  public get networks(): DeclaredNetworks {
    return this.run.declaredNetworks();
  }

  /**
   * A view several rules derive from the objects (e.g. every DataVolume spec), computed once per
   * run: `derive` is the key, so pass the same function each time.
   */
  public shared<T>(derive: (context: RuleContext) => T): T {
    return this.run.shared(derive, this);
  }

  public error(index: number, path: string, message: string): void {
    this.report(IssueSeverity.ERROR, index, path, message);
  }

  public warn(index: number, path: string, message: string): void {
    this.report(IssueSeverity.WARNING, index, path, message);
  }

  /** An issue at a field of the object at `index`. */
  public report(severity: IssueSeverity, index: number, path: string, message: string): void {
    const object = this.objects[index] as KubeObject;
    this.run.add({
      severity,
      rule: this.rule,
      index,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata?.name,
      namespace: object.metadata?.namespace,
      path,
      message,
    });
  }

  /** An issue found by another checker (the schema validator), as this rule's (keys in the order JSON output shows). */
  public addIssue(severity: IssueSeverity, issue: ManifestIssue): void {
    this.run.add({ ...issue, severity, rule: this.rule });
  }

  /** Adds a VM's live-migration report to the run's report. */
  public recordMigration(report: LiveMigrationReport): void {
    this.run.migration.push(report);
  }
}
