import { ApiObject, ApiObjectMetadata, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { durationValue, enumValue, metadataValue, requireVm } from './inputs';
import { claimVolumeNames, instanceSpecOf, vmLabel, volumeNames, warn } from './source-vm';
import * as snapshot from '../../imports/snapshot.kubevirt.io';
import { assertPropsObject } from '../common/errors';
import { VirtualMachine } from '../compute/virtual-machine';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { withdrawRefused } from '../network/refused-construct';

/** What happens to the snapshot's content (the volume snapshots) when the snapshot is deleted. */
export enum SnapshotDeletionPolicy {
  /** The content and its volume snapshots are deleted with it. */
  DELETE = 'Delete',
  /** The content is kept (clean it up yourself). */
  RETAIN = 'Retain',
}

/** Properties of `VirtualMachineSnapshot`. */
export interface VirtualMachineSnapshotProps {
  /** The VM to snapshot: its definition and the disks on PersistentVolumeClaims or DataVolumes. */
  readonly vm: VirtualMachine;
  /**
   * Name (and labels, annotations) of the snapshot; its namespace is the VM's.
   * @default - a name generated from the construct path
   */
  readonly metadata?: Omit<ApiObjectMetadata, 'namespace'>;
  /**
   * What happens to the volume snapshots when this snapshot is deleted.
   * @default - KubeVirt's default, SnapshotDeletionPolicy.DELETE
   */
  readonly deletionPolicy?: SnapshotDeletionPolicy;
  /**
   * How long the snapshot may take before KubeVirt marks it failed (and thaws the guest);
   * `Duration.seconds(0)` means no deadline.
   * @default - KubeVirt's default, 5 minutes
   */
  readonly failureDeadline?: Duration;
}

/**
 * A snapshot of a declared VM (`VirtualMachineSnapshot`, snapshot.kubevirt.io/v1beta1): its
 * definition and a CSI VolumeSnapshot of each disk on a PersistentVolumeClaim or DataVolume.
 * Keep it in a day-2 chart applied when you want the snapshot: applying it takes one, once.
 *
 * What is known offline is checked at synth: a VM with no disk on a claim gets a warning (the
 * snapshot would hold its definition only). What is not: a disk is snapshotted only if a
 * VolumeSnapshotClass exists for its storage class's provisioner (or the CDI StorageProfile
 * names one); other disks are left out and the snapshot reports `PartialSnapshot`. A running VM
 * is snapshotted online: with the guest agent, file systems are frozen first; without it the
 * disks are crash-consistent. KubeVirt needs its `Snapshot` feature gate (Beta, on by default
 * since 1.9; a cluster can disable it).
 *
 * @see https://kubevirt.io/user-guide/storage/snapshot_restore_api/
 */
export class VirtualMachineSnapshot extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachinesnapshots';
  /** The snapshot object. */
  public readonly apiObject: ApiObject;
  /** The VM snapshotted. */
  public readonly vm: VirtualMachine;

  public constructor(scope: Construct, id: string, props: VirtualMachineSnapshotProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VirtualMachineSnapshotProps', '{ vm }');
      this.vm = requireVm(this, 'vm', props.vm, 'the snapshot takes its namespace and checks its disks');
      const metadata = metadataValue(this, props.metadata);
      this.assertMetadataName(metadata);
      const deletionPolicy = enumValue(this, 'deletionPolicy', props.deletionPolicy, SnapshotDeletionPolicy);
      const failureDeadline = durationValue(this, 'failureDeadline', props.failureDeadline);
      const namespace = this.vm.namespace;
      this.apiObject = new snapshot.VirtualMachineSnapshot(this, 'Resource', {
        metadata: { ...metadata, ...(namespace !== undefined ? { namespace } : {}) },
        spec: {
          source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: this.vm.name },
          deletionPolicy,
          failureDeadline,
        },
      });
      setDeploymentPhase(this, DeploymentPhase.WORKLOADS);
      this.node.addValidation({ validate: () => this.warnings() });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  private warnings(): string[] {
    const spec = instanceSpecOf(this.vm);
    if (spec && claimVolumeNames(spec).length === 0) {
      const volumes = volumeNames(spec);
      const which = volumes.length === 0 ? 'it has no volumes' : `its volumes (${volumes.map((v) => JSON.stringify(v)).join(', ')}) are not PersistentVolumeClaims or DataVolumes`;
      warn(this, [`VirtualMachine ${JSON.stringify(vmLabel(this.vm))} has no disk a snapshot can hold (${which}): the snapshot keeps its definition only`]);
    }
    return [];
  }
}
