// The input shapes of a VM's passed-through devices (GPUs, host devices), in a file of their own
// so the VM's props read them without importing the facet that checks them.

/** The display of a mediated (virtual) GPU. */
export interface GpuDisplayOptions {
  /**
   * Give the guest a display on the vGPU (what `virtctl vnc` shows).
   * @default true (KubeVirt's default when a display is declared)
   */
  readonly enabled?: boolean;
  /**
   * Also a ramfb framebuffer, which shows the boot before the guest's GPU driver loads. KubeVirt
   * allows one such display per VM.
   * @default true (KubeVirt's default)
   */
  readonly ramFb?: boolean;
}

/** Options of a mediated (virtual) GPU. */
export interface VirtualGpuOptions {
  /**
   * The vGPU's display.
   * @default - no display declared (KubeVirt then adds none)
   */
  readonly display?: GpuDisplayOptions;
}

/** A GPU passed through to the guest, from a device plugin's resource. */
export interface GpuOptions {
  /** Name of the GPU in the VM, a DNS-1123 label unique among its GPUs and host devices. */
  readonly name: string;
  /**
   * The extended resource the device plugin advertises on the nodes (`vendor-domain/name`), e.g.
   * `nvidia.com/GA102GL_A10`; KubeVirt requests one of it for the virt-launcher pod.
   */
  readonly deviceName: string;
  /**
   * Options of a mediated GPU (vGPU).
   * @default - none
   */
  readonly virtualGpuOptions?: VirtualGpuOptions;
}

/** A host device (PCI or mediated) passed through to the guest, from a device plugin's resource. */
export interface HostDeviceOptions {
  /** Name of the device in the VM, a DNS-1123 label unique among its GPUs and host devices. */
  readonly name: string;
  /**
   * The extended resource the device plugin advertises (`vendor-domain/name`), as listed in the
   * KubeVirt CR's `permittedHostDevices`, e.g. `intel.com/qat`.
   */
  readonly deviceName: string;
}
