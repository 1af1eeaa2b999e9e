import { OperatorCrHealthOptions, operatorCrHealthLua } from './operator-cr-health';

// HCO writes metav1.Conditions (each with its observedGeneration) and status.observedGeneration:
// kubevirt/hyperconverged-cluster-operator@v1.18.1:api/v1/hyperconverged_types.go (HyperConvergedStatus)
// and controllers/hyperconverged/hyperconverged_controller.go (setInitialConditions, aggregateComponentConditions).

/** One line on what the HyperConverged check reports. */
export const HYPERCONVERGED_HEALTH_SUMMARY =
  'Healthy when HCO reports Available=True, Progressing=False, Degraded=False for the current generation; Degraded when Degraded=True and not progressing; else Progressing.';

/** How the HyperConverged CR reports its status (shared by the Argo CD and Flux checks). */
export const HYPERCONVERGED_STATUS_SHAPE: OperatorCrHealthOptions = {
  kind: 'HyperConverged',
  operator: 'the HyperConverged Cluster Operator',
  deployedPhase: false,
  conditionGenerations: true,
};

/** Argo CD health script of `hco.kubevirt.io/HyperConverged` (both v1beta1 and v1). */
export const HYPERCONVERGED_HEALTH_LUA = operatorCrHealthLua(HYPERCONVERGED_STATUS_SHAPE);
