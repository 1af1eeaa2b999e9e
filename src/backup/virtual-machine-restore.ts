import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { JsonPatch, enumValue, metadataValue, optionalString, renderPatches, requireVm } from './inputs';
import { VolumeRestoreOverride, checkOverrides } from './restore-checks';
import { backendStorageUsers, claimVolumeNames, declaredRunning, fixedAddresses, instanceSpecOf, vmLabel, warn } from './source-vm';
import { VirtualMachineSnapshot } from './virtual-machine-snapshot';
import * as snapshot from '../../imports/snapshot.kubevirt.io';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { VirtualMachine } from '../compute/virtual-machine';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { restorePatchProblem } from '../model/restore-patches';
import { withdrawRefused } from '../network/refused-construct';

export { VolumeRestoreOverride } from './restore-checks';

/** What the restore does when its target VM is running (or otherwise not ready). */
export enum TargetReadinessPolicy {
  /** KubeVirt stops the target VM, restores, and keeps its run strategy. */
  STOP_TARGET = 'StopTarget',
  /** Wait 5 minutes for someone to stop the VM, then fail (KubeVirt's default). */
  WAIT_GRACE_PERIOD = 'WaitGracePeriod',
  /** Fail at once. */
  FAIL_IMMEDIATE = 'FailImmediate',
  /** Wait as long as it takes. */
  WAIT_EVENTUALLY = 'WaitEventually',
}

/** How the restored claims are named. */
export enum VolumeRestorePolicy {
  /** `restore-<restore uid>-<volume>`: new claims next to the old ones (KubeVirt's default). */
  RANDOMIZE_NAMES = 'RandomizeNames',
  /** The snapshotted claims' own names: the current claims are deleted and replaced. */
  IN_PLACE = 'InPlace',
  /** `<target VM>-<volume>` (KubeVirt 1.8 and later). */
  PREFIX_TARGET_NAME = 'PrefixTargetName',
}

/** Properties of `VirtualMachineRestore`. */
export interface VirtualMachineRestoreProps {
  /**
   * The snapshot to restore, declared in this app.
   * @default - `snapshotName` names one
   */
  readonly snapshot?: VirtualMachineSnapshot;
  /**
   * Name of a snapshot taken outside this app (by hand or a schedule) of `vm`.
   * @default - `snapshot` is given
   */
  readonly snapshotName?: string;
  /**
   * The declared VM `snapshotName` was taken of (its namespace and disks are the restore's).
   * @default - the VM of `snapshot`
   */
  readonly vm?: VirtualMachine;
  /**
   * Name of the VM to restore into; a name no VM has yet creates a new VM.
   * @default - the snapshotted VM (restore in place)
   */
  readonly targetName?: string;
  /**
   * Name (and labels, annotations) of the restore; its namespace is the VM's.
   * @default - a name generated from the construct path
   */
  readonly metadata?: Omit<ApiObjectMetadata, 'namespace'>;
  /**
   * What to do when the target VM is running.
   * @default - KubeVirt's default, TargetReadinessPolicy.WAIT_GRACE_PERIOD
   */
  readonly targetReadinessPolicy?: TargetReadinessPolicy;
  /**
   * How the restored claims are named.
   * @default - KubeVirt's default, VolumeRestorePolicy.RANDOMIZE_NAMES
   */
  readonly volumeRestorePolicy?: VolumeRestorePolicy;
  /**
   * Names, labels or annotations of single restored claims.
   * @default - none
   */
  readonly volumeRestoreOverrides?: VolumeRestoreOverride[];
  /**
   * JSON patches applied to a new VM before it is created (only when restoring into a new VM).
   * @default - none
   */
  readonly patches?: JsonPatch[];
}

/**
 * A restore of a VM snapshot (`VirtualMachineRestore`, snapshot.kubevirt.io/v1beta1), into the
 * snapshotted VM or into a new VM. Keep it in a day-2 chart: applying it restores once, and
 * KubeVirt refuses a second restore to the same target while one is in progress.
 *
 * Synth fails for what KubeVirt's restore webhook refuses and what can be judged from the
 * declared VM: an override naming no disk of it, restoring a VM with a persistent TPM or EFI
 * variables into another VM, IN_PLACE claims for a new VM (they would replace the source VM's).
 * Warnings: an in-place restore of a running VM (it waits for a stop unless STOP_TARGET), an
 * in-place restore that renames the claims (the VM as this app declares it names the old ones,
 * so the next apply puts them back: use IN_PLACE), a new VM with the source's fixed addresses.
 *
 * @see https://kubevirt.io/user-guide/storage/snapshot_restore_api/
 */
export class VirtualMachineRestore extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachinerestores';
  /** The restore object. */
  public readonly apiObject: ApiObject;
  /** The snapshotted VM. */
  public readonly vm: VirtualMachine;
  /** The snapshot restored. */
  public readonly snapshotName: string;
  /** The VM restored into. */
  public readonly targetName: string;
  private readonly policy?: VolumeRestorePolicy;
  private readonly readiness?: TargetReadinessPolicy;
  /** The snapshot is a construct of this app, so it is likely applied together with the restore. */
  private readonly snapshotDeclared: boolean;
  private readonly overrides?: VolumeRestoreOverride[];

  public constructor(scope: Construct, id: string, props: VirtualMachineRestoreProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VirtualMachineRestoreProps', '{ snapshot }');
      const source = this.resolveSource(props);
      this.vm = source.vm;
      this.snapshotName = source.snapshotName;
      this.snapshotDeclared = props.snapshot !== undefined;
      const metadata = metadataValue(this, props.metadata);
      this.assertMetadataName(metadata);
      this.targetName = optionalString(this, 'targetName', props.targetName) ?? this.vm.name;
      const targetProblem = dnsSubdomainProblem(this.targetName);
      if (targetProblem) throw constructError(this, `targetName ${show(this.targetName)} ${targetProblem}`);
      this.readiness = enumValue(this, 'targetReadinessPolicy', props.targetReadinessPolicy, TargetReadinessPolicy);
      this.policy = enumValue(this, 'volumeRestorePolicy', props.volumeRestorePolicy, VolumeRestorePolicy);
      if (this.policy === VolumeRestorePolicy.IN_PLACE && !this.inPlace) {
        throw constructError(this, `volumeRestorePolicy InPlace gives the new VM ${show(this.targetName)} the claims of VirtualMachine ${show(vmLabel(this.vm))}, which KubeVirt deletes and replaces: use VolumeRestorePolicy.PREFIX_TARGET_NAME or RANDOMIZE_NAMES`);
      }
      this.overrides = checkOverrides(this, props.volumeRestoreOverrides);
      const patches = this.checkPatches(props.patches);
      const namespace = this.vm.namespace;
      this.apiObject = new snapshot.VirtualMachineRestore(this, 'Resource', {
        metadata: { ...metadata, ...(namespace !== undefined ? { namespace } : {}) },
        spec: {
          target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: this.targetName },
          virtualMachineSnapshotName: this.snapshotName,
          // The same strings as the L1's enum (KubeVirt v1.9's CRD lists them).
          targetReadinessPolicy: this.readiness as snapshot.VirtualMachineRestoreSpecTargetReadinessPolicy | undefined,
          volumeRestorePolicy: this.policy,
          volumeRestoreOverrides: this.overrides,
          patches,
        },
      });
      setDeploymentPhase(this, DeploymentPhase.WORKLOADS);
      this.node.addValidation({ validate: () => this.problems() });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** Whether the restore goes into the snapshotted VM itself. */
  public get inPlace(): boolean {
    return this.targetName === this.vm.name;
  }

  private resolveSource(props: VirtualMachineRestoreProps): { vm: VirtualMachine; snapshotName: string } {
    if ((props.snapshot === undefined) === (props.snapshotName === undefined)) {
      throw constructError(this, 'give exactly one of snapshot (a VirtualMachineSnapshot of this app) and snapshotName (with vm, the VM it was taken of)');
    }
    if (props.snapshot !== undefined) {
      if (!(props.snapshot instanceof VirtualMachineSnapshot)) throw constructError(this, `snapshot ${show(props.snapshot)} must be a VirtualMachineSnapshot construct of this app (or give snapshotName and vm)`);
      if (props.vm !== undefined && props.vm !== props.snapshot.vm) {
        throw constructError(this, `vm is not the VM of snapshot ${show(props.snapshot.name)} (${show(vmLabel(props.snapshot.vm))}): leave vm out`);
      }
      return { vm: props.snapshot.vm, snapshotName: props.snapshot.name };
    }
    const snapshotName = optionalString(this, 'snapshotName', props.snapshotName)!;
    const nameProblem = dnsSubdomainProblem(snapshotName);
    if (nameProblem) throw constructError(this, `snapshotName ${show(snapshotName)} ${nameProblem}`);
    const vm = requireVm(this, 'vm', props.vm, 'the VM snapshotName was taken of: the restore takes its namespace and checks its disks');
    return { vm, snapshotName };
  }

  private checkPatches(patches: readonly JsonPatch[] | undefined): string[] | undefined {
    const rendered = renderPatches(this, 'patches', patches);
    if (rendered === undefined) return undefined;
    if (this.inPlace) {
      throw constructError(this, `patches apply only to a new VM, and this restore goes into VirtualMachine ${show(vmLabel(this.vm))} itself: give targetName for a new VM, or change the VM's declaration instead`);
    }
    rendered.forEach((patch, index) => {
      const problem = restorePatchProblem(patch);
      if (problem) throw constructError(this, `patches[${index}] ${patch} ${problem}`);
    });
    return rendered;
  }

  private problems(): string[] {
    const spec = instanceSpecOf(this.vm);
    if (!spec) return [];
    const label = show(vmLabel(this.vm));
    const claims = claimVolumeNames(spec);
    const errors = (this.overrides ?? [])
      .filter((override) => !claims.includes(override.volumeName))
      .map((override) => `volumeRestoreOverrides: VirtualMachine ${label} has no volume ${show(override.volumeName)} on a claim (it has ${claims.map((c) => show(c)).join(', ') || 'none'}): name one of those`);
    const backend = backendStorageUsers(spec);
    if (!this.inPlace && backend.length > 0) {
      errors.push(`VirtualMachine ${label} has ${backend.join(' and ')}, kept on backend storage, and KubeVirt refuses to restore such a VM into another VM (${show(this.targetName)}): restore it in place`);
    }
    warn(this, this.warnings());
    return errors;
  }

  private warnings(): string[] {
    const label = show(vmLabel(this.vm));
    const warnings: string[] = [];
    if (this.inPlace && this.policy !== VolumeRestorePolicy.IN_PLACE) {
      warnings.push(`the restore gives VirtualMachine ${label} claims with new names (volumeRestorePolicy ${this.policy ?? 'RandomizeNames'}), but this app declares it with the old ones, so the next apply puts the old disks back: use VolumeRestorePolicy.IN_PLACE`);
    }
    const waits = this.readiness !== TargetReadinessPolicy.STOP_TARGET && this.readiness !== TargetReadinessPolicy.WAIT_EVENTUALLY;
    if (this.inPlace && declaredRunning(this.vm) && waits) {
      warnings.push(`VirtualMachine ${label} is declared running (runStrategy ${this.vm.runStrategy}), and the restore ${this.readiness === TargetReadinessPolicy.FAIL_IMMEDIATE ? 'fails at once' : 'fails after 5 minutes'} unless it is stopped: set targetReadinessPolicy: TargetReadinessPolicy.STOP_TARGET, or stop the VM first`);
    }
    if (!this.inPlace && this.snapshotDeclared) {
      // v1.9.0 pkg/storage/admitters/vmrestore.go: "snapshot content name is nil in vmSnapshot status".
      warnings.push(`KubeVirt refuses a restore into a new VM while its snapshot has no content yet, so this restore fails when applied with VirtualMachineSnapshot ${show(this.snapshotName)}: apply it once the snapshot is ready (kubectl wait vmsnapshot/${this.snapshotName} --for=condition=Ready)`);
    }
    const fixed = fixedAddresses(this.vm);
    if (!this.inPlace && fixed.length > 0) {
      warnings.push(`the new VM ${show(this.targetName)} is created halted with the fixed addresses of VirtualMachine ${label} (${fixed.join(', ')}): change its addresses before starting it, or the two clash`);
    }
    return warnings;
  }
}
