import * as pulumi from '@pulumi/pulumi';
import { ApiObject, Chart } from 'cdk8s';
import { ChartDeployment, inMemoryApp, plainResources } from './chart-deployment';
import { isPlatformNamespace } from './namespaces';
import { asResourceError } from './resource-error';
import { VirtualMachineArgs, VirtualMachineNetworkArgs } from './virtual-machine-args';
import { notOneOf, show } from '../common/errors';
import { RunStrategy } from '../compute/run-strategy';
import * as compute from '../compute/virtual-machine';
import { WorkloadNamespace } from '../core/workload-namespace';
import { LiveMigrationMode } from '../model/live-migration';
import { NetworkAttachmentDefinition } from '../network/network-attachment-definition';
import { StaticIp } from '../network/static-ip';
import { StaticIpPool } from '../network/static-ip-pool';
import { DataVolumeSource } from '../storage/data-volume-source';
import { AccessMode } from '../storage/storage-options';
import { VolumeSource } from '../storage/volume-source';

export { VirtualMachineArgs, VirtualMachineDataDiskArgs, VirtualMachineNetworkArgs } from './virtual-machine-args';

/**
 * `value`, or `fallback` when undefined; throws, naming the component `name`, when it is not a
 * value of `enumObject` (Pulumi programs in other languages pass plain strings).
 */
function oneOf<T extends string>(name: string, field: string, value: string | undefined, enumObject: Record<string, T>, fallback: T): T {
  if (value === undefined) return fallback;
  const problem = notOneOf(value, enumObject);
  if (problem) throw new Error(`VirtualMachine ${name}: ${field} ${show(value)} ${problem}: write one of them, or leave ${field} out for ${show(fallback)}`);
  return value as T;
}

/**
 * A KubeVirt VM for Pulumi programs in any language: flat arguments mapped onto the cdk8s
 * `VirtualMachine` construct (same validation, same manifest) and deployed with
 * `ChartDeployment`: its namespace first (unless it exists), disks kept on destroy while the VM
 * is deleted, and `pulumi up` waiting until a running VM is Ready. Put it after the runtime
 * with `dependsOn: [runtime]`.
 */
export class VirtualMachine extends pulumi.ComponentResource {
  /** The VM's name in the cluster. */
  public readonly vmName: pulumi.Output<string>;
  /** Its namespace. */
  public readonly namespace: pulumi.Output<string>;
  /** The Services that reach the guest (the one of servicePorts, named like the VM). */
  public readonly serviceNames: pulumi.Output<string[]>;
  /** Their ports. */
  public readonly servicePorts: pulumi.Output<number[]>;
  /** The guest's addresses from its VirtualMachineInstance, once Ready (empty when not read). */
  public readonly ipAddresses: pulumi.Output<string[]>;
  /** The URNs of the deployed objects by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;

  public constructor(name: string, args: VirtualMachineArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:VirtualMachine', name, {}, opts);
    const namespace = args.namespace ?? 'default';
    const vmName = args.vmName ?? name;
    const app = inMemoryApp();
    const chart = new Chart(app, name, { namespace });
    const { vm, accessMode, running } = asResourceError(this, () => declareVm(chart, name, vmName, args));
    if ((args.containerDiskImage === undefined) === (args.rootDiskImageUrl === undefined)) {
      throw new pulumi.ResourceError(`VirtualMachine ${name}: give exactly one of containerDiskImage and rootDiskImageUrl for the root disk`, this);
    }
    const lateSecrets = asResourceError(this, () => {
      addDisksAndNetworks(chart, vm, vmName, accessMode, args);
      if (args.servicePorts && args.servicePorts.length > 0) vm.exposeViaService({ ports: servicePortsOf(args.servicePorts) });
      // A namespace of the chart is created first and kept while it holds disks.
      if (args.createNamespace !== false && !isPlatformNamespace(namespace)) new WorkloadNamespace(chart, 'namespace', { name: namespace });
      return addCloudInit(chart, vm, vmName, args);
    });
    const deployment = new ChartDeployment(`${name}-objects`, {
      chart: app,
      createNamespaces: false,
      // Other components may put objects into it: destroying this one must not delete them.
      retainNamespaces: true,
      deleteDisksWithVms: args.keepDisksOnDestroy === false && ownsDisks(args) ? [`VirtualMachine/${namespace}/${vmName}`] : undefined,
      retainVms: args.retainVmOnDestroy === true && ownsDisks(args) ? [`VirtualMachine/${namespace}/${vmName}`] : undefined,
      readiness: {
        waitForVms: args.waitForReady, vmTimeout: args.readyTimeout, diskTimeout: args.diskTimeout, storageBindsLate: args.storageBindsLate,
      },
      adoptExisting: args.adoptExisting,
      secretStringData: Object.fromEntries(Object.entries(lateSecrets).map(([secret, values]) => [`Secret/${namespace}/${secret}`, values])),
    }, { parent: this, dependsOn: plainResources(opts.dependsOn) });
    this.vmName = pulumi.output(vmName);
    this.namespace = pulumi.output(namespace);
    const services = deployment.servicesOf(namespace, vmName);
    this.serviceNames = pulumi.output(services.map((s) => s.name));
    this.servicePorts = pulumi.output(services.flatMap((s) => s.ports.map((p) => p.port)));
    const readIps = args.readGuestIps ?? (running && args.waitForReady !== false);
    this.ipAddresses = readIps ? deployment.guestIpAddresses(namespace, vmName) : pulumi.output([]);
    this.urns = deployment.urns;
    this.registerOutputs({
      vmName: this.vmName,
      namespace: this.namespace,
      serviceNames: this.serviceNames,
      servicePorts: this.servicePorts,
      ipAddresses: this.ipAddresses,
      urns: this.urns,
    });
  }
}

/** Whether the VM gets DataVolume templates (an imported root disk or data disks). */
function ownsDisks(args: VirtualMachineArgs): boolean {
  return args.rootDiskImageUrl !== undefined || (args.dataDisks?.length ?? 0) > 0;
}

/** Service ports for port numbers: named `port-<n>` when there are several (a Service must name each). */
function servicePortsOf(ports: number[]) {
  return ports.map((port) => (ports.length > 1 ? { name: `port-${port}`, port } : { port }));
}

/** The cdk8s VirtualMachine for the flat arguments (without disks and networks yet), the disks' access mode, and whether it runs. */
function declareVm(chart: Chart, name: string, vmName: string, args: VirtualMachineArgs) {
  const runStrategy = oneOf(name, 'runStrategy', args.runStrategy, RunStrategy, RunStrategy.ALWAYS);
  const liveMigration = oneOf(name, 'liveMigration', args.liveMigration, LiveMigrationMode, LiveMigrationMode.OFF);
  const accessMode = oneOf(name, 'accessMode', args.accessMode, AccessMode, AccessMode.READ_WRITE_MANY);
  const vm = new compute.VirtualMachine(chart, 'vm', {
    metadata: { name: vmName },
    cpu: args.cores !== undefined ? { cores: args.cores } : undefined,
    memory: args.memory,
    runStrategy,
    liveMigration,
    podNetwork: args.podNetworkPorts ? { ports: args.podNetworkPorts.map((port) => ({ port })) } : undefined,
  });
  const running = runStrategy === RunStrategy.ALWAYS || runStrategy === RunStrategy.RERUN_ON_FAILURE;
  return { vm, accessMode, running };
}

/** The root disk, the data disks and the secondary networks. */
function addDisksAndNetworks(chart: Chart, vm: compute.VirtualMachine, vmName: string, accessMode: AccessMode, args: VirtualMachineArgs): void {
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
  (args.networks ?? []).forEach((network, i) => {
    vm.attachNetwork(NetworkAttachmentDefinition.fromName(network.network, network.networkNamespace), {
      interfaceName: network.interfaceName,
      ip: fixedAddress(chart, `network-${i}-ips`, `${vmName}/${network.interfaceName ?? network.network}`, network),
    });
  });
}

/** The interface's fixed address: as written, or checked against its pool (which adds prefix and gateway). */
function fixedAddress(chart: Chart, id: string, owner: string, network: VirtualMachineNetworkArgs): string | StaticIp | undefined {
  if (network.ipPoolCidr === undefined) return network.ip;
  if (network.ip === undefined) {
    // Each VM component plans its addresses alone: a "next free" address would repeat across VMs.
    // The chart is named after the component, so its id names the resource.
    throw new Error(`VirtualMachine ${chart.node.id}: network ${show(network.network)} has ipPoolCidr ${show(network.ipPoolCidr)} but no ip: give the address, e.g. ip: "${network.ipPoolCidr.replace(/\.\d+\/\d+$/, '.10')}"`);
  }
  const pool = new StaticIpPool(chart, id, { cidr: network.ipPoolCidr, gateway: network.ipPoolGateway, reserved: network.ipPoolReserved });
  return pool.allocate(owner, network.ip);
}

/** Values of Secrets the chart declares without data, by Secret name: filled in by ChartDeployment. */
type LateSecrets = Record<string, Record<string, pulumi.Input<string>>>;

/**
 * Cloud-init for user data, fixed IPs and SSH keys. Values that may be Outputs of other resources
 * (user data, keys) go into Secrets the chart declares without data; ChartDeployment fills them
 * in as Pulumi secrets, so they never reach the rendered manifest.
 */
function addCloudInit(chart: Chart, vm: compute.VirtualMachine, vmName: string, args: VirtualMachineArgs): LateSecrets {
  const late: LateSecrets = {};
  const declareSecret = (name: string, values: Record<string, pulumi.Input<string>>) => {
    new ApiObject(chart, name, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque' });
    late[name] = values;
  };
  const keys = args.sshPublicKeys ?? [];
  if (keys.length > 0 && keys.every((key): key is string => typeof key === 'string')) {
    vm.addSshKeys({ publicKeys: keys });
  } else if (keys.length > 0) {
    // Keys computed elsewhere (e.g. a generated key pair): checked by nobody here, written as given.
    declareSecret(`${vmName}-ssh-keys`, Object.fromEntries(keys.map((key, i) => [`key${i + 1}`, key])));
    vm.addSshKeys({ secretName: `${vmName}-ssh-keys` });
  }
  if (args.userData !== undefined) {
    declareSecret(`${vmName}-user-data`, { userdata: pulumi.secret(args.userData) });
    vm.addCloudInit({ userDataSecret: `${vmName}-user-data` });
  } else if (vm.networkAttachments.some((a) => a.ip !== undefined) || keys.length > 0) {
    // Fixed IPs and SSH keys reach the guest through cloud-init.
    vm.addCloudInit({ userData: { ssh_pwauth: false } });
  }
  return late;
}
