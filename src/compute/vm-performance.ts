import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IoThreadsPolicy } from './virtual-machine-instancetype';
import { VirtualMachineProps } from './virtual-machine-props';
import * as kubevirt from '../../imports/kubevirt.io';
import { constructError, notOneOf, show } from '../common/errors';
import { byteQuantity, canonicalQuantity, parseQuantity, sizeToQuantity } from '../common/quantity';

/** The props a `VmPerformance` reads. */
export type VmPerformanceProps = Pick<VirtualMachineProps, 'cpu' | 'hugepages' | 'ioThreads' | 'networkInterfaceMultiqueue' | 'blockMultiQueue' | 'instancetype'>;

/** The VM's memory amounts after sizing's checks, as quantities. */
export interface VmMemoryAmounts {
  readonly memory?: string;
  readonly memoryRequest?: string;
  readonly memoryLimit?: string;
}

type Domain = kubevirt.VirtualMachineSpecTemplateSpecDomain;

const MAX_UINT32 = 4294967295;

/**
 * The tuning of a VM for latency-sensitive work: emulator thread isolation and NUMA passthrough
 * on top of dedicated CPUs, hugepages, IO threads, and virtio multiqueue for disks and NICs. Each
 * is checked as KubeVirt's VMI admission checks it (v1.9.0
 * pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go), so a VM KubeVirt
 * would refuse fails here, with the fix.
 * @internal
 */
export class VmPerformance {
  private readonly pageSize?: string;

  public constructor(private readonly vm: IConstruct, private readonly props: VmPerformanceProps, memory: VmMemoryAmounts) {
    this.checkShapes();
    this.checkCpu();
    this.pageSize = this.checkHugepages(memory);
    this.checkIoThreads();
  }

  /** Adds the tuning to the domain sizing rendered (CPU, memory) and renders the rest. */
  public applyTo<D extends Pick<Domain, 'cpu' | 'memory'>>(domain: D): D & Pick<Domain, 'ioThreadsPolicy' | 'ioThreads'> {
    const { cpu, ioThreads } = this.props;
    const count = ioThreads?.supplementalPoolThreadCount;
    return {
      ...domain,
      cpu: domain.cpu && {
        ...domain.cpu,
        // Plain bools in KubeVirt's CPU type: false is dropped when the VM is stored.
        isolateEmulatorThread: cpu?.isolateEmulatorThread || undefined,
        numa: cpu?.numaGuestMappingPassthrough ? { guestMappingPassthrough: {} } : undefined,
      },
      memory: this.pageSize === undefined ? domain.memory : { ...domain.memory, hugepages: { pageSize: this.pageSize } },
      ioThreadsPolicy: count !== undefined ? 'supplementalPool' : ioThreads?.policy,
      ioThreads: count !== undefined ? { supplementalPoolThreadCount: count } : undefined,
    };
  }

  /** `domain.devices` fields: virtio multiqueue for disks and NICs. */
  public devices(): Pick<kubevirt.VirtualMachineSpecTemplateSpecDomainDevices, 'blockMultiQueue' | 'networkInterfaceMultiqueue'> {
    // Pointers in KubeVirt's types: false is kept, so it is written when given.
    return { blockMultiQueue: this.props.blockMultiQueue, networkInterfaceMultiqueue: this.props.networkInterfaceMultiqueue };
  }

  /** Plain-JS input: booleans and objects where they belong. */
  private checkShapes(): void {
    const { cpu, hugepages, ioThreads } = this.props;
    const flags = [
      ['cpu.isolateEmulatorThread', cpu?.isolateEmulatorThread],
      ['cpu.numaGuestMappingPassthrough', cpu?.numaGuestMappingPassthrough],
      ['networkInterfaceMultiqueue', this.props.networkInterfaceMultiqueue],
      ['blockMultiQueue', this.props.blockMultiQueue],
    ] as const;
    for (const [prop, value] of flags) {
      if (value !== undefined && typeof value !== 'boolean') throw constructError(this.vm, `${prop} ${show(value)} must be true or false, or left out`);
    }
    for (const [prop, value, example] of [['hugepages', hugepages, '{ pageSize: "1Gi" }'], ['ioThreads', ioThreads, '{ policy: IoThreadsPolicy.AUTO }']] as const) {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw constructError(this.vm, `${prop} ${show(value)} must be an object such as ${example}, or left out`);
      }
    }
  }

  private checkCpu(): void {
    const cpu = this.props.cpu;
    if (cpu?.dedicatedCpuPlacement === true) return;
    const fix = 'set cpu.dedicatedCpuPlacement: true (it pins each vCPU to a host CPU; the nodes need the static CPU manager policy)';
    if (cpu?.isolateEmulatorThread) {
      throw constructError(this.vm, `cpu.isolateEmulatorThread needs dedicated CPUs (KubeVirt refuses it without): ${fix}, or drop isolateEmulatorThread`);
    }
    if (cpu?.numaGuestMappingPassthrough) {
      throw constructError(this.vm, `cpu.numaGuestMappingPassthrough needs dedicated CPUs (KubeVirt refuses it without): ${fix}, or drop numaGuestMappingPassthrough`);
    }
  }

  /** The page size as a quantity; the VM's memory a whole number of pages (validateHugepagesMemoryRequests). */
  private checkHugepages(amounts: VmMemoryAmounts): string | undefined {
    const { hugepages, cpu, instancetype } = this.props;
    if (hugepages === undefined) {
      if (cpu?.numaGuestMappingPassthrough) {
        throw constructError(this.vm, 'cpu.numaGuestMappingPassthrough needs hugepages (KubeVirt refuses it without): set hugepages, e.g. { pageSize: "1Gi" }, or drop numaGuestMappingPassthrough');
      }
      return undefined;
    }
    const { quantity: pageSize, problem } = byteQuantity(hugepages.pageSize);
    if (problem || pageSize === undefined || !(parseQuantity(pageSize)! > 0)) {
      const shown = hugepages.pageSize instanceof Size ? sizeToQuantity(hugepages.pageSize) : hugepages.pageSize;
      throw constructError(this.vm, `hugepages.pageSize ${show(shown)} is not a page size: use the hugepage size the nodes offer, e.g. "2Mi" or "1Gi"`);
    }
    // KubeVirt compares the request, else the guest memory, else the limit; an instancetype's memory is not known here.
    const candidates = [['resources.memory.request', amounts.memoryRequest], ['memory', amounts.memory], ['resources.memory.limit', amounts.memoryLimit]] as const;
    const found = instancetype === undefined ? candidates.find(([, value]) => value !== undefined) : undefined;
    if (found) {
      const [prop, value] = found;
      const [bytes, page] = [parseQuantity(value!)!, parseQuantity(pageSize)!];
      if (bytes < page || bytes % page !== 0) {
        throw constructError(this.vm, `${prop} ${show(value)} is not a whole number of ${show(pageSize)} hugepages (KubeVirt refuses the VM): make it a multiple of ${show(pageSize)}, or use smaller pages`);
      }
    }
    return canonicalQuantity(pageSize);
  }

  /** A policy KubeVirt knows, or a supplemental pool of at least one thread (validateIOThreadsPolicy). */
  private checkIoThreads(): void {
    const ioThreads = this.props.ioThreads;
    if (ioThreads === undefined) return;
    const { policy, supplementalPoolThreadCount: count } = ioThreads;
    if (policy !== undefined && count !== undefined) {
      throw constructError(this.vm, `ioThreads has both policy ${show(policy)} and supplementalPoolThreadCount ${show(count)}: a supplemental pool is a policy of its own; drop one of them`);
    }
    if (policy === undefined && count === undefined) {
      throw constructError(this.vm, 'ioThreads is empty: give a policy (IoThreadsPolicy.SHARED or AUTO) or a supplementalPoolThreadCount, or leave ioThreads out');
    }
    const badPolicy = policy === undefined ? undefined : notOneOf(policy, IoThreadsPolicy);
    if (badPolicy) throw constructError(this.vm, `ioThreads.policy ${show(policy)} ${badPolicy}: use IoThreadsPolicy.SHARED or AUTO, or supplementalPoolThreadCount for a pool`);
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_UINT32)) {
      throw constructError(this.vm, `ioThreads.supplementalPoolThreadCount ${show(count)} must be a whole number of at least 1 (the IO threads of the pool)`);
    }
  }
}
