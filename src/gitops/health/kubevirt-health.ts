import { OperatorCrHealthOptions, operatorCrHealthLua } from './operator-cr-health';

// virt-operator sets status.phase (Deploying, Deployed, Deleting, Deleted), the conditions
// Available/Progressing/Degraded (all three True during an update) and status.observedGeneration
// once the deployment is ready: kubevirt/kubevirt@v1.9.0:staging/src/kubevirt.io/api/core/v1/types.go
// (KubeVirtStatus), pkg/virt-operator/util/client.go (UpdateConditions*) and pkg/virt-operator/kubevirt.go.

/** One line on what the KubeVirt check reports. */
export const KUBEVIRT_HEALTH_SUMMARY =
  'Healthy when virt-operator reports phase Deployed with Available=True, Progressing=False, Degraded=False for the current generation; Degraded when Degraded=True and not progressing; else Progressing.';

/** How the KubeVirt CR reports its status (shared by the Argo CD and Flux checks). */
export const KUBEVIRT_STATUS_SHAPE: OperatorCrHealthOptions = {
  kind: 'KubeVirt',
  operator: 'virt-operator',
  deployedPhase: true,
  conditionGenerations: false,
};

/** Argo CD health script of `kubevirt.io/KubeVirt`. */
export const KUBEVIRT_HEALTH_LUA = operatorCrHealthLua(KUBEVIRT_STATUS_SHAPE);
