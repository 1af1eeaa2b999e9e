import { ApiObjectMetadata, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { k8s } from 'cdk8s-plus-32';
import { CloudInitOptions } from './cloud-init';
import { CpuModel } from './cpu-model';
import { GpuOptions, HostDeviceOptions } from './devices';
import { Firmware } from './firmware';
import { FirmwareIdentity } from './firmware-identity';
import { ClockOptions, GuestFeaturesOptions, TabletOptions, TpmOptions } from './guest-features';
import { Instancetype, Preference } from './instancetype';
import { HugepagesOptions, IoThreadsOptions } from './performance';
import { RunStrategy } from './run-strategy';
import { SshKeysOptions } from './ssh-keys';
import { Toleration } from './toleration';
import { SysprepOptions } from './vm-sysprep';
import { LiveMigrationMode } from '../model/live-migration';
import { PodNetworkOptions, PortProtocol } from '../network/pod-network';
import { DiskOptions, EmptyCdromOptions } from '../storage/disk';
import { VolumeSource } from '../storage/volume-source';

// The input shapes of `VirtualMachine`, in a file of their own so that the VM's facets read
// them without importing the construct.

/** The guest's CPU topology and model. */
export interface CpuOptions {
  /** @default 1 */
  readonly cores?: number;
  /** @default 1 */
  readonly sockets?: number;
  /** @default 1 */
  readonly threads?: number;
  /** @default CpuModel.HOST_MODEL (KubeVirt's default) */
  readonly model?: CpuModel;
  /**
   * Pin each vCPU to a dedicated host CPU (needs the CPU manager on the node).
   * @default false
   */
  readonly dedicatedCpuPlacement?: boolean;
  /**
   * One more dedicated host CPU for QEMU's emulator thread, so it never preempts a vCPU. Needs
   * `dedicatedCpuPlacement`.
   * @default false
   */
  readonly isolateEmulatorThread?: boolean;
  /**
   * Mirror the host's NUMA layout of the pinned vCPUs and memory into the guest
   * (`numa.guestMappingPassthrough`). Needs `dedicatedCpuPlacement` and `hugepages`.
   * @default false
   */
  readonly numaGuestMappingPassthrough?: boolean;
}

/** Memory request and limit of the virt-launcher pod. */
export interface MemoryResourceOptions {
  /** @default - the guest memory plus KubeVirt's overhead */
  readonly request?: Size | string;
  /** @default - no limit */
  readonly limit?: Size | string;
}

/** Requests and limits of the virt-launcher pod that runs the VM. */
export interface VirtualMachineResources {
  /** @default - KubeVirt derives the request from the vCPU count and the CPU allocation ratio */
  readonly cpu?: kplus.CpuResources;
  /** @default - KubeVirt derives the request from the guest memory */
  readonly memory?: MemoryResourceOptions;
}

/** Labels and annotations of the VirtualMachineInstance (and so of its virt-launcher pod). */
export interface InstanceMetadata {
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/** A disk of a VM: the storage behind it and how the guest sees it. */
export interface VirtualMachineDisk extends DiskOptions {
  /** Disk name; also names the volume behind it. A DNS-1123 label. */
  readonly name: string;
  /** The storage behind the disk. */
  readonly source: VolumeSource;
}

/** Properties of a `VirtualMachine`. */
export interface VirtualMachineProps {
  /**
   * Name, namespace, labels and annotations of the VirtualMachine object.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Whether KubeVirt keeps the VM running.
   * @default RunStrategy.ALWAYS
   */
  readonly runStrategy?: RunStrategy;

  /**
   * CPU topology and model. Not allowed together with `instancetype`.
   * @default - 1 socket, 1 core, 1 thread (KubeVirt's default)
   */
  readonly cpu?: CpuOptions;

  /**
   * Memory the guest sees, e.g. `Size.gibibytes(4)` or `"4Gi"`. Required unless an
   * `instancetype` or a memory request sizes the VM.
   * @default - from `instancetype` or `resources.memory.request`
   */
  readonly memory?: Size | string;

  /**
   * Requests and limits of the virt-launcher pod.
   * @default - derived by KubeVirt from CPU and memory
   */
  readonly resources?: VirtualMachineResources;

  /**
   * Back the guest memory with hugepages of this size (the nodes must offer them).
   * @default - regular pages
   */
  readonly hugepages?: HugepagesOptions;

  /**
   * IO threads for the disks (a disk gets its own with `dedicatedIoThread`).
   * @default - none
   */
  readonly ioThreads?: IoThreadsOptions;

  /**
   * Virtio multiqueue for the NICs: one queue pair per vCPU.
   * @default - KubeVirt's default (off)
   */
  readonly networkInterfaceMultiqueue?: boolean;

  /**
   * Virtio multiqueue for the disks: one queue per vCPU.
   * @default - KubeVirt's default (off)
   */
  readonly blockMultiQueue?: boolean;

  /**
   * GPUs passed through from device plugins. More with `addGpu`. A VM with a GPU does not
   * live-migrate.
   * @default - none
   */
  readonly gpus?: GpuOptions[];

  /**
   * Host devices (PCI or mediated) passed through from device plugins, as the KubeVirt CR's
   * `permittedHostDevices` lists them. More with `addHostDevice`. Needs KubeVirt's HostDevices
   * feature gate (alpha; HyperConverged turns it on). A VM with one does not live-migrate.
   * @default - none
   */
  readonly hostDevices?: HostDeviceOptions[];

  /**
   * Size the VM from an instancetype instead of `cpu` and `memory`.
   * @default - none
   */
  readonly instancetype?: Instancetype;

  /**
   * Guest OS preferences (devices, firmware, topology).
   * @default - none
   */
  readonly preference?: Preference;

  /**
   * BIOS or EFI (with optional Secure Boot).
   * @default - KubeVirt's default (BIOS)
   */
  readonly firmware?: Firmware;

  /**
   * The firmware's SMBIOS UUID and serial. Left out, both are derived from namespace and name, so
   * they are the same on every synth and cluster (KubeVirt would pick random ones on create and
   * write them into the VM, which then differs from Git). Give the running VM's values when
   * adopting a VM that exists already, so its guest keeps its identity.
   * @default - derived from namespace and name
   */
  readonly firmwareIdentity?: FirmwareIdentity;

  /**
   * A virtual TPM 2.0; `{ persistent: true }` keeps its state across restarts.
   * @default - no TPM
   */
  readonly tpm?: TpmOptions;

  /**
   * ACPI, APIC, SMM and Hyper-V enlightenments (`WindowsServer.features()` for Windows).
   * @default - KubeVirt's and the machine type's defaults (SMM on with Secure Boot)
   */
  readonly features?: GuestFeaturesOptions;

  /**
   * The guest clock and its timers (`WindowsServer.clock()` for Windows).
   * @default - KubeVirt's default (UTC, the machine type's timers)
   */
  readonly clock?: ClockOptions;

  /**
   * A tablet input device, so the VNC console's pointer matches the guest's.
   * @default - none
   */
  readonly tablet?: TabletOptions;

  /**
   * Windows answer files (`Unattend.xml`, `Autounattend.xml`) on a sysprep CD-ROM, from a
   * generated Secret or an existing Secret or ConfigMap.
   * @default - no sysprep CD-ROM
   */
  readonly sysprep?: SysprepOptions;

  /**
   * Emulated machine type, e.g. `q35` or `pc-q35-rhel9.4.0`.
   * @default - the cluster's default (q35 on x86_64)
   */
  readonly machineType?: string;

  /**
   * How long the guest gets to shut down before it is stopped.
   * @default - KubeVirt's default (180 seconds)
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * Only schedule onto nodes with these labels.
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Taints the VM tolerates. More can be added with `addToleration`.
   * @default - none
   */
  readonly tolerations?: Toleration[];

  /**
   * Node and pod (anti-)affinity, as for a Pod.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;

  /**
   * Disks, in order. More can be added with `addDisk`.
   * @default - none
   */
  readonly disks?: VirtualMachineDisk[];

  /**
   * CD-ROM drives with no disc, to insert one later by giving the drive a hotpluggable volume
   * (KubeVirt's declarative hotplug). More with `addEmptyCdrom`.
   * @default - none
   */
  readonly emptyCdroms?: EmptyCdromOptions[];

  /**
   * Cloud-init (user data, network data, SSH keys). Can also be set with `addCloudInit`.
   * @default - no cloud-init disk
   */
  readonly cloudInit?: CloudInitOptions;

  /**
   * SSH public keys injected through KubeVirt's access credentials. More with `addSshKeys`.
   * @default - none
   */
  readonly sshKeys?: SshKeysOptions;

  /**
   * The primary interface on the pod network.
   * @default - attached, with masquerade binding, written explicitly
   */
  readonly podNetwork?: PodNetworkOptions;

  /**
   * Labels and annotations of the running instance and its virt-launcher pod (what Services
   * and affinity rules select on).
   * @default - none
   */
  readonly instanceMetadata?: InstanceMetadata;

  /**
   * Whether the VM must be able to live-migrate. `REQUIRED` sets `evictionStrategy: LiveMigrate`
   * and fails the synth with every reason it could not (RWX disks, masquerade pod network, no
   * host devices, ...); `PREFERRED` sets `LiveMigrateIfPossible` and only warns.
   * @default LiveMigrationMode.OFF (no check; the cluster's eviction strategy applies)
   */
  readonly liveMigration?: LiveMigrationMode;

  /**
   * Accept that KubeVirt block-migrates container and empty disks (copies their writes during
   * the migration). Without it, `REQUIRED` wants all state on attached ReadWriteMany disks.
   * @default false
   */
  readonly allowBlockMigration?: boolean;

  /**
   * Keep the VM from GitOps deletion when it owns DataVolume templates: their disks are deleted
   * with the VM (owner reference), so a VM removed from Git or a deleted Application would take
   * them along. Adds Argo CD `Prune=false,Delete=false` and Flux `prune: disabled`; the VM is
   * then left in the cluster for a human to delete. A VM without templates is not touched.
   * @default true
   */
  readonly pruneProtection?: boolean;
}

/** A port of a Service created by `vm.exposeViaService`. */
export interface VirtualMachineServicePort {
  /** The Service's port. */
  readonly port: number;
  /**
   * The guest's port: a number, or the name of a port in `podNetwork.ports`.
   * @default - the same as `port`
   */
  readonly targetPort?: number | string;
  /**
   * Port name (required when the Service has several ports).
   * @default - unnamed
   */
  readonly name?: string;
  /** @default PortProtocol.TCP */
  readonly protocol?: PortProtocol;
  /**
   * Fixed node port (NodePort and LoadBalancer only).
   * @default - allocated by Kubernetes
   */
  readonly nodePort?: number;
}

/** Options of `vm.exposeViaService`. */
export interface ExposeViaServiceOptions {
  /** The ports to expose. */
  readonly ports: VirtualMachineServicePort[];
  /** @default kplus.ServiceType.CLUSTER_IP */
  readonly type?: kplus.ServiceType;
  /**
   * Service name.
   * @default - the VM's name (for the first Service of the VM)
   */
  readonly name?: string;
}
