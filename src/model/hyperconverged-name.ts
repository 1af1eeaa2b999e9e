/**
 * The one name the HyperConverged operator reconciles (HCO v1.18.1 api/v1/hyperconverged_types.go
 * HyperConvergedName): what the HyperConverged construct writes and the hco-name rule checks YAML against.
 */
export const HYPERCONVERGED_NAME = 'kubevirt-hyperconverged';
