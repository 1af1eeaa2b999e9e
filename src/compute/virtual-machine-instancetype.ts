import { ApiObject, ApiObjectMetadata, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { CpuModel } from './cpu-model';
import { clusterScopeOf, namespacedOrClusterObject } from './namespaced-or-cluster';
import { assertFactoryValue, assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { compact } from '../common/objects';
import { byteQuantity, canonicalQuantity, parseQuantity, sizeToQuantity } from '../common/quantity';
import { KubeResource } from '../core/kube-resource';
import { instancetypeL1 } from '../core/module-on-first-use';
import { withdrawRefused } from '../network/refused-construct';

/**
 * How KubeVirt gives disks IO threads (`ioThreadsPolicy`). KubeVirt 1.7+ also has
 * `supplementalPool` with `ioThreads.supplementalPoolThreadCount`, which the vendored
 * instancetype schema (datreeio/CRDs-catalog, see schemas/README.md) does not have yet.
 */
export enum IoThreadsPolicy {
  /** One IO thread shared by the disks that ask for one (`dedicatedIOThread` disks get their own). */
  SHARED = 'shared',
  /** A pool of IO threads sized from the vCPUs, the disks spread over it. */
  AUTO = 'auto',
}

/** The vCPUs of an instancetype. */
export interface InstancetypeCpu {
  /** vCPUs the guest sees (KubeVirt lays them out as sockets unless the preference says otherwise). */
  readonly guest: number;
  /**
   * The CPU model.
   * @default - the cluster's default (host-model)
   */
  readonly model?: CpuModel;
  /**
   * Pin each vCPU to a dedicated host CPU (needs nodes with the static CPU manager policy).
   * Written when given, false too: a VM of this instancetype then cannot set its own.
   * @default - not set (no pinning)
   */
  readonly dedicatedCpuPlacement?: boolean;
  /**
   * One more dedicated host CPU for QEMU's emulator thread; needs `dedicatedCpuPlacement`.
   * @default - not set (no isolated emulator thread)
   */
  readonly isolateEmulatorThread?: boolean;
}

/** Hugepages backing the guest memory. */
export interface InstancetypeHugepages {
  /** The page size the nodes offer, e.g. `"2Mi"` or `"1Gi"`; the guest memory must be a whole number of pages. */
  readonly pageSize: Size | string;
}

/** The memory of an instancetype. */
export interface InstancetypeMemory {
  /** Memory the guest sees, e.g. `Size.gibibytes(4)` or `"4Gi"`. */
  readonly guest: Size | string;
  /**
   * Back the guest memory with hugepages.
   * @default - regular pages
   */
  readonly hugepages?: InstancetypeHugepages;
  /**
   * Percent of the guest memory the virt-launcher pod does not request (0-100; not with hugepages).
   * @default 0
   */
  readonly overcommitPercent?: number;
}

/** A GPU or host device an instancetype attaches, by the resource name its device plugin offers. */
export interface InstancetypeDevice {
  /** Name of the device in the VM, e.g. `"gpu1"`. */
  readonly name: string;
  /** The resource name the device plugin advertises, e.g. `"nvidia.com/GA102GL_A10"`. */
  readonly deviceName: string;
}

/** Properties of a `VirtualMachineInstancetype`. */
export interface VirtualMachineInstancetypeProps {
  /**
   * Name, labels and annotations (and namespace, unless cluster-scoped).
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * A `VirtualMachineClusterInstancetype` every namespace can use, instead of a
   * `VirtualMachineInstancetype` for the VMs of its own namespace.
   * @default false
   */
  readonly clusterScoped?: boolean;
  /** The vCPUs. */
  readonly cpu: InstancetypeCpu;
  /** The memory. */
  readonly memory: InstancetypeMemory;
  /**
   * GPUs passed through to the VM (KubeVirt's host devices feature gate and a device plugin).
   * @default - none
   */
  readonly gpus?: InstancetypeDevice[];
  /**
   * Other host devices passed through to the VM (PCI or mediated devices the cluster permits).
   * @default - none
   */
  readonly hostDevices?: InstancetypeDevice[];
  /**
   * How disks get IO threads.
   * @default - KubeVirt's default: none unless a disk asks for a dedicated one
   */
  readonly ioThreadsPolicy?: IoThreadsPolicy;
  /**
   * Node labels the VMs of this instancetype must be scheduled on (a VM then cannot set its own).
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
}

type ErrorFor = (problem: string) => Error;
const MAX_UINT32 = 4294967295;

/** A whole number in [min, MAX_UINT32], or undefined when left out. */
function countValue(errorFor: ErrorFor, field: string, value: unknown, min: number, why: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_UINT32) {
    throw errorFor(`${field} ${show(value)} must be a whole number of at least ${min} (${why})`);
  }
  return value;
}

function flagValue(errorFor: ErrorFor, field: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw errorFor(`${field} ${show(value)} must be true or false, or left out`);
  return value as boolean | undefined;
}

function objectValue(errorFor: ErrorFor, field: string, value: unknown, example: string): Record<string, any> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw errorFor(`${field} ${show(value)} must be an object, e.g. ${example}`);
  return value as Record<string, any>;
}

/** A byte quantity as written, or throws naming the field. */
function bytesValue(errorFor: ErrorFor, field: string, value: Size | string): string {
  const { quantity, problem } = byteQuantity(value);
  if (problem) throw errorFor(`${field} ${show(value instanceof Size ? sizeToQuantity(value) : value)} ${problem}`);
  return quantity!;
}

function renderCpu(scope: Construct, errorFor: ErrorFor, cpu: InstancetypeCpu): Record<string, unknown> {
  objectValue(errorFor, 'cpu', cpu, '{ guest: 2 }');
  const guest = countValue(errorFor, 'cpu.guest', cpu.guest, 1, 'the vCPUs of the guest; KubeVirt requires it');
  if (guest === undefined) throw errorFor('cpu.guest is missing: give the vCPUs of the guest, e.g. { guest: 2 } (KubeVirt requires it)');
  if (cpu.model !== undefined && !(cpu.model instanceof CpuModel)) {
    throw errorFor(`cpu.model ${show(cpu.model)} must be a CpuModel: CpuModel.HOST_MODEL, CpuModel.HOST_PASSTHROUGH or CpuModel.named("...")`);
  }
  if (cpu.model !== undefined) assertFactoryValue(scope, 'cpu.model', cpu.model);
  const dedicated = flagValue(errorFor, 'cpu.dedicatedCpuPlacement', cpu.dedicatedCpuPlacement);
  const isolate = flagValue(errorFor, 'cpu.isolateEmulatorThread', cpu.isolateEmulatorThread);
  if (isolate && !dedicated) {
    // KubeVirt's VMI admission (validateCPUIsolatorThread, v1.9.0) refuses the VM this would size.
    throw errorFor('cpu.isolateEmulatorThread needs cpu.dedicatedCpuPlacement: KubeVirt refuses the VMs of this instancetype otherwise; set dedicatedCpuPlacement: true, or leave isolateEmulatorThread out');
  }
  // Written as given, false too: a set field is the instancetype's, and a VM that sets it conflicts.
  return compact({ guest, model: cpu.model?.name, dedicatedCPUPlacement: dedicated, isolateEmulatorThread: isolate })!;
}

function renderHugepages(errorFor: ErrorFor, hugepages: InstancetypeHugepages | undefined, guest: string): Record<string, unknown> | undefined {
  if (hugepages === undefined) return undefined;
  objectValue(errorFor, 'memory.hugepages', hugepages, '{ pageSize: "1Gi" }');
  const { quantity: pageSize, problem } = byteQuantity(hugepages.pageSize);
  if (problem || pageSize === undefined) {
    const shown = hugepages.pageSize instanceof Size ? sizeToQuantity(hugepages.pageSize) : hugepages.pageSize;
    throw errorFor(`memory.hugepages.pageSize ${show(shown)} is not a page size: use the hugepage size the nodes offer, e.g. "2Mi" or "1Gi"`);
  }
  const [page, bytes] = [parseQuantity(pageSize)!, parseQuantity(guest)!];
  // KubeVirt's VMI admission (validateHugepagesMemoryRequests, v1.9.0) refuses other sizes.
  if (bytes < page || bytes % page !== 0) {
    throw errorFor(`memory.guest ${show(guest)} is not a whole number of ${show(pageSize)} hugepages: KubeVirt refuses the VMs of this instancetype; make the memory a multiple of the page size`);
  }
  return { pageSize: canonicalQuantity(pageSize) };
}

function renderMemory(errorFor: ErrorFor, memory: InstancetypeMemory): Record<string, unknown> {
  objectValue(errorFor, 'memory', memory, '{ guest: Size.gibibytes(4) }');
  if (memory.guest === undefined) throw errorFor('memory.guest is missing: give the memory of the guest, e.g. { guest: Size.gibibytes(4) } (KubeVirt requires it)');
  const guest = bytesValue(errorFor, 'memory.guest', memory.guest);
  const hugepages = renderHugepages(errorFor, memory.hugepages, guest);
  const overcommit = memory.overcommitPercent;
  // The instancetype webhook (pkg/instancetype/webhooks/admitter.go, v1.9.0) refuses both.
  if (overcommit !== undefined && (typeof overcommit !== 'number' || !Number.isInteger(overcommit) || overcommit < 0 || overcommit > 100)) {
    throw errorFor(`memory.overcommitPercent ${show(overcommit)} must be a whole number from 0 to 100`);
  }
  if (overcommit && hugepages) {
    throw errorFor(`memory.overcommitPercent ${overcommit} and memory.hugepages cannot go together (KubeVirt refuses the instancetype: hugepages cannot be overcommitted); drop one of them`);
  }
  return compact({ guest: canonicalQuantity(guest), hugepages, overcommitPercent: overcommit || undefined })!;
}

function renderDevices(errorFor: ErrorFor, field: string, devices: InstancetypeDevice[] | undefined, seen: Set<string>): object[] | undefined {
  if (devices === undefined) return undefined;
  if (!Array.isArray(devices)) throw errorFor(`${field} ${show(devices)} must be a list of { name, deviceName }`);
  return devices.map((device, position) => {
    const at = `${field}[${position}]`;
    objectValue(errorFor, at, device, '{ name: "gpu1", deviceName: "nvidia.com/GA102GL_A10" }');
    if (typeof device.name !== 'string' || device.name === '') throw errorFor(`${at}.name ${show(device.name)} must be a non-empty string, e.g. "gpu1"`);
    if (seen.has(device.name)) throw errorFor(`${at}.name ${show(device.name)} is used by another GPU or host device: give each device its own name`);
    seen.add(device.name);
    if (typeof device.deviceName !== 'string' || !/^\S+$/.test(device.deviceName)) {
      throw errorFor(`${at}.deviceName ${show(device.deviceName)} must be the resource name the device plugin advertises, e.g. "nvidia.com/GA102GL_A10"`);
    }
    return { name: device.name, deviceName: device.deviceName };
  });
}

function renderIoThreadsPolicy(errorFor: ErrorFor, policy: IoThreadsPolicy | undefined): IoThreadsPolicy | undefined {
  const problem = policy === undefined ? undefined : notOneOf(policy, IoThreadsPolicy);
  if (problem) throw errorFor(`ioThreadsPolicy ${show(policy)} ${problem}`);
  return policy;
}

function renderNodeSelector(errorFor: ErrorFor, selector: Record<string, string> | undefined): Record<string, string> | undefined {
  if (selector === undefined) return undefined;
  objectValue(errorFor, 'nodeSelector', selector, '{ "nvidia.com/gpu.present": "true" }');
  for (const [key, value] of Object.entries(selector)) {
    if (typeof value !== 'string') throw errorFor(`nodeSelector[${show(key)}] ${show(value)} must be a string: label values are strings, write ${show(String(value))}`);
  }
  return { ...selector };
}

/** The spec, as `instancetype.kubevirt.io/v1beta1` writes it; throws on the first bad prop. */
function renderSpec(scope: Construct, errorFor: ErrorFor, props: VirtualMachineInstancetypeProps): Record<string, unknown> {
  const memory = renderMemory(errorFor, props.memory);
  const seen = new Set<string>();
  return compact({
    cpu: renderCpu(scope, errorFor, props.cpu),
    memory,
    gpus: renderDevices(errorFor, 'gpus', props.gpus, seen),
    hostDevices: renderDevices(errorFor, 'hostDevices', props.hostDevices, seen),
    ioThreadsPolicy: renderIoThreadsPolicy(errorFor, props.ioThreadsPolicy),
    nodeSelector: renderNodeSelector(errorFor, props.nodeSelector),
  })!;
}

/**
 * A KubeVirt instancetype (`instancetype.kubevirt.io/v1beta1`): a named VM size (vCPUs, memory,
 * hugepages, dedicated CPUs, GPUs and host devices, IO threads) that VMs use with
 * `instancetype: Instancetype.of(it)` instead of sizing themselves. Namespaced
 * (`VirtualMachineInstancetype`) or, with `clusterScoped: true`, a
 * `VirtualMachineClusterInstancetype` for every namespace.
 *
 * Its checks are those of KubeVirt's instancetype webhook, plus what KubeVirt would refuse in
 * every VM it sizes. A VM that also sets what its instancetype sets is reported at synth
 * (rule `instancetype-conflicts`).
 *
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export class VirtualMachineInstancetype extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType: string;
  /** Whether it is a `VirtualMachineClusterInstancetype`. */
  public readonly clusterScoped: boolean;
  /** vCPUs of the guest. */
  public readonly guestCpus: number;
  /** Guest memory as a Kubernetes quantity. */
  public readonly guestMemory: string;
  /** The object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: VirtualMachineInstancetypeProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'VirtualMachineInstancetypeProps', '{ cpu: { guest: 2 }, memory: { guest: Size.gibibytes(4) } }');
      const errorFor = (problem: string) => constructError(this, problem);
      if (props.metadata !== undefined) objectValue(errorFor, 'metadata', props.metadata, '{ name: "db-large" }');
      this.assertMetadataName(props.metadata);
      this.clusterScoped = clusterScopeOf(errorFor, 'instancetype', props);
      const spec = renderSpec(this, errorFor, props);
      this.guestCpus = (spec.cpu as { guest: number }).guest;
      this.guestMemory = (spec.memory as { guest: string }).guest;
      ({ apiObject: this.apiObject, resourceType: this.resourceType } = namespacedOrClusterObject(this, this.clusterScoped, {
        namespaced: instancetypeL1().VirtualMachineInstancetype.GVK, cluster: instancetypeL1().VirtualMachineClusterInstancetype.GVK,
      }, props.metadata, spec));
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The namespace, when namespaced (a cluster-scoped one has none, whatever the chart's). */
  public override get namespace(): string | undefined {
    return this.clusterScoped ? undefined : super.namespace;
  }
}
