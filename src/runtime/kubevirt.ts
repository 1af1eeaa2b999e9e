import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { LiveMigrationSettings, renderLiveMigration } from './live-migration-settings';
import { NodePlacement, renderNodePlacement } from './node-placement';
import { OperatorManifests, checkOperatorManifests } from './operator-manifests';
import { EvictionStrategy, WorkloadUpdateStrategy, renderWorkloadUpdate } from './workload-update';
import * as kubevirt from '../../imports/kubevirt.io';
import { assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem } from '../common/names';
import { compact } from '../common/objects';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { withdrawRefused } from '../network/refused-construct';

/** Properties of `KubeVirt`. */
export interface KubeVirtProps {
  /**
   * Namespace of the KubeVirt CR: the namespace the operator runs in.
   * @default "kubevirt"
   */
  readonly namespace?: string;
  /**
   * The operator's release manifest (`kubevirt-operator.yaml`), included in the output.
   * @default - none: the operator is installed some other way
   */
  readonly operatorManifests?: OperatorManifests;
  /**
   * Run VMs with software emulation (QEMU TCG) on nodes without /dev/kvm: slow, for labs and CI.
   * @default false
   */
  readonly emulation?: boolean;
  /**
   * KubeVirt feature gates to switch on, e.g. `["Snapshot", "HotplugVolumes"]`.
   * @default - none beyond KubeVirt's defaults
   */
  readonly featureGates?: string[];
  /** @default - KubeVirt's defaults */
  readonly migrations?: LiveMigrationSettings;
  /** @default - KubeVirt's default (None) */
  readonly evictionStrategy?: EvictionStrategy;
  /** @default - KubeVirt's default (none: running VMs keep the old version until restarted) */
  readonly workloadUpdateStrategy?: WorkloadUpdateStrategy;
  /** Where the control plane runs. @default - any node */
  readonly infra?: NodePlacement;
  /** Where VMs and virt-handler may run. @default - any node */
  readonly workloads?: NodePlacement;
}

/**
 * Upstream KubeVirt on plain Kubernetes: the `KubeVirt` CR (`kubevirt.io/v1`, named "kubevirt")
 * and, optionally, the operator's release manifests.
 *
 * @see https://kubevirt.io/user-guide/cluster_admin/installation/
 */
export class KubeVirt extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'kubevirts';
  /** The KubeVirt CR. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: KubeVirtProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'KubeVirtProps', '{ namespace: "kubevirt" }');
      const errorFor = (problem: string) => constructError(this, problem);
      const namespace = props.namespace ?? 'kubevirt';
      const nsProblem = dnsLabelProblem(namespace);
      if (nsProblem) throw errorFor(`namespace ${show(namespace)} ${nsProblem}`);
      const operatorManifests = props.operatorManifests === undefined ? undefined : checkOperatorManifests(this, 'operatorManifests', props.operatorManifests, {
        crd: 'kubevirts.kubevirt.io', releaseFile: 'kubevirt-operator.yaml', crFile: 'kubevirt-cr.yaml', release: 'KubeVirt',
      });
      const spec = kubeVirtSpec(props, namespace, errorFor, this);

      operatorManifests?._addTo(new Construct(this, 'Operator'));
      this.apiObject = new ApiObject(this, 'Resource', {
        ...kubevirt.KubeVirt.GVK,
        metadata: { name: 'kubevirt', namespace },
        spec,
      });
      setDeploymentPhase(this, DeploymentPhase.CLUSTER);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The namespace (the operator's). */
  public get namespace(): string {
    return this.apiObject.metadata.namespace!;
  }
}

/** Checks the props of a KubeVirt and returns its `spec`, or throws `errorFor(problem)`. */
function kubeVirtSpec(props: KubeVirtProps, namespace: string, errorFor: (problem: string) => Error, scope: IConstruct): Record<string, unknown> {
  const featureGates = gateList('featureGates', props.featureGates, errorFor);
  const migrations = props.migrations ? renderLiveMigration('migrations', props.migrations, namespace, errorFor, scope) : undefined;
  const eviction = props.evictionStrategy;
  const badEviction = eviction === undefined ? undefined : notOneOf(eviction, EvictionStrategy);
  if (badEviction) throw errorFor(`evictionStrategy ${show(eviction)} ${badEviction}`);
  const placement = (field: string, p?: NodePlacement) => (p ? { nodePlacement: renderNodePlacement(field, p, errorFor) } : undefined);
  return compact({
    configuration: compact({
      developerConfiguration: compact({ useEmulation: props.emulation || undefined, featureGates }),
      migrations: migrations && compact(migrations),
      evictionStrategy: eviction,
    }),
    workloadUpdateStrategy: props.workloadUpdateStrategy ? renderWorkloadUpdate(props.workloadUpdateStrategy, errorFor) : undefined,
    infra: placement('infra', props.infra),
    workloads: placement('workloads', props.workloads),
  }) ?? {};
}

/** Checks a list of Go-style (PascalCase) feature gate names. */
export function gateList(field: string, gates: string[] | undefined, errorFor: (problem: string) => Error): string[] | undefined {
  if (gates === undefined || gates.length === 0) return undefined;
  gates.forEach((gate, i) => {
    if (typeof gate !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(gate)) {
      throw errorFor(`${field}[${i}] ${show(gate)} is not a feature gate name: these gates are PascalCase, e.g. "Snapshot"`);
    }
    if (gates.indexOf(gate) !== i) throw errorFor(`${field}[${i}] ${show(gate)} is listed twice`);
  });
  return [...gates];
}
