import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { PoolAutoscaling } from './virtual-machine-pool-props';
import { ChildMetadata } from '../core/kube-resource';

/** The object an autoscaler scales, through its scale subresource. */
export interface ScaleTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * A HorizontalPodAutoscaler on the pool's scale subresource. KubeVirt's pool CRD has one
 * (kubevirt/kubevirt v1.9.0 pkg/virt-operator/resource/generate/components/crds.go: spec.replicas,
 * status.replicas, status.labelSelector), and the label selector it reports is the pool's
 * selector, which the VMs' virt-launcher pods carry too: the autoscaler reads their CPU use.
 */
export function createPoolAutoscaler(
  scope: Construct, target: ScaleTarget, metadata: ChildMetadata, autoscaling: Required<PoolAutoscaling>,
): k8s.KubeHorizontalPodAutoscalerV2 {
  return new k8s.KubeHorizontalPodAutoscalerV2(scope, 'Autoscaler', {
    metadata,
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [{
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.targetCpuUtilization } },
      }],
    },
  });
}
