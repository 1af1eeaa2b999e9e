import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { renderHcoFeatureGates } from './hco-feature-gates';
import { LiveMigrationSettings, renderLiveMigration } from './live-migration-settings';
import { NodePlacement, renderNodePlacement } from './node-placement';
import { EvictionStrategy, WorkloadUpdateStrategy, renderWorkloadUpdate } from './workload-update';
import { assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { compact } from '../common/objects';
import { KubeResource } from '../core/kube-resource';
import { hcoL1 } from '../core/module-on-first-use';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { HYPERCONVERGED_NAME } from '../model/hyperconverged-name';
import { withdrawRefused } from '../network/refused-construct';

export { V1BETA1_FEATURE_GATES, V1_FEATURE_GATES, V1FeatureGate } from './hco-feature-gates';
export { HYPERCONVERGED_NAME };
/** The HyperConverged annotation whose JSON patches the operator applies to the KubeVirt CR. */
export const KUBEVIRT_JSONPATCH_ANNOTATION = 'kubevirt.kubevirt.io/jsonpatch';

/** The HyperConverged API version to write. */
export enum HyperConvergedApiVersion {
  /** Served by every released operator; the flat field layout. */
  V1BETA1 = 'hco.kubevirt.io/v1beta1',
  /** Operator 1.18 and later: fields grouped under virtualization, storage, deployment. */
  V1 = 'hco.kubevirt.io/v1',
}

/** What removing the operator does with existing VMs. */
export enum UninstallStrategy {
  /** Refuse to uninstall while VMs exist (the operator's default). */
  BLOCK_UNINSTALL_IF_WORKLOADS_EXIST = 'BlockUninstallIfWorkloadsExist',
  /** Delete the VMs with the operator. */
  REMOVE_WORKLOADS = 'RemoveWorkloads',
}

/** The operations of RFC 6902 JSON Patch. */
export enum JsonPatchOp {
  ADD = 'add',
  REMOVE = 'remove',
  REPLACE = 'replace',
  TEST = 'test',
  COPY = 'copy',
  MOVE = 'move',
}

/** One RFC 6902 operation, applied by the operator to the CR it generates. */
export interface JsonPatchOperation {
  readonly op: JsonPatchOp;
  /** A JSON pointer into the generated CR, e.g. `/spec/configuration/developerConfiguration/featureGates/-`. */
  readonly path: string;
  /** @default - none (required by add, replace and test) */
  readonly value?: unknown;
  /** @default - none (required by copy and move) */
  readonly from?: string;
}

/** Properties of a `HyperConverged`. */
export interface HyperConvergedProps {
  /**
   * Namespace of the CR (the operator's namespace).
   * @default "openshift-cnv"
   */
  readonly namespace?: string;
  /**
   * Name of the CR; the operator accepts only "kubevirt-hyperconverged".
   * @default "kubevirt-hyperconverged"
   */
  readonly name?: string;
  /** @default HyperConvergedApiVersion.V1BETA1 */
  readonly apiVersion?: HyperConvergedApiVersion;
  /** @default - the operator's defaults (5 parallel, 1 per node, 20 s/GiB, 150 s progress) */
  readonly liveMigration?: LiveMigrationSettings;
  /**
   * Feature gates to switch on (true) or off (false), by name, e.g. `{ downwardMetrics: true }`.
   * For `hco.kubevirt.io/v1` they are written as the operator stores them: in its order, and
   * only those that differ from their default (see `V1_FEATURE_GATES`).
   * @default - the operator's defaults
   */
  readonly featureGates?: Record<string, boolean>;
  /** @default - the operator's default (live-migrate, 10 VMs a minute) */
  readonly workloadUpdateStrategy?: WorkloadUpdateStrategy;
  /** Where the control plane (infrastructure components) runs. @default - any node */
  readonly infra?: NodePlacement;
  /** Where VMs and the node agents (virt-handler) may run. @default - any node */
  readonly workloads?: NodePlacement;
  /** Storage class for persistent VM state (TPM, EFI vars). @default - the default class */
  readonly vmStateStorageClass?: string;
  /** Storage class for CDI's scratch space during imports. @default - the default class */
  readonly scratchSpaceStorageClass?: string;
  /** vCPUs per physical CPU requested (the pod requests 1/ratio CPU per vCPU). @default 10 */
  readonly cpuAllocationRatio?: number;
  /** Guest memory as a percentage of what the pod requests (over 100 overcommits). @default 100 */
  readonly memoryOvercommitPercentage?: number;
  /** @default - the operator's default (LiveMigrate on clusters that can) */
  readonly evictionStrategy?: EvictionStrategy;
  /** @default UninstallStrategy.BLOCK_UNINSTALL_IF_WORKLOADS_EXIST */
  readonly uninstallStrategy?: UninstallStrategy;
  /**
   * Software emulation for nodes without hardware virtualization, through a JSON patch of the
   * KubeVirt CR (annotation `kubevirt.kubevirt.io/jsonpatch`). The operator then reports a
   * tainted, unsupported configuration. When the operator's Subscription is managed here,
   * `OpenShiftVirtualization({ emulation: true })` uses the supported way instead.
   * @default false
   */
  readonly emulation?: boolean;
  /**
   * Further JSON patches for the KubeVirt CR the operator generates (unsupported by Red Hat).
   * @default - none
   */
  readonly kubevirtJsonPatches?: JsonPatchOperation[];
}

/**
 * The HyperConverged CR of the HyperConverged Cluster Operator (OpenShift Virtualization, or
 * its community build): one object that configures KubeVirt, CDI, networking add-ons and SSP.
 *
 * @see https://github.com/kubevirt/hyperconverged-cluster-operator/blob/main/docs/cluster-configuration.md
 */
export class HyperConverged extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'hyperconvergeds';
  /** The JSON patches written to the KubeVirt jsonpatch annotation, in order. */
  public readonly kubevirtJsonPatches: JsonPatchOperation[];
  /** The object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: HyperConvergedProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'HyperConvergedProps', '{ namespace: "openshift-cnv" }');
      const name = props.name ?? HYPERCONVERGED_NAME;
      const namespace = props.namespace ?? 'openshift-cnv';
      const apiVersion = props.apiVersion ?? HyperConvergedApiVersion.V1BETA1;
      this.checkIdentity(name, namespace, apiVersion);
      const parts = this.renderParts(props, namespace, apiVersion === HyperConvergedApiVersion.V1);
      this.checkSettings(props);
      this.kubevirtJsonPatches = [
        // Patch the member: the operator fills developerConfiguration with feature gates itself.
        ...(props.emulation ? [{ op: JsonPatchOp.ADD, path: '/spec/configuration/developerConfiguration/useEmulation', value: true }] : []),
        ...(props.kubevirtJsonPatches ?? []).map((patch, i) => this.checkJsonPatch(patch, i)),
      ];

      const v1 = apiVersion === HyperConvergedApiVersion.V1;
      const patches = this.kubevirtJsonPatches;
      this.apiObject = new ApiObject(this, 'Resource', {
        ...(v1 ? hcoL1().HyperConverged.GVK : hcoL1().HyperConvergedV1Beta1.GVK),
        metadata: {
          name,
          namespace,
          annotations: patches.length > 0 ? { [KUBEVIRT_JSONPATCH_ANNOTATION]: JSON.stringify(patches) } : undefined,
        },
        spec: compact(v1 ? v1Spec(props, parts) : v1beta1Spec(props, parts)),
      });
      setDeploymentPhase(this, DeploymentPhase.CLUSTER);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The API version written. */
  public get apiVersion(): HyperConvergedApiVersion {
    return this.apiObject.apiVersion as HyperConvergedApiVersion;
  }

  /** The namespace. */
  public get namespace(): string {
    return this.apiObject.metadata.namespace!;
  }

  private checkIdentity(name: string, namespace: string, apiVersion: HyperConvergedApiVersion): void {
    if (name !== HYPERCONVERGED_NAME) {
      throw constructError(this, `name ${show(name)} is not accepted: the operator reconciles only a HyperConverged named "${HYPERCONVERGED_NAME}"; leave name out`);
    }
    const nsProblem = dnsLabelProblem(namespace);
    if (nsProblem) throw constructError(this, `namespace ${show(namespace)} ${nsProblem}`);
    const badVersion = notOneOf(apiVersion, HyperConvergedApiVersion);
    if (badVersion) throw constructError(this, `apiVersion ${show(apiVersion)} ${badVersion}`);
  }

  /** Checks and renders the nested settings (the same shapes in both API versions). */
  private renderParts(props: HyperConvergedProps, namespace: string, v1: boolean): SpecParts {
    const errorFor = (problem: string) => constructError(this, problem);
    return {
      liveMigration: props.liveMigration ? renderLiveMigration('liveMigration', props.liveMigration, namespace, errorFor, this) : undefined,
      featureGates: renderHcoFeatureGates(props.featureGates ?? {}, v1, errorFor),
      workloadUpdate: props.workloadUpdateStrategy ? renderWorkloadUpdate(props.workloadUpdateStrategy, errorFor) : undefined,
      infra: props.infra ? renderNodePlacement('infra', props.infra, errorFor) : undefined,
      workloads: props.workloads ? renderNodePlacement('workloads', props.workloads, errorFor) : undefined,
    };
  }

  /** Checks the scalar settings (storage classes, ratios, strategies). */
  private checkSettings(props: HyperConvergedProps): void {
    const fail = (problem: string): never => {
      throw constructError(this, problem);
    };
    for (const field of ['vmStateStorageClass', 'scratchSpaceStorageClass'] as const) {
      const value = props[field];
      const problem = value === undefined ? undefined : dnsSubdomainProblem(value);
      if (problem) fail(`${field} ${show(value)} ${problem}`);
    }
    if (props.cpuAllocationRatio !== undefined && !(Number.isInteger(props.cpuAllocationRatio) && props.cpuAllocationRatio >= 1)) {
      fail(`cpuAllocationRatio ${show(props.cpuAllocationRatio)} must be a whole number of at least 1 (10 means a vCPU requests 100m of a host CPU)`);
    }
    const overcommitPercentage = props.memoryOvercommitPercentage;
    if (overcommitPercentage !== undefined && !(Number.isInteger(overcommitPercentage) && overcommitPercentage >= 10)) {
      fail(`memoryOvercommitPercentage ${show(overcommitPercentage)} must be a whole number of at least 10 (100 means no overcommit)`);
    }
    for (const [field, value, enumObject] of [
      ['evictionStrategy', props.evictionStrategy, EvictionStrategy],
      ['uninstallStrategy', props.uninstallStrategy, UninstallStrategy],
    ] as const) {
      const problem = value === undefined ? undefined : notOneOf(value, enumObject);
      if (problem) fail(`${field} ${show(value)} ${problem}`);
    }
  }

  private checkJsonPatch(patch: JsonPatchOperation, i: number): JsonPatchOperation {
    const where = `kubevirtJsonPatches[${i}]`;
    const badOp = notOneOf(patch?.op, JsonPatchOp);
    if (badOp) throw constructError(this, `${where}.op ${show(patch?.op)} ${badOp}`);
    for (const field of ['path', 'from'] as const) {
      const value = patch[field];
      if (value === undefined && field === 'from') continue;
      if (typeof value !== 'string' || !value.startsWith('/')) {
        throw constructError(this, `${where}.${field} ${show(value)} is not a JSON pointer: write it from the CR's root, e.g. "/spec/configuration/developerConfiguration/featureGates/-"`);
      }
    }
    const needsValue = ['add', 'replace', 'test'].includes(patch.op);
    if (needsValue && patch.value === undefined) throw constructError(this, `${where}: op ${show(patch.op)} needs a value`);
    const needsFrom = ['copy', 'move'].includes(patch.op);
    if (needsFrom && patch.from === undefined) throw constructError(this, `${where}: op ${show(patch.op)} needs from`);
    return JSON.parse(JSON.stringify({ op: patch.op, path: patch.path, value: patch.value, from: patch.from }));
  }
}

/** The checked, rendered parts of a HyperConverged spec. */
interface SpecParts {
  readonly liveMigration?: Record<string, unknown>;
  readonly featureGates?: unknown;
  readonly workloadUpdate?: Record<string, unknown>;
  readonly infra?: Record<string, unknown>;
  readonly workloads?: Record<string, unknown>;
}

/** The spec of `hco.kubevirt.io/v1`: fields grouped under deployment, storage and virtualization. */
function v1Spec(props: HyperConvergedProps, parts: SpecParts): Record<string, unknown> {
  const { infra, workloads } = parts;
  return {
    featureGates: parts.featureGates,
    deployment: compact({
      nodePlacements: infra || workloads ? compact({ infra, workload: workloads }) : undefined,
      uninstallStrategy: props.uninstallStrategy,
    }),
    storage: compact({ vmStateStorageClass: props.vmStateStorageClass, scratchSpaceStorageClass: props.scratchSpaceStorageClass }),
    virtualization: compact({
      liveMigrationConfig: parts.liveMigration,
      workloadUpdateStrategy: parts.workloadUpdate,
      vmiCPUAllocationRatio: props.cpuAllocationRatio,
      higherWorkloadDensity: overcommitOf(props),
      evictionStrategy: props.evictionStrategy,
    }),
  };
}

/** The spec of `hco.kubevirt.io/v1beta1`: the flat layout. */
function v1beta1Spec(props: HyperConvergedProps, parts: SpecParts): Record<string, unknown> {
  const placement = (p?: Record<string, unknown>) => (p ? { nodePlacement: p } : undefined);
  const ratio = props.cpuAllocationRatio;
  return {
    featureGates: parts.featureGates,
    liveMigrationConfig: parts.liveMigration,
    workloadUpdateStrategy: parts.workloadUpdate,
    infra: placement(parts.infra),
    workloads: placement(parts.workloads),
    vmStateStorageClass: props.vmStateStorageClass,
    scratchSpaceStorageClass: props.scratchSpaceStorageClass,
    resourceRequirements: ratio === undefined ? undefined : { vmiCPUAllocationRatio: ratio },
    higherWorkloadDensity: overcommitOf(props),
    evictionStrategy: props.evictionStrategy,
    uninstallStrategy: props.uninstallStrategy,
  };
}

function overcommitOf(props: HyperConvergedProps): Record<string, number> | undefined {
  return props.memoryOvercommitPercentage === undefined ? undefined : { memoryOvercommitPercentage: props.memoryOvercommitPercentage };
}
