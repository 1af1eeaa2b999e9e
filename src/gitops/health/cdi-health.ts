import { OperatorCrHealthOptions, operatorCrHealthLua } from './operator-cr-health';

// The CDI operator (controller-lifecycle-operator-sdk) sets status.phase (Deploying, Deployed,
// Upgrading, Deleting, Deleted, Error) and Available/Progressing/Degraded; it has no
// observedGeneration: kubevirt/containerized-data-importer@v1.66.0:
// vendor/kubevirt.io/controller-lifecycle-operator-sdk/api/types.go and pkg/sdk/cr-status.go (MarkCr*).

/** One line on what the CDI check reports. */
export const CDI_HEALTH_SUMMARY =
  'Healthy when the CDI operator reports phase Deployed with Available=True, Progressing=False, Degraded=False; Degraded on phase Error or Degraded=True when not progressing; else Progressing.';

/** How the CDI CR reports its status (shared by the Argo CD and Flux checks). */
export const CDI_STATUS_SHAPE: OperatorCrHealthOptions = {
  kind: 'CDI',
  operator: 'the CDI operator',
  deployedPhase: true,
  errorPhase: 'Error',
  conditionGenerations: false,
};

/** Argo CD health script of `cdi.kubevirt.io/CDI`. */
export const CDI_HEALTH_LUA = operatorCrHealthLua(CDI_STATUS_SHAPE);
