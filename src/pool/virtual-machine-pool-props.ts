import { Duration } from 'cdk8s';
import { PoolScaleInStrategy, PoolUpdateStrategy } from './pool-strategies';
import { VirtualMachineProps } from '../compute/virtual-machine-props';

/** The label KubeVirt's own pool example selects its VMs by (kubevirt/kubevirt examples/vm-pool-cirros.yaml). */
export const POOL_LABEL = 'kubevirt.io/vmpool';

/** Which references of the VM template get `-<index>` per replica (`spec.nameGeneration`). */
export interface PoolNameGeneration {
  /**
   * ConfigMap volumes of replica `i` name `<configmap>-<i>`: create one ConfigMap per index.
   * @default false
   */
  readonly appendIndexToConfigMapRefs?: boolean;
  /**
   * Secret volumes and cloud-init Secrets of replica `i` name `<secret>-<i>`: create one Secret
   * per index (not the Secret generated from `cloudInit.userData`, which is one for all).
   * @default false
   */
  readonly appendIndexToSecretRefs?: boolean;
}

/** When the pool replaces a VM that fails to start (`spec.autohealing`). */
export interface PoolAutohealing {
  /**
   * Consecutive start failures before the VM is replaced.
   * @default 3 (KubeVirt's default)
   */
  readonly startUpFailureThreshold?: number;
  /**
   * How long a VM must have been failing (not Ready) before it is replaced.
   * @default Duration.minutes(5) (KubeVirt's default)
   */
  readonly minFailingToStartDuration?: Duration;
}

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) on the pool's scale subresource, scaling by the
 * CPU use of the VMs' virt-launcher pods.
 */
export interface PoolAutoscaling {
  /**
   * The fewest VMs.
   * @default 1
   */
  readonly minReplicas?: number;
  /** The most VMs. */
  readonly maxReplicas: number;
  /**
   * The average CPU use to keep, in percent of the virt-launcher pods' CPU request.
   * @default 80
   */
  readonly targetCpuUtilization?: number;
}

/** Props of a `VirtualMachinePool`: every VM prop, for the VM template, and the pool's own. */
export interface VirtualMachinePoolProps extends VirtualMachineProps {
  /**
   * How many VMs the pool keeps. With `autoscaling`, leave it out: the autoscaler sets it, and a
   * value in Git would be set back on every sync.
   * @default - 1 (KubeVirt's default), or `autoscaling.minReplicas` set by the autoscaler
   */
  readonly replicas?: number;
  /**
   * The labels the pool selects its VMs by. They are written on the VM template and on the
   * VMs' pods, so Services and the autoscaler select the same VMs.
   * @default { "kubevirt.io/vmpool": <pool name> }
   */
  readonly selectorLabels?: Record<string, string>;
  /**
   * How many VMs may be unavailable during an update: a number, or a percentage such as "25%".
   * @default - KubeVirt's: "100%"
   */
  readonly maxUnavailable?: number | string;
  /**
   * Whether the pool stops creating and deleting VMs.
   * @default false
   */
  readonly paused?: boolean;
  /** @default - no index is appended to ConfigMap or Secret names */
  readonly nameGeneration?: PoolNameGeneration;
  /** @default - KubeVirt's: PoolScaleInStrategy.proactive() */
  readonly scaleInStrategy?: PoolScaleInStrategy;
  /** @default - KubeVirt's: PoolUpdateStrategy.proactive() */
  readonly updateStrategy?: PoolUpdateStrategy;
  /**
   * Replaces VMs that fail to start; `{}` turns it on with KubeVirt's thresholds.
   * @default - off: failing VMs are left as they are
   */
  readonly autohealing?: PoolAutohealing;
  /**
   * A HorizontalPodAutoscaler for the pool.
   * @default - none: the pool keeps `replicas`
   */
  readonly autoscaling?: PoolAutoscaling;
}
