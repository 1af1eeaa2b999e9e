import * as pulumi from '@pulumi/pulumi';
import { show } from '../common/errors';
import { KubeObject, apiGroupOf } from '../model/object-index';

/**
 * The `pulumi.com/waitFor` annotation: what the Kubernetes provider waits for after creating
 * or updating the object, before dependents proceed and before `pulumi up` reports success.
 * A string with a `condition=` or `jsonpath=` prefix, or a JSON array of them (all must hold):
 * pulumi-kubernetes provider/pkg/metadata/overrides.go `ReadyCondition` (v4.32.0).
 */
export const PULUMI_WAIT_FOR = 'pulumi.com/waitFor';

/**
 * A running VM: KubeVirt copies the VMI's `Ready` condition onto the VM
 * (kubevirt staging/src/kubevirt.io/api/core/v1/types.go `VirtualMachineReady`, v1.6.2).
 */
export const VM_READY = 'condition=Ready';

/** A DataVolume whose import, clone or upload has finished (CDI phase `Succeeded`). */
export const DISK_POPULATED = 'jsonpath={.status.phase}=Succeeded';

/**
 * A DataVolume on a late-binding (WaitForFirstConsumer) storage class: populated, or waiting
 * for the VM's pod to be scheduled (`WaitForFirstConsumer`, or `PendingPopulation` with volume
 * populators) — the phases in which KubeVirt starts the VM (kubevirt
 * pkg/virt-controller/watch/vm/vm.go `handleDataVolumes`, v1.6.2). Waiting for `Succeeded`
 * there would deadlock: nothing consumes the disk until the VM exists. The RFC 9535 filter form
 * is the one the provider documents since v4.24.0 (CHANGELOG).
 */
export const DISK_POPULATED_OR_WAITING_FOR_CONSUMER =
  "jsonpath={.status[?@ == 'Succeeded' || @ == 'WaitForFirstConsumer' || @ == 'PendingPopulation']}";

/** How long `pulumi up` waits, and for what (arguments of `ChartDeployment`). */
export interface ReadinessArgs {
  /**
   * Running VMs (runStrategy `Always` or `RerunOnFailure`, or `running: true`) wait for their
   * `Ready` condition; halted and manual VMs never do.
   * @default true
   */
  readonly waitForVms?: boolean;
  /**
   * DataVolumes (declared, or templates of VMs) wait until populated.
   * @default true
   */
  readonly waitForDisks?: boolean;
  /**
   * The storage class binds volumes late (`volumeBindingMode: WaitForFirstConsumer`): disks are
   * ready once they wait for their first consumer.
   * @default false
   */
  readonly storageBindsLate?: boolean;
  /**
   * How long a VM may take to become Ready on create or update, as a Pulumi custom timeout
   * (`"15m"`, `"1h"`). The error names the resource (`virtualmachine-<namespace>-<name>`).
   * @default - the provider's 10 minutes
   */
  readonly vmTimeout?: string;
  /**
   * How long a disk may take to import or clone on create or update (`"45m"`, `"2h"`).
   * @default "30m"
   */
  readonly diskTimeout?: string;
}

/** The default disk timeout: image imports outlast the provider's 10 minutes. */
export const DEFAULT_DISK_TIMEOUT = '30m';

/** Go duration text as Pulumi custom timeouts take it, e.g. `"30m"`, `"1h30m"`, `"90s"`. */
const DURATION = /^(\d+(\.\d+)?(h|m|s))+$/;

/** What to wait for and how long, for one object (empty when it is not awaited). */
export interface Readiness {
  readonly waitFor?: string;
  readonly timeout?: string;
}

/** Throws when a timeout argument is not a duration, naming the argument and the fix. */
export function checkTimeouts(owner: string, args: ReadinessArgs): void {
  for (const field of ['vmTimeout', 'diskTimeout'] as const) {
    const value = args[field];
    if (value !== undefined && (typeof value !== 'string' || !DURATION.test(value))) {
      throw new Error(`${owner}: ${field} ${show(value)} is not a duration: write it like "20m", "1h" or "1h30m"`);
    }
  }
}

/** Whether a VirtualMachine object is meant to run (so its VMI becomes Ready). */
export function isRunningVm(object: KubeObject): boolean {
  const strategy = object.spec?.runStrategy;
  if (strategy !== undefined) return strategy === 'Always' || strategy === 'RerunOnFailure';
  return object.spec?.running === true;
}

function isVm(object: KubeObject): boolean {
  return object.kind === 'VirtualMachine' && apiGroupOf(object.apiVersion) === 'kubevirt.io';
}

function isDataVolume(object: KubeObject): boolean {
  return object.kind === 'DataVolume' && apiGroupOf(object.apiVersion) === 'cdi.kubevirt.io';
}

/** What the provider should wait for on this object, under `args`. */
export function readinessOf(object: KubeObject, args: ReadinessArgs): Readiness {
  if (isVm(object)) {
    if (args.waitForVms === false || !isRunningVm(object)) return {};
    return { waitFor: VM_READY, timeout: args.vmTimeout };
  }
  if (isDataVolume(object)) {
    if (args.waitForDisks === false) return {};
    return {
      waitFor: args.storageBindsLate ? DISK_POPULATED_OR_WAITING_FOR_CONSUMER : DISK_POPULATED,
      timeout: args.diskTimeout ?? DEFAULT_DISK_TIMEOUT,
    };
  }
  return {};
}

/**
 * The object with its wait annotation (a `pulumi.com/waitFor` written by hand wins), and the
 * resource options that bound the wait. Custom timeouts take precedence over the
 * `pulumi.com/timeoutSeconds` annotation and default to 10 minutes (pulumi-kubernetes
 * provider/pkg/metadata/overrides.go `TimeoutDuration`, provider/pkg/await/await.go `Creation`,
 * v4.32.0).
 */
export function withReadiness(object: KubeObject, readiness: Readiness): { object: KubeObject; options: pulumi.CustomResourceOptions } {
  if (readiness.waitFor === undefined) return { object, options: {} };
  const annotations = object.metadata?.annotations ?? {};
  const awaited = annotations[PULUMI_WAIT_FOR] !== undefined ? object : {
    ...object,
    metadata: { ...object.metadata, annotations: { ...annotations, [PULUMI_WAIT_FOR]: readiness.waitFor } },
  };
  const options = readiness.timeout !== undefined ? { customTimeouts: { create: readiness.timeout, update: readiness.timeout } } : {};
  return { object: awaited, options };
}
