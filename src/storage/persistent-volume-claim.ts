import { ApiObject, ApiObjectMetadata, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { AccessMode, VolumeMode, accessModesProblem } from './storage-options';
import { assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { byteQuantity, canonicalQuantity } from '../common/quantity';
import { KubeResource } from '../core/kube-resource';
import { protectFromPrune } from '../gitops/prune-protection';
import { withdrawRefused } from '../network/refused-construct';

/** Properties of a `PersistentVolumeClaim`. */
export interface PersistentVolumeClaimProps {
  /**
   * Name, namespace, labels and annotations.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** Requested capacity, e.g. `Size.gibibytes(50)` or `"50Gi"`. */
  readonly size: Size | string;
  /**
   * Access modes.
   * @default [AccessMode.READ_WRITE_MANY] (shared storage, so the VM can live-migrate)
   */
  readonly accessModes?: AccessMode[];
  /**
   * Filesystem or Block.
   * @default - Kubernetes' default (Filesystem)
   */
  readonly volumeMode?: VolumeMode;
  /**
   * Storage class; `""` binds only to a pre-provisioned PersistentVolume without a class.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * Bind to this pre-provisioned PersistentVolume.
   * @default - any matching volume, or a new one from the storage class
   */
  readonly volumeName?: string;
  /**
   * Keep GitOps controllers from deleting the claim when it leaves Git or the application is
   * deleted (Argo CD `Prune=false,Delete=false`, Flux `prune: disabled`).
   * @default true
   */
  readonly pruneProtection?: boolean;
}

/**
 * A PersistentVolumeClaim for a VM disk, for storage you provision yourself (no CDI import).
 * Unlike a plain cdk8s-plus claim it defaults to ReadWriteMany and is protected from GitOps
 * pruning. It is a cdk8s-plus `IPersistentVolumeClaim`, so `VolumeSource.persistentVolumeClaim(claim)`
 * and cdk8s-plus workloads accept it.
 */
export class PersistentVolumeClaim extends KubeResource implements kplus.IPersistentVolumeClaim {
  /** @see kplus.Resource */
  public readonly resourceType = 'persistentvolumeclaims';
  /** The access modes requested. */
  public readonly accessModes: AccessMode[];
  /** The capacity as a Kubernetes quantity. */
  public readonly size: string;
  /** The volume mode, when set. */
  public readonly volumeMode?: VolumeMode;

  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: PersistentVolumeClaimProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'PersistentVolumeClaimProps', '{ size: "10Gi" }');
      const { quantity, problem } = byteQuantity(props.size);
      if (problem) throw constructError(this, `size ${show(props.size)} ${problem}`);
      this.size = quantity!;
      this.accessModes = props.accessModes ? [...props.accessModes] : [AccessMode.READ_WRITE_MANY];
      const modesProblem = accessModesProblem(this.accessModes);
      if (modesProblem) throw constructError(this, modesProblem);
      if (props.volumeMode !== undefined) {
        const bad = notOneOf(props.volumeMode, VolumeMode);
        if (bad) throw constructError(this, `volumeMode ${show(props.volumeMode)} ${bad}`);
      }
      for (const [field, value] of [['storageClassName', props.storageClassName], ['volumeName', props.volumeName]] as const) {
        // An empty storage class is meaningful (no dynamic provisioning); anything else must be a name.
        const bad = value === undefined || (field === 'storageClassName' && value === '') ? undefined : dnsSubdomainProblem(value);
        if (bad) throw constructError(this, `${field} ${show(value)} ${bad}`);
      }
      this.assertMetadataName(props.metadata);
      this.volumeMode = props.volumeMode;
      this.apiObject = new k8s.KubePersistentVolumeClaim(this, 'Resource', {
        metadata: props.metadata,
        spec: {
          accessModes: [...this.accessModes],
          resources: { requests: { storage: k8s.Quantity.fromString(canonicalQuantity(this.size)) } },
          storageClassName: props.storageClassName,
          volumeMode: props.volumeMode,
          volumeName: props.volumeName,
        },
      });
      if (props.pruneProtection ?? true) protectFromPrune(this.apiObject);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }
}
