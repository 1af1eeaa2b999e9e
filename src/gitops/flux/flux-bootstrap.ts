import { posix } from 'path';
import { Chart, Duration } from 'cdk8s';
import { FluxKubeConfig, FluxKustomization, FluxSourceRef } from './flux-kustomization';
import { apiGroupOf } from '../../model/object-index';
import { BootstrapPhase } from '../argo-cd/app-of-apps';
import { DeploymentPhase } from '../deployment-phase';
import { FLUX_HEALTH_CHECK_EXPRS, FluxHealthCheckExpr } from '../health/flux-health-checks';
import { PHASES_FOLDER, PHASE_ORDER } from '../repository-layout';

/** Options of the Flux Kustomizations `GitOpsApp` writes beside the layout (`flux/`). */
export interface FluxBootstrapOptions {
  /** The output folder's path inside the source (e.g. "dist" or "clusters/prod"). */
  readonly path: string;
  /** Prefix of the Kustomizations' names. @default 'virtualization' */
  readonly name?: string;
  /** Namespace of the Kustomizations. @default 'flux-system' */
  readonly namespace?: string;
  /** The source holding the output. @default { kind: GitRepository, name: 'flux-system' } (what `flux bootstrap` creates) */
  readonly sourceRef?: FluxSourceRef;
  /** How often Flux reconciles. @default 10 minutes */
  readonly interval?: Duration;
  /** How long Flux waits for a phase to be ready (operator installs take minutes). @default 15 minutes */
  readonly timeout?: Duration;
  /** Apply the phases to a remote cluster with the kubeconfig in this Secret. @default - the cluster Flux runs in */
  readonly kubeConfig?: FluxKubeConfig;
}

/**
 * Declares one Flux Kustomization per phase (`<name>-<phase>`, reading `<path>/phases/<phase>`),
 * each depending on the one before and waiting until its objects are ready, with CEL health
 * checks for the runtime CRs, VMs and DataVolumes (kstatus cannot judge them).
 */
export function declareFluxKustomizations(chart: Chart, phases: readonly BootstrapPhase[], options: FluxBootstrapOptions): void {
  const name = options.name ?? 'virtualization';
  // Every part of a phase depends on every part of the phase before.
  const namesOf = (phase: DeploymentPhase) => phases.filter((p) => p.phase === phase).map((p) => `${name}-${p.name}`);
  for (const { phase, name: folder, objects } of phases) {
    const before = PHASE_ORDER.slice(0, PHASE_ORDER.indexOf(phase)).reverse().find((p) => namesOf(p).length > 0);
    new FluxKustomization(chart, folder, {
      name: `${name}-${folder}`,
      namespace: options.namespace,
      path: posix.join(options.path, PHASES_FOLDER, folder),
      sourceRef: options.sourceRef,
      interval: options.interval,
      timeout: options.timeout,
      dependsOn: before !== undefined ? namesOf(before) : undefined,
      healthCheckExprs: healthChecksFor(objects),
      kubeConfig: options.kubeConfig,
    });
  }
}

/** The health checks of the kinds present, written for the apiVersion each object has. */
function healthChecksFor(objects: BootstrapPhase['objects']): FluxHealthCheckExpr[] {
  const kinds = new Map<string, { apiVersion: string; kind: string }>(objects.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }]));
  return [...kinds.values()].flatMap(({ apiVersion, kind }) => FLUX_HEALTH_CHECK_EXPRS
    .filter((expr) => expr.kind === kind && apiGroupOf(expr.apiVersion) === apiGroupOf(apiVersion))
    .map((expr) => ({ ...expr, apiVersion })));
}
