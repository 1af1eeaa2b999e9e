import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { LiveMigrationSettings, renderLiveMigration } from './live-migration-settings';
import { NodePlacement, renderNodePlacement } from './node-placement';
import { EvictionStrategy, WorkloadUpdateStrategy, renderWorkloadUpdate } from './workload-update';
import * as hco from '../../imports/hco.kubevirt.io';
import { constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { compact } from '../common/objects';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { AppValidation } from '../validation/app-validation';

/** The one name the HyperConverged operator reconciles. */
export const HYPERCONVERGED_NAME = 'kubevirt-hyperconverged';
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

/** Feature gates of `hco.kubevirt.io/v1beta1` (a fixed set of fields in that version's schema). */
export const V1BETA1_FEATURE_GATES: readonly string[] = [
  'alignCPUs', 'autoResourceLimits', 'containerPathVolumes', 'decentralizedLiveMigration', 'declarativeHotplugVolumes',
  'deployKubeSecondaryDNS', 'deployKubevirtIpamController', 'deployTektonTaskResources', 'deployVmConsoleProxy',
  'disableMDevConfiguration', 'downwardMetrics', 'enableApplicationAwareQuota', 'enableCommonBootImageImport',
  'enableManagedTenantQuota', 'enableMultiArchBootImageImport', 'incrementalBackup', 'nonRoot', 'objectGraph',
  'persistentReservation', 'primaryUserDefinedNetworkBinding', 'videoConfig', 'withHostPassthroughCPU',
];

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
export class HyperConverged extends Construct {
  /** The API version written. */
  public readonly apiVersion: HyperConvergedApiVersion;
  /** The namespace. */
  public readonly namespace: string;
  /** The JSON patches written to the KubeVirt jsonpatch annotation, in order. */
  public readonly kubevirtJsonPatches: JsonPatchOperation[];
  /** The object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: HyperConvergedProps = {}) {
    super(scope, id);
    AppValidation.of(this);
    const fail = (problem: string): never => {
      throw constructError(this, problem);
    };
    const name = props.name ?? HYPERCONVERGED_NAME;
    if (name !== HYPERCONVERGED_NAME) {
      fail(`name ${show(name)} is not accepted: the operator reconciles only a HyperConverged named "${HYPERCONVERGED_NAME}"; leave name out`);
    }
    this.namespace = props.namespace ?? 'openshift-cnv';
    const nsProblem = dnsLabelProblem(this.namespace);
    if (nsProblem) fail(`namespace ${show(this.namespace)} ${nsProblem}`);
    this.apiVersion = props.apiVersion ?? HyperConvergedApiVersion.V1BETA1;
    const badVersion = notOneOf(this.apiVersion, HyperConvergedApiVersion);
    if (badVersion) fail(`apiVersion ${show(this.apiVersion)} ${badVersion}`);
    const v1 = this.apiVersion === HyperConvergedApiVersion.V1;
    const errorFor = (problem: string) => constructError(this, problem);

    const liveMigration = props.liveMigration ? renderLiveMigration('liveMigration', props.liveMigration, this.namespace, errorFor) : undefined;
    const featureGates = this.renderFeatureGates(props.featureGates ?? {}, v1);
    const workloadUpdate = props.workloadUpdateStrategy ? renderWorkloadUpdate(props.workloadUpdateStrategy, errorFor) : undefined;
    const infra = props.infra ? renderNodePlacement('infra', props.infra, errorFor) : undefined;
    const workloads = props.workloads ? renderNodePlacement('workloads', props.workloads, errorFor) : undefined;
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
    this.kubevirtJsonPatches = [
      // Patch the member: the operator fills developerConfiguration with feature gates itself.
      ...(props.emulation ? [{ op: JsonPatchOp.ADD, path: '/spec/configuration/developerConfiguration/useEmulation', value: true }] : []),
      ...(props.kubevirtJsonPatches ?? []).map((patch, i) => this.checkJsonPatch(patch, i)),
    ];

    const placement = (p?: Record<string, unknown>) => (p ? { nodePlacement: p } : undefined);
    const ratio = props.cpuAllocationRatio;
    const overcommit = props.memoryOvercommitPercentage === undefined ? undefined : { memoryOvercommitPercentage: props.memoryOvercommitPercentage };
    const spec = v1
      ? {
        featureGates,
        deployment: compact({
          nodePlacements: infra || workloads ? compact({ infra, workload: workloads }) : undefined,
          uninstallStrategy: props.uninstallStrategy,
        }),
        storage: compact({ vmStateStorageClass: props.vmStateStorageClass, scratchSpaceStorageClass: props.scratchSpaceStorageClass }),
        virtualization: compact({
          liveMigrationConfig: liveMigration,
          workloadUpdateStrategy: workloadUpdate,
          vmiCPUAllocationRatio: ratio,
          higherWorkloadDensity: overcommit,
          evictionStrategy: props.evictionStrategy,
        }),
      }
      : {
        featureGates,
        liveMigrationConfig: liveMigration,
        workloadUpdateStrategy: workloadUpdate,
        infra: placement(infra),
        workloads: placement(workloads),
        vmStateStorageClass: props.vmStateStorageClass,
        scratchSpaceStorageClass: props.scratchSpaceStorageClass,
        resourceRequirements: ratio === undefined ? undefined : { vmiCPUAllocationRatio: ratio },
        higherWorkloadDensity: overcommit,
        evictionStrategy: props.evictionStrategy,
        uninstallStrategy: props.uninstallStrategy,
      };
    const gvk = v1 ? hco.HyperConverged.GVK : hco.HyperConvergedV1Beta1.GVK;
    this.apiObject = new ApiObject(this, 'Resource', {
      ...gvk,
      metadata: {
        name,
        namespace: this.namespace,
        annotations: this.kubevirtJsonPatches.length > 0 ? { [KUBEVIRT_JSONPATCH_ANNOTATION]: JSON.stringify(this.kubevirtJsonPatches) } : undefined,
      },
      spec: compact(spec),
    });
    setDeploymentPhase(this, DeploymentPhase.CLUSTER);
  }

  private renderFeatureGates(gates: Record<string, boolean>, v1: boolean): unknown {
    const entries = Object.entries(gates);
    for (const [name, enabled] of entries) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(name)) {
        throw constructError(this, `feature gate ${show(name)} is not a feature gate name: the operator's gates are lowerCamelCase, e.g. "downwardMetrics"`);
      }
      if (typeof enabled !== 'boolean') throw constructError(this, `feature gate ${show(name)}: ${show(enabled)} must be true (on) or false (off)`);
      if (!v1 && !V1BETA1_FEATURE_GATES.includes(name)) {
        throw constructError(this, `feature gate ${show(name)} is not one of hco.kubevirt.io/v1beta1's gates (${V1BETA1_FEATURE_GATES.join(', ')}): check the name, or use apiVersion HyperConvergedApiVersion.V1, which takes any gate`);
      }
    }
    if (entries.length === 0) return undefined;
    return v1
      ? entries.map(([name, enabled]) => ({ name, state: enabled ? 'Enabled' : 'Disabled' }))
      : Object.fromEntries(entries);
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
