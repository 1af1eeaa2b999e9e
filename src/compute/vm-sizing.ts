import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { IConstruct } from 'constructs';
import { CpuModel } from './cpu-model';
import { Firmware } from './firmware';
import { Instancetype, Preference } from './instancetype';
import { VirtualMachineProps } from './virtual-machine-props';
import * as kubevirt from '../../imports/kubevirt.io';
import { assertFactoryValue, constructError, show } from '../common/errors';
import { byteQuantity, canonicalQuantity, parseQuantity, sizeToQuantity } from '../common/quantity';

/** The props a `VmSizing` reads. */
export type VmSizingProps = Pick<VirtualMachineProps, 'cpu' | 'memory' | 'resources' | 'instancetype' | 'preference' | 'firmware' | 'machineType'>;

type Domain = kubevirt.VirtualMachineSpecTemplateSpecDomain;
type Resources = kubevirt.VirtualMachineSpecTemplateSpecDomainResources;
const MemoryGuest = kubevirt.VirtualMachineSpecTemplateSpecDomainMemoryGuest;

/** What `VmSizing` writes: the sizing references of the VM spec and the sized parts of the domain. */
export interface VmSizingSpec {
  readonly instancetype?: kubevirt.VirtualMachineSpecInstancetype;
  readonly preference?: kubevirt.VirtualMachineSpecPreference;
  readonly domain: Pick<Domain, 'cpu' | 'memory' | 'resources' | 'firmware' | 'features' | 'machine'>;
}

/**
 * The virtual hardware of a VM: CPU, memory, the virt-launcher pod's resources, an instancetype
 * and preference instead of (or next to) them, firmware and machine type. All of it is fixed at
 * construction, so every check runs in the constructor.
 * @internal
 */
export class VmSizing {
  /** Guest memory as a Kubernetes quantity, when set. */
  public readonly memory?: string;
  public readonly instancetype?: Instancetype;
  public readonly preference?: Preference;
  /** The memory request and limit of the virt-launcher pod, as quantities, when set. */
  public readonly memoryRequest?: string;
  public readonly memoryLimit?: string;

  public constructor(private readonly vm: IConstruct, private readonly props: VmSizingProps) {
    this.checkShapes();
    this.checkInstancetype();
    this.checkCpu();
    this.instancetype = props.instancetype;
    this.preference = props.preference;
    this.memory = this.optionalQuantity('memory', props.memory);
    this.memoryRequest = this.optionalQuantity('resources.memory.request', props.resources?.memory?.request);
    this.memoryLimit = this.optionalQuantity('resources.memory.limit', props.resources?.memory?.limit);
    this.checkLimits();
    this.checkMachine();
  }

  /** Renders the sizing parts of the spec. */
  public _toKube(): VmSizingSpec {
    const { cpu, firmware, machineType } = this.props;
    return {
      instancetype: this.instancetype ? { name: this.instancetype.name, kind: this.instancetype.kind } : undefined,
      preference: this.preference ? { name: this.preference.name, kind: this.preference.kind } : undefined,
      domain: {
        cpu: cpu === undefined ? undefined : {
          cores: cpu.cores,
          sockets: cpu.sockets,
          threads: cpu.threads,
          model: cpu.model?.name,
          // A plain bool in KubeVirt's CPU type: false is dropped when the VM is stored.
          dedicatedCpuPlacement: cpu.dedicatedCpuPlacement || undefined,
        },
        memory: this.memory === undefined ? undefined : { guest: MemoryGuest.fromString(canonicalQuantity(this.memory)) },
        resources: this.renderResources(),
        firmware: firmware === undefined ? undefined : {
          bootloader: firmware.bootloader === 'bios'
            ? { bios: {} }
            : { efi: { secureBoot: firmware.secureBoot, persistent: firmware.persistent || undefined } },
        },
        // KubeVirt refuses Secure Boot without System Management Mode.
        features: firmware?.secureBoot ? { smm: { enabled: true } } : undefined,
        machine: machineType === undefined ? undefined : { type: machineType },
      },
    };
  }

  /** Plain-JS input: objects where objects belong, so the checks below never meet a TypeError. */
  private checkShapes(): void {
    const { cpu, resources } = this.props;
    for (const [prop, value] of [['cpu', cpu], ['resources', resources], ['resources.cpu', resources?.cpu], ['resources.memory', resources?.memory]] as const) {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw constructError(this.vm, `${prop} ${show(value)} must be an object, or left out`);
      }
    }
    for (const field of ['request', 'limit'] as const) {
      const value = resources?.cpu?.[field];
      if (value !== undefined && !(value instanceof kplus.Cpu)) {
        throw constructError(this.vm, `resources.cpu.${field} ${show(value)} must be a cdk8s-plus Cpu, e.g. Cpu.millis(500) or Cpu.units(2)`);
      }
      if (value !== undefined && !((parseQuantity(value.amount) ?? 0) > 0)) {
        throw constructError(this.vm, `resources.cpu.${field} ${show(value.amount)} is not a positive CPU quantity: use e.g. Cpu.millis(500) or Cpu.units(2)`);
      }
    }
    if (cpu?.dedicatedCpuPlacement !== undefined && typeof cpu.dedicatedCpuPlacement !== 'boolean') {
      throw constructError(this.vm, `cpu.dedicatedCpuPlacement ${show(cpu.dedicatedCpuPlacement)} must be true or false`);
    }
  }

  private checkInstancetype(): void {
    const { cpu, memory, resources, instancetype, preference } = this.props;
    if (instancetype !== undefined) {
      if (!(instancetype instanceof Instancetype)) {
        throw constructError(this.vm, 'instancetype must be Instancetype.cluster("...") or Instancetype.namespaced("...")');
      }
      assertFactoryValue(this.vm, 'instancetype', instancetype);
      const conflicts = [
        ...(cpu !== undefined ? ['cpu'] : []),
        ...(memory !== undefined ? ['memory'] : []),
        ...(resources?.cpu?.request !== undefined ? ['resources.cpu.request'] : []),
        ...(resources?.memory?.request !== undefined ? ['resources.memory.request'] : []),
      ];
      if (conflicts.length > 0) {
        throw constructError(this.vm, `${conflicts.join(', ')} conflict${conflicts.length === 1 ? 's' : ''} with instancetype ${show(instancetype.name)} (KubeVirt rejects the VM): the instancetype sets CPU and memory; drop ${conflicts.join(' and ')}, or drop the instancetype`);
      }
    } else if (memory === undefined && resources?.memory?.request === undefined) {
      throw constructError(this.vm, 'memory is not set: give memory (e.g. Size.gibibytes(4)), resources.memory.request, or an instancetype');
    }
    if (preference !== undefined && !(preference instanceof Preference)) {
      throw constructError(this.vm, 'preference must be Preference.cluster("...") or Preference.namespaced("...")');
    }
    if (preference !== undefined) assertFactoryValue(this.vm, 'preference', preference);
  }

  private checkCpu(): void {
    const { cpu } = this.props;
    for (const field of ['cores', 'sockets', 'threads'] as const) {
      const value = cpu?.[field];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        throw constructError(this.vm, `cpu.${field} ${show(value)} must be a whole number of at least 1`);
      }
    }
    if (cpu?.model !== undefined && !(cpu.model instanceof CpuModel)) {
      throw constructError(this.vm, `cpu.model ${show(cpu.model)} must be a CpuModel: CpuModel.HOST_MODEL, CpuModel.HOST_PASSTHROUGH or CpuModel.named("...")`);
    }
    if (cpu?.model !== undefined) assertFactoryValue(this.vm, 'cpu.model', cpu.model);
  }

  private optionalQuantity(prop: string, value: Size | string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const { quantity, problem } = byteQuantity(value);
    if (problem) throw constructError(this.vm, `${prop} ${show(value instanceof Size ? sizeToQuantity(value) : value)} ${problem}`);
    return quantity!;
  }

  private checkLimits(): void {
    const request = this.memoryRequest;
    const limit = this.memoryLimit;
    if (request !== undefined && limit !== undefined && parseQuantity(request)! > parseQuantity(limit)!) {
      throw constructError(this.vm, `resources.memory.request ${show(request)} is more than resources.memory.limit ${show(limit)}: a request cannot exceed its limit`);
    }
    if (this.memory !== undefined && limit !== undefined && parseQuantity(this.memory)! > parseQuantity(limit)!) {
      throw constructError(this.vm, `memory ${show(this.memory)} is more than resources.memory.limit ${show(limit)}: the guest cannot have more memory than the pod's limit; raise the limit or lower memory`);
    }
    const cpuRequest = this.props.resources?.cpu?.request?.amount;
    const cpuLimit = this.props.resources?.cpu?.limit?.amount;
    if (cpuRequest !== undefined && cpuLimit !== undefined && parseQuantity(cpuRequest)! > parseQuantity(cpuLimit)!) {
      throw constructError(this.vm, `resources.cpu.request ${show(cpuRequest)} is more than resources.cpu.limit ${show(cpuLimit)}: a request cannot exceed its limit`);
    }
  }

  private checkMachine(): void {
    const { machineType, firmware } = this.props;
    if (machineType !== undefined && (typeof machineType !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(machineType))) {
      throw constructError(this.vm, `machineType ${show(machineType)} is not a machine type name: use e.g. "q35" or "pc-q35-rhel9.4.0", or leave it out for the cluster default`);
    }
    if (firmware !== undefined && !(firmware instanceof Firmware)) {
      throw constructError(this.vm, 'firmware must be Firmware.bios() or Firmware.efi({ ... })');
    }
  }

  private renderResources(): Resources | undefined {
    const Requests = kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesRequests;
    const Limits = kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesLimits;
    const cpu = this.props.resources?.cpu;
    const requests: Record<string, kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesRequests> = {};
    const limits: Record<string, kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesLimits> = {};
    // Quantities as the VM mutator stores them (it re-marshals the spec), so GitOps diffs stay clean.
    if (cpu?.request) requests.cpu = Requests.fromString(canonicalQuantity(cpu.request.amount));
    if (this.memoryRequest) requests.memory = Requests.fromString(canonicalQuantity(this.memoryRequest));
    if (cpu?.limit) limits.cpu = Limits.fromString(canonicalQuantity(cpu.limit.amount));
    if (this.memoryLimit) limits.memory = Limits.fromString(canonicalQuantity(this.memoryLimit));
    const hasRequests = Object.keys(requests).length > 0;
    const hasLimits = Object.keys(limits).length > 0;
    return hasRequests || hasLimits ? { requests: hasRequests ? requests : undefined, limits: hasLimits ? limits : undefined } : undefined;
  }
}
