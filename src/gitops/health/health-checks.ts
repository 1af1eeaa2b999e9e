// Argo CD health checks for the objects kubevirt-constructs emits. Argo CD waits for a sync
// wave only until the objects of the earlier waves report Healthy, so each kind needs a check
// that is Healthy exactly when the next phase can start (and never for a half-ready operator).
import { APPLICATION_HEALTH_LUA, APPLICATION_HEALTH_SUMMARY } from './application-health';
import { CDI_HEALTH_LUA, CDI_HEALTH_SUMMARY } from './cdi-health';
import { DATA_VOLUME_HEALTH_LUA, DATA_VOLUME_HEALTH_SUMMARY } from './data-volume-health';
import { HYPERCONVERGED_HEALTH_LUA, HYPERCONVERGED_HEALTH_SUMMARY } from './hyperconverged-health';
import { KUBEVIRT_HEALTH_LUA, KUBEVIRT_HEALTH_SUMMARY } from './kubevirt-health';
import { SUBSCRIPTION_HEALTH_LUA, SUBSCRIPTION_HEALTH_SUMMARY } from './subscription-health';
import { VIRTUAL_MACHINE_HEALTH_LUA, VIRTUAL_MACHINE_HEALTH_SUMMARY } from './virtual-machine-health';
import {
  VIRTUAL_MACHINE_INSTANCE_MIGRATION_HEALTH_LUA,
  VIRTUAL_MACHINE_INSTANCE_MIGRATION_HEALTH_SUMMARY,
} from './virtual-machine-instance-migration-health';

/** An Argo CD resource health check: a Lua script for one kind. */
export interface HealthCheck {
  /** API group of the kind, e.g. `kubevirt.io`. */
  readonly group: string;
  /** The kind, e.g. `VirtualMachine`. */
  readonly kind: string;
  /** One line on when the check reports Healthy, Degraded and the rest. */
  readonly summary: string;
  /**
   * The script (Lua 5.1, as Argo CD's gopher-lua runs it, standard libraries closed):
   * reads the global `obj`, returns `{ status, message }`.
   */
  readonly lua: string;
}

const CHECKS: HealthCheck[] = [
  { group: 'hco.kubevirt.io', kind: 'HyperConverged', summary: HYPERCONVERGED_HEALTH_SUMMARY, lua: HYPERCONVERGED_HEALTH_LUA },
  { group: 'kubevirt.io', kind: 'KubeVirt', summary: KUBEVIRT_HEALTH_SUMMARY, lua: KUBEVIRT_HEALTH_LUA },
  { group: 'cdi.kubevirt.io', kind: 'CDI', summary: CDI_HEALTH_SUMMARY, lua: CDI_HEALTH_LUA },
  { group: 'kubevirt.io', kind: 'VirtualMachine', summary: VIRTUAL_MACHINE_HEALTH_SUMMARY, lua: VIRTUAL_MACHINE_HEALTH_LUA },
  {
    group: 'kubevirt.io',
    kind: 'VirtualMachineInstanceMigration',
    summary: VIRTUAL_MACHINE_INSTANCE_MIGRATION_HEALTH_SUMMARY,
    lua: VIRTUAL_MACHINE_INSTANCE_MIGRATION_HEALTH_LUA,
  },
  { group: 'cdi.kubevirt.io', kind: 'DataVolume', summary: DATA_VOLUME_HEALTH_SUMMARY, lua: DATA_VOLUME_HEALTH_LUA },
  { group: 'operators.coreos.com', kind: 'Subscription', summary: SUBSCRIPTION_HEALTH_SUMMARY, lua: SUBSCRIPTION_HEALTH_LUA },
  { group: 'argoproj.io', kind: 'Application', summary: APPLICATION_HEALTH_SUMMARY, lua: APPLICATION_HEALTH_LUA },
];

function byGroupThenKind(a: HealthCheck, b: HealthCheck): number {
  if (a.group !== b.group) return a.group < b.group ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return 0;
}

/** Every health check, sorted by group then kind. */
export const ARGO_CD_HEALTH_CHECKS: readonly HealthCheck[] = Object.freeze([...CHECKS].sort(byGroupThenKind));

/** The argocd-cm key of a check: `resource.customizations.health.<group>_<kind>`. */
export function argoCdHealthCustomizationKey(check: Pick<HealthCheck, 'group' | 'kind'>): string {
  return `resource.customizations.health.${check.group}_${check.kind}`;
}

/**
 * argocd-cm data entries: `resource.customizations.health.<group>_<kind>` -> script, one per
 * check. An entry replaces Argo CD's bundled check of that kind (VirtualMachine, DataVolume,
 * Subscription have one) and, for Application, restores the health Argo CD stopped assessing in
 * v1.8, so an app-of-apps waits for its child Applications.
 */
export function argoCdHealthCustomizations(): Record<string, string> {
  const data: Record<string, string> = {};
  for (const check of ARGO_CD_HEALTH_CHECKS) {
    data[argoCdHealthCustomizationKey(check)] = check.lua;
  }
  return data;
}
