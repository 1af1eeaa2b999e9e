// Flux health checks for the same kinds as the Argo CD scripts, with the same meaning, as
// entries of a kustomize.toolkit.fluxcd.io/v1 Kustomization's `spec.healthCheckExprs`
// (Flux v2.5.0 / kustomize-controller v1.5.0 and later; older CRDs reject the field).
//
// How Flux reads an entry (fluxcd/kustomize-controller@v1.9.4:docs/spec/v1/kustomizations.md,
// fluxcd/pkg runtime/cel/status_evaluator.go): it matches on the API group of `apiVersion`
// (the version is ignored) and `kind`; it first reports InProgress when
// status.observedGeneration differs from metadata.generation; then the first of
// `inProgress`, `failed`, `current` that is true gives InProgress, Failed or Current; when none
// is, InProgress. The object's top-level fields are the variables (`metadata`, `spec`,
// `status`). An expression that fails to evaluate (a missing field) is an error and Flux keeps
// waiting until the Kustomization's timeout, so every field below is guarded with has(); an
// object with no `status` at all cannot be guarded (has() needs a field of a variable) and
// waits that way, which is what "no status yet" should do.
//
// Where Argo CD has Suspended (a paused VM, a paused multi-stage import) Flux has no such
// state: none of the expressions is true and the object stays InProgress.
import { CDI_STATUS_SHAPE } from './cdi-health';
import { DATA_VOLUME_ERROR_REASONS, DATA_VOLUME_FAILED_PHASES, DATA_VOLUME_READY_PHASES } from './data-volume-health';
import { HYPERCONVERGED_STATUS_SHAPE } from './hyperconverged-health';
import { KUBEVIRT_STATUS_SHAPE } from './kubevirt-health';
import { OperatorCrHealthOptions } from './operator-cr-health';
import { VM_ERROR_STATUSES, VM_STOPPED_RUN_STRATEGIES } from './virtual-machine-health';

/** One entry of a Flux Kustomization's `spec.healthCheckExprs`. */
export interface FluxHealthCheckExpr {
  /** apiVersion of the custom resource (Flux matches its group only). */
  readonly apiVersion: string;
  /** Kind of the custom resource. */
  readonly kind: string;
  /** CEL: true when the resource is ready (Current). */
  readonly current: string;
  /** CEL: true while the resource is still being reconciled (checked first). */
  readonly inProgress?: string;
  /** CEL: true when the resource failed (checked second). */
  readonly failed?: string;
}

function celList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(', ')}]`;
}

function conditionIs(type: string, status: string): string {
  return `(has(status.conditions) && status.conditions.exists(c, c.type == '${type}' && c.status == '${status}'))`;
}

function phaseIn(phases: readonly string[]): string {
  return `(has(status.phase) && status.phase in ${celList(phases)})`;
}

const OPERATOR_READY = [
  conditionIs('Available', 'True'), conditionIs('Progressing', 'False'), conditionIs('Degraded', 'False'),
].join(' && ');

// A condition of its own generation (metav1.Condition) that is behind the object's.
const STALE_CONDITION = "(has(metadata.generation) && has(status.conditions) && status.conditions.exists(c, c.type in ['Available', 'Progressing', 'Degraded'] && has(c.observedGeneration) && c.observedGeneration != metadata.generation))";

const BEING_DELETED = 'has(metadata.deletionTimestamp)';

// Same order as the Lua script: deletion, a stale status, an update under way, then failure, then ready.
function operatorCrExprs(apiVersion: string, shape: OperatorCrHealthOptions): FluxHealthCheckExpr {
  const inProgress = [BEING_DELETED];
  if (shape.conditionGenerations) inProgress.push(STALE_CONDITION);
  if (shape.deployedPhase) inProgress.push(phaseIn(['Deleting', 'Deleted']));
  inProgress.push(conditionIs('Progressing', 'True'));
  const failed = [conditionIs('Degraded', 'True')];
  if (shape.errorPhase) failed.push(phaseIn([shape.errorPhase]));
  const current = shape.deployedPhase ? `${phaseIn(['Deployed'])} && ${OPERATOR_READY}` : OPERATOR_READY;
  return { apiVersion, kind: shape.kind, inProgress: inProgress.join(' || '), failed: failed.join(' || '), current };
}

const VM_READY = `((has(status.ready) && status.ready == true) || ${conditionIs('Ready', 'True')})`;

// KubeVirt's VirtualMachine.RunStrategy(): running true is Always, running false and no field are Halted.
const VM_STOPPED_ON_PURPOSE = `(has(spec.running) ? spec.running == false : (!has(spec.runStrategy) || spec.runStrategy in ${celList(VM_STOPPED_RUN_STRATEGIES)}))`;

const VM_CURRENT = [
  `((!has(status.printableStatus) || status.printableStatus == 'Running') && ${VM_READY})`,
  `(has(status.printableStatus) && status.printableStatus == 'Stopped' && ${VM_STOPPED_ON_PURPOSE})`,
  "(has(status.printableStatus) && status.printableStatus == 'WaitingForReceiver' && !has(spec.running) && has(spec.runStrategy) && spec.runStrategy == 'WaitAsReceiver')",
].join(' || ');

const DATA_VOLUME_POD_FAILED = `(has(status.conditions) && status.conditions.exists(c, c.type == 'Running' && c.status == 'False' && has(c.reason) && c.reason in ${celList(DATA_VOLUME_ERROR_REASONS)}))`;

/**
 * `spec.healthCheckExprs` entries for HyperConverged, KubeVirt, CDI, VirtualMachine and
 * DataVolume, sorted by apiVersion then kind. Use them with `spec.wait: true` (or the objects
 * listed in `spec.healthChecks`). A VirtualMachine edited since its VMI started keeps an older
 * status.observedGeneration, and Flux's own generation check then holds it InProgress until
 * it restarts; the expressions cannot override that check.
 */
export const FLUX_HEALTH_CHECK_EXPRS: readonly FluxHealthCheckExpr[] = Object.freeze([
  operatorCrExprs('cdi.kubevirt.io/v1beta1', CDI_STATUS_SHAPE),
  {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    failed: `${phaseIn(DATA_VOLUME_FAILED_PHASES)} || ${DATA_VOLUME_POD_FAILED}`,
    current: phaseIn(DATA_VOLUME_READY_PHASES),
  },
  operatorCrExprs('hco.kubevirt.io/v1beta1', HYPERCONVERGED_STATUS_SHAPE),
  operatorCrExprs('kubevirt.io/v1', KUBEVIRT_STATUS_SHAPE),
  {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    failed: `has(status.printableStatus) && status.printableStatus in ${celList(VM_ERROR_STATUSES)}`,
    current: VM_CURRENT,
  },
]);
