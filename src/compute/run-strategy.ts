/**
 * Whether KubeVirt keeps the VM running.
 * @see https://kubevirt.io/user-guide/compute/run_strategies/
 */
export enum RunStrategy {
  /** Always running: restarted after a crash, a guest shutdown or an eviction (like a Deployment). */
  ALWAYS = 'Always',
  /** Restarted after a failure, but stays off after a clean guest shutdown. */
  RERUN_ON_FAILURE = 'RerunOnFailure',
  /** Started and stopped only by hand (`virtctl start/stop`). */
  MANUAL = 'Manual',
  /** Stopped. */
  HALTED = 'Halted',
  /** Runs once to completion and is never restarted. */
  ONCE = 'Once',
}
