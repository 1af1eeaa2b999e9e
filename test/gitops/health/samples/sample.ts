import type { ArgoHealthStatus } from '../argo-lua';
import type { FluxStatus } from '../flux-cel';

/** An object as a cluster shows it, and what the health checks must make of it. */
export interface HealthSample {
  /** What the object shows, for the test name. */
  readonly name: string;
  readonly obj: Record<string, unknown>;
  /** The Argo CD script's result. */
  readonly argo: { readonly status: ArgoHealthStatus; readonly message: string };
  /**
   * Flux's reading, where it is not the counterpart of the Argo CD status (Healthy is Current,
   * Degraded is Failed, Progressing and Suspended are InProgress).
   */
  readonly flux?: FluxStatus;
}

/** `metadata` of a sample: a name, and the generation the API server gave the object. */
export function meta(name: string, generation: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, generation, uid: '3f0e7c0e-5d5f-4a6c-9a59-1d2d6c6a0001', creationTimestamp: '2026-03-02T09:14:05Z', ...extra };
}
