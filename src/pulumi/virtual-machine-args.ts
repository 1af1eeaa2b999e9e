import * as pulumi from '@pulumi/pulumi';

/** A data disk: a blank DataVolume created with the VM. */
export interface VirtualMachineDataDiskArgs {
  /** Disk name (a DNS-1123 label). */
  name: string;
  /** Capacity, e.g. "50Gi". */
  size: string;
  /**
   * Storage class.
   * @default - the VM's storageClass
   */
  storageClass?: string;
}

/** A Multus secondary network the VM joins (a NetworkAttachmentDefinition). */
export interface VirtualMachineNetworkArgs {
  /** Name of the NetworkAttachmentDefinition. */
  network: string;
  /**
   * Its namespace.
   * @default - the VM's
   */
  networkNamespace?: string;
  /**
   * Interface name in the VM.
   * @default - the network name
   */
  interfaceName?: string;
  /**
   * A fixed address configured in the guest through cloud-init network data (use a network
   * without IPAM): with prefix ("192.168.4.1/24"), or without when ipPoolCidr is given.
   * @default - none (DHCP or the network's IPAM)
   */
  ip?: string;
  /**
   * The subnet fixed addresses come from (a `StaticIpPool`), e.g. "192.168.4.0/24": `ip` is then
   * checked against it (inside, not the network, broadcast, gateway or a reserved address) and
   * gets its prefix length.
   * @default - none
   */
  ipPoolCidr?: string;
  /**
   * The pool's gateway: never accepted as a VM's address.
   * @default - none
   */
  ipPoolGateway?: string;
  /**
   * Addresses of the pool that are never handed out: "192.168.4.10", ranges "a-b" or CIDRs.
   * @default - none
   */
  ipPoolReserved?: string[];
}

/** Arguments of the Pulumi `VirtualMachine` (flat, so every Pulumi language can pass them). */
export interface VirtualMachineArgs {
  /**
   * Name of the VirtualMachine.
   * @default - the Pulumi resource name
   */
  vmName?: string;
  /**
   * Namespace.
   * @default "default"
   */
  namespace?: string;
  /**
   * Create the namespace (first; kept on destroy while it holds disks). Set false when it
   * exists already, e.g. made by another VM of the stack.
   * @default true (never for default and the kube-* and openshift-* namespaces)
   */
  createNamespace?: boolean;
  /**
   * vCPU cores.
   * @default 1
   */
  cores?: number;
  /** Guest memory, e.g. "4Gi". */
  memory: string;
  /**
   * "Always", "RerunOnFailure", "Manual" or "Halted".
   * @default "Always"
   */
  runStrategy?: string;
  /**
   * Root disk from a container image (ephemeral), e.g. "quay.io/containerdisks/fedora:40".
   * @default - none; give this or rootDiskImageUrl
   */
  containerDiskImage?: string;
  /**
   * Root disk imported over http(s) by CDI into a DataVolume (persistent).
   * @default - none
   */
  rootDiskImageUrl?: string;
  /**
   * Size of the imported root disk.
   * @default "30Gi"
   */
  rootDiskSize?: string;
  /**
   * Storage class of the VM's DataVolumes.
   * @default - the cluster's default
   */
  storageClass?: string;
  /**
   * The storage class binds late (WaitForFirstConsumer): disks are ready once they wait for the VM.
   * @default false
   */
  storageBindsLate?: boolean;
  /**
   * Access mode of the VM's DataVolumes.
   * @default "ReadWriteMany" (so the VM can live-migrate)
   */
  accessMode?: string;
  /**
   * Blank data disks.
   * @default - none
   */
  dataDisks?: VirtualMachineDataDiskArgs[];
  /**
   * Keep the VM's disks (root disk import, data disks) on `pulumi destroy`; the VM is deleted.
   * False deletes them with the VM.
   * @default true
   */
  keepDisksOnDestroy?: boolean;
  /**
   * Keep the VM itself on `pulumi destroy`, its disks staying its own: for a VM created by
   * kubevirt-constructs 0.1.0, whose disks already exist and belong to it.
   * @default false
   */
  retainVmOnDestroy?: boolean;
  /**
   * Multus secondary networks.
   * @default - none
   */
  networks?: VirtualMachineNetworkArgs[];
  /**
   * Ports the guest serves on the pod network (masquerade forwards only these when given).
   * @default - all ports
   */
  podNetworkPorts?: number[];
  /**
   * Ports of a ClusterIP Service named like the VM that reaches the guest.
   * @default - no Service
   */
  servicePorts?: number[];
  /**
   * SSH public keys ("ssh-ed25519 AAAA..."), put into a Secret and injected through cloud-init.
   * Keys from other resources (Outputs) go into a Secret of their own, as Pulumi secrets.
   * @default - none
   */
  sshPublicKeys?: pulumi.Input<string>[];
  /**
   * Cloud-init user data (`#cloud-config` ...), e.g. from a secret config value or another
   * resource. Kept as a Pulumi secret and written only into a Kubernetes Secret.
   * @default - none
   */
  userData?: pulumi.Input<string>;
  /**
   * "required", "preferred" or "off": see `LiveMigrationMode`.
   * @default "off"
   */
  liveMigration?: string;
  /**
   * A running VM makes `pulumi up` wait until it is Ready (halted and manual VMs never wait).
   * @default true
   */
  waitForReady?: boolean;
  /**
   * How long the VM may take to become Ready, e.g. "15m".
   * @default "10m" (the provider's)
   */
  readyTimeout?: string;
  /**
   * How long disk imports may take, e.g. "1h".
   * @default "30m"
   */
  diskTimeout?: string;
  /**
   * Read the guest's addresses from its VirtualMachineInstance once Ready (output ipAddresses).
   * The read fails while the VM is stopped: set false for VMs stopped by hand.
   * @default true for running VMs that wait for Ready
   */
  readGuestIps?: boolean;
  /**
   * Take over a VM (and its Secrets and Service) that exists already; needs a provider with
   * `upsertExistingObjects: true`. See ChartDeployment's adoptExisting.
   * @default false
   */
  adoptExisting?: boolean;
}
