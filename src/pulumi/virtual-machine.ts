import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Chart } from 'cdk8s';
import { ChartDeployment, inMemoryApp, plainResources } from './chart-deployment';
import { asResourceError } from './resource-error';
import { notOneOf, show } from '../common/errors';
import { RunStrategy } from '../compute/run-strategy';
import * as compute from '../compute/virtual-machine';
import { LiveMigrationMode } from '../model/live-migration';
import { NetworkAttachmentDefinition } from '../network/network-attachment-definition';
import { DataVolumeSource } from '../storage/data-volume-source';
import { AccessMode } from '../storage/storage-options';
import { VolumeSource } from '../storage/volume-source';

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

/** A Multus secondary network the VM joins (a NetworkAttachmentDefinition that exists). */
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
   * A fixed address with prefix, e.g. "192.168.4.1/24", configured in the guest through
   * cloud-init network data (use a network without IPAM).
   * @default - none (DHCP or the network's IPAM)
   */
  ip?: string;
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
   * Root disk imported over http(s) by CDI into a DataVolume owned by the VM (persistent).
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
   * SSH public keys, put into a Secret and injected through cloud-init.
   * @default - none
   */
  sshPublicKeys?: string[];
  /**
   * Cloud-init user data (`#cloud-config` ...). Kept as a Pulumi secret and written only into
   * a Kubernetes Secret.
   * @default - none
   */
  userData?: pulumi.Input<string>;
  /**
   * "required", "preferred" or "off": see `LiveMigrationMode`.
   * @default "off"
   */
  liveMigration?: string;
}

/** `value`, or `fallback` when undefined; throws when it is not a value of `enumObject`. */
function oneOf<T extends string>(field: string, value: string | undefined, enumObject: Record<string, T>, fallback: T): T {
  if (value === undefined) return fallback;
  const problem = notOneOf(value, enumObject);
  if (problem) throw new Error(`VirtualMachine: ${field} ${show(value)} ${problem}`);
  return value as T;
}

/**
 * A KubeVirt VM for Pulumi programs in any language: flat arguments mapped onto the cdk8s
 * `VirtualMachine` construct (same validation, same manifest) and deployed with
 * `ChartDeployment` (disks retained on delete). Put it after the runtime with
 * `dependsOn: [runtime]`.
 */
export class VirtualMachine extends pulumi.ComponentResource {
  /** The VM's name in the cluster. */
  public readonly vmName: pulumi.Output<string>;
  /** The URNs of the deployed objects by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;

  public constructor(name: string, args: VirtualMachineArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:VirtualMachine', name, {}, opts);
    const namespace = args.namespace ?? 'default';
    const vmName = args.vmName ?? name;
    this.vmName = pulumi.output(vmName);
    const app = inMemoryApp();
    const { vm, accessMode } = asResourceError(this, () => declareVm(new Chart(app, name, { namespace }), vmName, args));
    if ((args.containerDiskImage === undefined) === (args.rootDiskImageUrl === undefined)) {
      throw new pulumi.ResourceError(`VirtualMachine ${name}: give exactly one of containerDiskImage and rootDiskImageUrl for the root disk`, this);
    }
    const dependsOn = asResourceError(this, () => {
      addDisksAndNetworks(vm, accessMode, args);
      return this.addCloudInit(vm, vmName, namespace, args);
    });
    const deployment = new ChartDeployment(`${name}-objects`, { chart: app }, { parent: this, dependsOn: [...plainResources(opts.dependsOn), ...dependsOn] });
    this.urns = deployment.urns;
    this.registerOutputs({ vmName: this.vmName, urns: this.urns });
  }

  /** Cloud-init for user data, fixed IPs and SSH keys; returns the Secret the VM depends on, if any. */
  private addCloudInit(vm: compute.VirtualMachine, vmName: string, namespace: string, args: VirtualMachineArgs): pulumi.Resource[] {
    if (args.sshPublicKeys && args.sshPublicKeys.length > 0) vm.addSshKeys({ publicKeys: args.sshPublicKeys });
    // User data may be a secret computed elsewhere: it goes into a Secret made here, never into
    // the synthesized manifest.
    if (args.userData !== undefined) {
      const userDataSecret = `${vmName}-user-data`;
      vm.addCloudInit({ userDataSecret });
      return [new k8s.core.v1.Secret(`secret-${namespace}-${userDataSecret}`, {
        metadata: { name: userDataSecret, namespace },
        type: 'Opaque',
        stringData: { userdata: pulumi.secret(args.userData) },
      }, { parent: this, retainOnDelete: false })];
    }
    if (vm.networkAttachments.some((a) => a.ip !== undefined) || (args.sshPublicKeys?.length ?? 0) > 0) {
      // Fixed IPs and SSH keys reach the guest through cloud-init.
      vm.addCloudInit({ userData: { ssh_pwauth: false } });
    }
    return [];
  }
}

/** The cdk8s VirtualMachine for the flat arguments (without disks and networks yet), and the disks' access mode. */
function declareVm(chart: Chart, vmName: string, args: VirtualMachineArgs): { vm: compute.VirtualMachine; accessMode: AccessMode } {
  const runStrategy = oneOf('runStrategy', args.runStrategy, RunStrategy, RunStrategy.ALWAYS);
  const liveMigration = oneOf('liveMigration', args.liveMigration, LiveMigrationMode, LiveMigrationMode.OFF);
  const accessMode = oneOf('accessMode', args.accessMode, AccessMode, AccessMode.READ_WRITE_MANY);
  const vm = new compute.VirtualMachine(chart, 'vm', {
    metadata: { name: vmName },
    cpu: args.cores !== undefined ? { cores: args.cores } : undefined,
    memory: args.memory,
    runStrategy,
    liveMigration,
    podNetwork: args.podNetworkPorts ? { ports: args.podNetworkPorts.map((port) => ({ port })) } : undefined,
  });
  return { vm, accessMode };
}

/** The root disk, the data disks and the secondary networks. */
function addDisksAndNetworks(vm: compute.VirtualMachine, accessMode: AccessMode, args: VirtualMachineArgs): void {
  vm.addDisk('rootdisk', args.containerDiskImage !== undefined
    ? VolumeSource.containerDisk(args.containerDiskImage)
    : VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.http(args.rootDiskImageUrl!),
      size: args.rootDiskSize ?? '30Gi',
      storageClassName: args.storageClass,
      accessModes: [accessMode],
    }), { bootOrder: 1 });
  for (const disk of args.dataDisks ?? []) {
    vm.addDisk(disk.name, VolumeSource.dataVolumeTemplate({
      source: DataVolumeSource.blank(),
      size: disk.size,
      storageClassName: disk.storageClass ?? args.storageClass,
      accessModes: [accessMode],
    }));
  }
  for (const network of args.networks ?? []) {
    vm.attachNetwork(NetworkAttachmentDefinition.fromName(network.network, network.networkNamespace), {
      interfaceName: network.interfaceName,
      ip: network.ip,
    });
  }
}
