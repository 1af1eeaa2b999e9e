import { IConstruct } from 'constructs';
import { GpuOptions, HostDeviceOptions } from './devices';
import * as kubevirt from '../../imports/kubevirt.io';
import { constructError, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { LiveMigrationMode, MigrationBlockerReason } from '../model/live-migration';

type Gpu = kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesGpus;
type HostDevice = kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesHostDevices;

/** The props a `VmDevices` reads. */
export interface VmDevicesProps {
  readonly gpus?: GpuOptions[];
  readonly hostDevices?: HostDeviceOptions[];
}

/** What `VmDevices` writes into `domain.devices`. */
export interface VmDevicesSpec {
  readonly gpus?: Gpu[];
  readonly hostDevices?: HostDevice[];
}

// A Kubernetes extended resource name (apimachinery IsQualifiedName on a domain-prefixed name):
// KubeVirt puts deviceName into the virt-launcher pod's limits (v1.9.0
// pkg/virt-controller/services/renderresources.go, WithGPUsDevicePlugins).
const RESOURCE_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `deviceName` is not an extended resource name a device plugin could advertise, or undefined. */
function deviceNameProblem(deviceName: unknown): string | undefined {
  const example = 'e.g. "nvidia.com/GA102GL_A10"';
  if (typeof deviceName !== 'string') return `must be the resource name the device plugin advertises, ${example}`;
  const slash = deviceName.indexOf('/');
  if (slash < 0) return `has no vendor domain: write the resource name the device plugin advertises, vendor-domain/name, ${example}`;
  const [prefix, name] = [deviceName.slice(0, slash), deviceName.slice(slash + 1)];
  if (dnsSubdomainProblem(prefix) || prefix.length > 244) return `has the vendor domain ${show(prefix)}, which is not a DNS subdomain: write it as the device plugin advertises it, ${example}`;
  if (prefix === 'kubernetes.io' || prefix.endsWith('.kubernetes.io')) return 'is in the kubernetes.io domain, which holds no device plugin resources: use the vendor\'s domain, ' + example;
  if (name.length > 63 || !RESOURCE_NAME_PART.test(name)) return `has the name part ${show(name)}, which is not a resource name (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit): ${example}`;
  return undefined;
}

/**
 * The devices of the node a VM's guest gets: GPUs and host devices (PCI or mediated), requested
 * from device plugins by resource name. They keep the VM on its node: KubeVirt reports
 * `HostDeviceNotLiveMigratable` for any host device, more than one GPU, or a GPU without the
 * alpha VGPULiveMigration gate (v1.9.0 pkg/virt-handler/vm.go,
 * vmiContainsNonMigratablePCIHostDevices), so `liveMigration: REQUIRED` refuses them here.
 * @internal
 */
export class VmDevices {
  private readonly gpus: Gpu[] = [];
  private readonly hostDevices: HostDevice[] = [];

  public constructor(private readonly vm: IConstruct, private readonly liveMigration: LiveMigrationMode, props: VmDevicesProps) {
    for (const gpu of this.listProp('gpus', props.gpus)) this.addGpu(gpu);
    for (const device of this.listProp('hostDevices', props.hostDevices)) this.addHostDevice(device);
  }

  /** Checks and adds a GPU. */
  public addGpu(gpu: GpuOptions): void {
    this.checkDevice('GPU', gpu);
    const display = this.checkVirtualGpuOptions(gpu);
    this.gpus.push({
      name: gpu.name,
      deviceName: gpu.deviceName,
      virtualGpuOptions: display === undefined ? undefined : {
        display: { enabled: display.enabled, ramFb: display.ramFb === undefined ? undefined : { enabled: display.ramFb } },
      },
    });
  }

  /** Checks and adds a host device. */
  public addHostDevice(device: HostDeviceOptions): void {
    this.checkDevice('host device', device);
    this.hostDevices.push({ name: device.name, deviceName: device.deviceName });
  }

  /** Renders `gpus` and `hostDevices` of `domain.devices`. */
  public _toKube(): VmDevicesSpec {
    return {
      gpus: this.gpus.length > 0 ? [...this.gpus] : undefined,
      hostDevices: this.hostDevices.length > 0 ? [...this.hostDevices] : undefined,
    };
  }

  private checkDevice(kind: 'GPU' | 'host device', device: GpuOptions | HostDeviceOptions): void {
    const example = kind === 'GPU' ? '{ name: "gpu1", deviceName: "nvidia.com/GA102GL_A10" }' : '{ name: "qat1", deviceName: "intel.com/qat" }';
    if (typeof device !== 'object' || device === null || Array.isArray(device)) {
      throw constructError(this.vm, `${kind} ${show(device)} must be an object such as ${example}`);
    }
    const nameProblem = dnsLabelProblem(device.name);
    if (nameProblem) throw constructError(this.vm, `${kind} name ${show(device.name)} ${nameProblem}`);
    const clash = [...this.gpus.map((g) => ['GPU', g.name]), ...this.hostDevices.map((h) => ['host device', h.name])].find(([, name]) => name === device.name);
    if (clash) throw constructError(this.vm, `${kind} name ${show(device.name)} is already used by a ${clash[0]} of this VM: give each GPU and host device its own name`);
    const problem = deviceNameProblem(device.deviceName);
    if (problem) throw constructError(this.vm, `${kind} ${show(device.name)}: deviceName ${show(device.deviceName)} ${problem}`);
    if (this.liveMigration === LiveMigrationMode.REQUIRED) {
      throw constructError(this.vm, `${kind} ${show(device.name)} (${device.deviceName}) keeps the VM on its node (KubeVirt reports ${MigrationBlockerReason.HOST_DEVICE}), and liveMigration is REQUIRED: drop the ${kind}, or use LiveMigrationMode.OFF (or PREFERRED, which only warns)`);
    }
  }

  /** The display of a vGPU, checked; at most one ramfb display per VM, as KubeVirt's VMI admission requires (validateMDEVRamFB). */
  private checkVirtualGpuOptions(gpu: GpuOptions): { enabled?: boolean; ramFb?: boolean } | undefined {
    const at = `GPU ${show(gpu.name)}: virtualGpuOptions`;
    const options = gpu.virtualGpuOptions;
    if (options === undefined) return undefined;
    for (const [field, value] of [['', options], ['.display', options?.display]] as const) {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw constructError(this.vm, `${at}${field} ${show(value)} must be an object, or left out`);
      }
    }
    const display = options.display;
    if (display === undefined) return undefined;
    for (const field of ['enabled', 'ramFb'] as const) {
      if (display[field] !== undefined && typeof display[field] !== 'boolean') {
        throw constructError(this.vm, `${at}.display.${field} ${show(display[field])} must be true or false, or left out`);
      }
    }
    // KubeVirt counts a display with ramfb when neither is switched off (countConfiguredMDEVRamFBs).
    type Display = { enabled?: boolean; ramFb?: { enabled?: boolean } };
    const hasRamFb = (d?: Display) => d !== undefined && d.enabled !== false && (d.ramFb === undefined || d.ramFb.enabled === true);
    const other = this.gpus.find((g) => hasRamFb(g.virtualGpuOptions?.display));
    if (other && hasRamFb({ enabled: display.enabled, ramFb: display.ramFb === undefined ? undefined : { enabled: display.ramFb } })) {
      throw constructError(this.vm, `${at}.display has a ramfb framebuffer, and so has GPU ${show(other.name)}; KubeVirt allows one per VM: set display.ramFb: false on this one`);
    }
    return display;
  }

  private listProp<T>(prop: string, value: T[] | undefined): T[] {
    if (value !== undefined && !Array.isArray(value)) throw constructError(this.vm, `${prop} ${show(value)} must be an array, or left out`);
    return value ?? [];
  }
}
