import { FactoryValue, notOneOf, show } from '../common/errors';

// The strategies of a VirtualMachinePool, as KubeVirt v1.9.0 defines them
// (kubevirt/kubevirt staging/src/kubevirt.io/api/pool/v1beta1/types.go).

/** In which order the pool picks VMs to remove (scale-in) or to restart (proactive update). */
export enum PoolSortPolicy {
  /** Lowest index first. */
  ASCENDING_ORDER = 'AscendingOrder',
  /** Highest index first. */
  DESCENDING_ORDER = 'DescendingOrder',
  NEWEST = 'Newest',
  OLDEST = 'Oldest',
  /** KubeVirt's default. */
  RANDOM = 'Random',
}

/** What is kept of a VM removed by scale-in, to be reused by the next scale-out. */
export enum StatePreservation {
  /** Nothing: the VM and its DataVolumes are deleted (KubeVirt's default). */
  DISABLED = 'Disabled',
  /** The VM's claims are kept and reused: a faster scale-out. */
  OFFLINE = 'Offline',
  /** Claims and memory are kept: a faster scale-out and boot. */
  ONLINE = 'Online',
}

/** Which VMs the pool picks first. */
export interface PoolSelectionPolicy {
  /**
   * The order among the VMs that match `vmLabels`.
   * @default PoolSortPolicy.RANDOM (KubeVirt's default)
   */
  readonly sortPolicy?: PoolSortPolicy;
  /**
   * Only VMs with these labels are picked.
   * @default - any VM of the pool
   */
  readonly vmLabels?: Record<string, string>;
}

/** Options of `PoolScaleInStrategy.proactive`. */
export interface ProactiveScaleInOptions {
  /** @default - KubeVirt's: random order */
  readonly selectionPolicy?: PoolSelectionPolicy;
  /** @default StatePreservation.DISABLED (KubeVirt's default) */
  readonly statePreservation?: StatePreservation;
}

/** Options of `PoolScaleInStrategy.opportunistic`. */
export interface OpportunisticScaleInOptions {
  /** @default StatePreservation.DISABLED (KubeVirt's default) */
  readonly statePreservation?: StatePreservation;
}

type Rendered = Record<string, Record<string, unknown>>;

/** `selectionPolicy` as KubeVirt reads it, or a problem. */
function renderSelection(policy: PoolSelectionPolicy | undefined): { value?: Record<string, unknown>; problem?: string } {
  if (policy === undefined) return {};
  if (typeof policy !== 'object' || policy === null) return { problem: `selectionPolicy ${show(policy)} must be an object such as { sortPolicy: PoolSortPolicy.OLDEST }` };
  const bad = policy.sortPolicy === undefined ? undefined : notOneOf(policy.sortPolicy, PoolSortPolicy);
  if (bad) return { problem: `selectionPolicy.sortPolicy ${show(policy.sortPolicy)} ${bad}` };
  const labels = policy.vmLabels;
  if (labels !== undefined && (typeof labels !== 'object' || labels === null || Array.isArray(labels) || Object.values(labels).some((v) => typeof v !== 'string'))) {
    return { problem: `selectionPolicy.vmLabels ${show(labels)} must map label keys to string values, e.g. { tier: "canary" }` };
  }
  return {
    value: {
      sortPolicy: policy.sortPolicy,
      selectors: labels === undefined ? undefined : { labelSelector: { matchLabels: { ...labels } } },
    },
  };
}

function statePreservationProblem(value: unknown): string | undefined {
  const bad = value === undefined ? undefined : notOneOf(value, StatePreservation);
  return bad ? `statePreservation ${show(value)} ${bad}` : undefined;
}

/**
 * How the pool removes VMs when `replicas` goes down (`spec.scaleInStrategy`).
 * KubeVirt's default is proactive scale-in of random VMs, keeping nothing.
 */
export class PoolScaleInStrategy extends FactoryValue {
  /** Removes VMs at once when replicas go down (KubeVirt's default). */
  public static proactive(options: ProactiveScaleInOptions = {}): PoolScaleInStrategy {
    const factory = 'PoolScaleInStrategy.proactive';
    if (typeof options !== 'object' || options === null) {
      return new PoolScaleInStrategy({})._problem(factory, `options ${show(options)} must be an object, or left out`);
    }
    const selection = renderSelection(options.selectionPolicy);
    const strategy = new PoolScaleInStrategy({ proactive: { selectionPolicy: selection.value, statePreservation: options.statePreservation } });
    return strategy._problem(factory, selection.problem, statePreservationProblem(options.statePreservation));
  }

  /** Removes nothing itself: the pool shrinks as VMs are deleted by other means. */
  public static opportunistic(options: OpportunisticScaleInOptions = {}): PoolScaleInStrategy {
    const factory = 'PoolScaleInStrategy.opportunistic';
    if (typeof options !== 'object' || options === null) {
      return new PoolScaleInStrategy({})._problem(factory, `options ${show(options)} must be an object, or left out`);
    }
    return new PoolScaleInStrategy({ opportunistic: { statePreservation: options.statePreservation } })
      ._problem(factory, statePreservationProblem(options.statePreservation));
  }

  /** Never removes a VM: scaling in is left to people. */
  public static unmanaged(): PoolScaleInStrategy {
    return new PoolScaleInStrategy({ unmanaged: {} });
  }

  private constructor(private readonly rendered: Rendered) {
    super();
  }

  /** `spec.scaleInStrategy`. @internal */
  public _toKube(): Rendered {
    return this.rendered;
  }
}

/**
 * How the pool brings its VMs to a changed template (`spec.updateStrategy`).
 * KubeVirt's default is proactive: VMs are updated and restarted, `maxUnavailable` at a time.
 */
export class PoolUpdateStrategy extends FactoryValue {
  /** Updates the VMs and restarts them, `maxUnavailable` at a time (KubeVirt's default). */
  public static proactive(selectionPolicy?: PoolSelectionPolicy): PoolUpdateStrategy {
    const selection = renderSelection(selectionPolicy);
    return new PoolUpdateStrategy({ proactive: { selectionPolicy: selection.value } })._problem('PoolUpdateStrategy.proactive', selection.problem);
  }

  /** Updates the VMs' specs; each running VM takes the change at its next restart. */
  public static opportunistic(): PoolUpdateStrategy {
    return new PoolUpdateStrategy({ opportunistic: {} });
  }

  /** Leaves existing VMs as they are; only new VMs get the changed template. */
  public static unmanaged(): PoolUpdateStrategy {
    return new PoolUpdateStrategy({ unmanaged: {} });
  }

  private constructor(private readonly rendered: Rendered) {
    super();
  }

  /** `spec.updateStrategy`. @internal */
  public _toKube(): Rendered {
    return this.rendered;
  }
}
