import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Toleration, tolerationProblem } from './toleration';
import { VirtualMachineProps } from './virtual-machine-props';
import * as kubevirt from '../../imports/kubevirt.io';
import { constructError, notOneOf, show } from '../common/errors';
import { EVICTION_STRATEGY_OF_MODE, LiveMigrationMode } from '../model/live-migration';

/** The props a `VmScheduling` reads. */
export type VmSchedulingProps = Pick<VirtualMachineProps,
'nodeSelector' | 'tolerations' | 'affinity' | 'terminationGracePeriod' | 'liveMigration' | 'allowBlockMigration'>;

type TemplateSpec = kubevirt.VirtualMachineSpecTemplateSpec;

/** What `VmScheduling` writes into `spec.template.spec`. */
export type VmSchedulingSpec = Pick<TemplateSpec, 'nodeSelector' | 'tolerations' | 'affinity' | 'terminationGracePeriodSeconds' | 'evictionStrategy'>;

/**
 * Where a VM runs and how it leaves a node: node selector, tolerations, affinity, the shutdown
 * grace period, and the live-migration switch (the eviction strategy it sets).
 * @internal
 */
export class VmScheduling {
  /** How strictly live migration is checked. */
  public readonly liveMigration: LiveMigrationMode;
  /** Whether block migration of container and empty disks is accepted. */
  public readonly allowBlockMigration: boolean;
  private readonly tolerations: Toleration[] = [];

  public constructor(private readonly vm: IConstruct, private readonly props: VmSchedulingProps) {
    this.liveMigration = this.checkLiveMigration();
    this.allowBlockMigration = props.allowBlockMigration ?? false;
    this.checkPlacement();
    const tolerations = props.tolerations ?? [];
    if (!Array.isArray(tolerations)) throw constructError(vm, `tolerations ${show(tolerations)} must be an array of tolerations, or left out`);
    for (const toleration of tolerations) this.addToleration(toleration);
  }

  /** Lets the VM tolerate a node taint. */
  public addToleration(toleration: Toleration): void {
    const problem = typeof toleration !== 'object' || toleration === null
      ? `toleration ${show(toleration)} must be an object such as { key: "virtualization", effect: TaintEffect.NO_SCHEDULE }`
      : tolerationProblem(toleration);
    if (problem) throw constructError(this.vm, problem);
    this.tolerations.push(toleration);
  }

  /** Renders the scheduling fields of `spec.template.spec`. */
  public _toKube(): VmSchedulingSpec {
    const { nodeSelector, affinity, terminationGracePeriod } = this.props;
    return {
      // An empty map is dropped when the VM is stored (omitempty), so it is left out here.
      nodeSelector: nodeSelector && Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
      tolerations: this.tolerations.length > 0 ? this.tolerations.map(renderToleration) : undefined,
      affinity: affinity as kubevirt.VirtualMachineSpecTemplateSpecAffinity | undefined,
      terminationGracePeriodSeconds: terminationGracePeriod?.toSeconds(),
      evictionStrategy: EVICTION_STRATEGY_OF_MODE[this.liveMigration],
    };
  }

  private checkLiveMigration(): LiveMigrationMode {
    const mode = this.props.liveMigration ?? LiveMigrationMode.OFF;
    const problem = notOneOf(mode, LiveMigrationMode);
    if (problem) throw constructError(this.vm, `liveMigration ${show(mode)} ${problem}: use LiveMigrationMode.REQUIRED, PREFERRED or OFF`);
    const allow = this.props.allowBlockMigration;
    if (allow !== undefined && typeof allow !== 'boolean') {
      throw constructError(this.vm, `allowBlockMigration ${show(allow)} must be true or false`);
    }
    return mode;
  }

  private checkPlacement(): void {
    const { terminationGracePeriod, nodeSelector, affinity } = this.props;
    if (terminationGracePeriod !== undefined) {
      if (!(terminationGracePeriod instanceof Duration)) {
        throw constructError(this.vm, `terminationGracePeriod ${show(terminationGracePeriod)} must be a cdk8s Duration, e.g. Duration.seconds(${typeof terminationGracePeriod === 'number' ? terminationGracePeriod : 120})`);
      }
      const millis = terminationGracePeriod.toMilliseconds();
      if (millis % 1000 !== 0 || millis < 0) {
        throw constructError(this.vm, `terminationGracePeriod of ${millis / 1000} seconds must be a whole number of seconds, 0 or more`);
      }
    }
    for (const [prop, value] of [['nodeSelector', nodeSelector], ['affinity', affinity]] as const) {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw constructError(this.vm, `${prop} ${show(value)} must be an object, or left out`);
      }
    }
    for (const [key, value] of Object.entries(nodeSelector ?? {})) {
      if (typeof value !== 'string') {
        throw constructError(this.vm, `nodeSelector[${show(key)}] ${show(value)} must be a string: node labels are strings, write ${show(String(value))}`);
      }
    }
  }
}

/** Empty key and value mean "absent" to Kubernetes, which drops them (omitempty): so do we. */
function renderToleration(toleration: Toleration): kubevirt.VirtualMachineSpecTemplateSpecTolerations {
  return {
    key: toleration.key || undefined,
    operator: toleration.operator,
    value: toleration.value || undefined,
    effect: toleration.effect,
    tolerationSeconds: toleration.tolerationSeconds?.toSeconds(),
  };
}
