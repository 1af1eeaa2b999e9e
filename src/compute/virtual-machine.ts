import { ApiObject, ApiObjectMetadata, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { CloudInitDatasource, CloudInitOptions, renderNetworkData, renderUserData } from './cloud-init';
import { CpuModel } from './cpu-model';
import { Firmware } from './firmware';
import { Instancetype, Preference } from './instancetype';
import { RunStrategy } from './run-strategy';
import { SshKeyPropagation, SshKeysOptions, validatePublicKey } from './ssh-keys';
import { Toleration, tolerationProblem } from './toleration';
import * as kubevirt from '../../imports/kubevirt.io';
import { constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../common/names';
import { byteQuantity, parseQuantity, sizeToQuantity } from '../common/quantity';
import { ALLOW_BLOCK_MIGRATION_ANNOTATION, EVICTION_STRATEGY_OF_MODE, LiveMigrationMode, LiveMigrationReport } from '../model/live-migration';
import { INetworkAttachment, noteExternalNetwork } from '../network/network-attachment';
import { PodNetworkOptions, PortProtocol, portNumberProblem } from '../network/pod-network';
import { AttachNetworkOptions, NetworkAttachment } from '../network/secondary-network';
import { PodNetworkSettings, VmInterfaces } from '../network/vm-interfaces';
import { DiskBus, DiskOptions, DiskType } from '../storage/disk';
import { VolumeSource } from '../storage/volume-source';
import { AppValidation } from '../validation/app-validation';
import { qualifiedName } from '../model/object-index';

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
   * Whether the VM must be able to live-migrate. \`REQUIRED\` sets \`evictionStrategy: LiveMigrate\`
   * and fails the synth with every reason it could not (RWX disks, masquerade pod network, no
   * host devices, ...); \`PREFERRED\` sets \`LiveMigrateIfPossible\` and only warns.
   * @default LiveMigrationMode.OFF (no check; the cluster's eviction strategy applies)
   */
  readonly liveMigration?: LiveMigrationMode;

  /**
   * Accept that KubeVirt block-migrates container and empty disks (copies their writes during
   * the migration). Without it, \`REQUIRED\` wants all state on attached ReadWriteMany disks.
   * @default false
   */
  readonly allowBlockMigration?: boolean;
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

/** The label KubeVirt puts on a VM's virt-launcher pod. */
export const VM_NAME_LABEL = 'vm.kubevirt.io/name';

interface ServiceState {
  readonly name: string;
}

type Volume = kubevirt.VirtualMachineSpecTemplateSpecVolumes;
type Disk = kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesDisks;

interface CloudInitState {
  readonly datasource: CloudInitDatasource;
  readonly diskName: string;
  /** Existing Secrets named by the user. */
  readonly userDataSecret?: string;
  readonly networkDataSecret?: string;
  /** User data and network data given here, for the generated Secret. */
  readonly userData?: string;
  readonly networkData?: string;
}

interface SshKeysState {
  readonly secretName: string;
  readonly propagation?: SshKeyPropagation;
}

/** KubeVirt names the pod volume `<secret>-access-cred`; pod volume names are DNS labels (63). */
const MAX_ACCESS_CREDENTIAL_SECRET_NAME = 63 - '-access-cred'.length;

const DEFAULT_BUS: Record<DiskType, DiskBus> = {
  [DiskType.DISK]: DiskBus.VIRTIO,
  [DiskType.CDROM]: DiskBus.SATA,
  [DiskType.LUN]: DiskBus.SCSI,
};

/**
 * A KubeVirt VirtualMachine (`kubevirt.io/v1`), declared as plainly as a Deployment.
 *
 * The manifest is rendered at synth time, so disks, cloud-init and SSH keys added after
 * construction are included. Bad input throws with the construct path, the value and the fix.
 *
 * @see https://kubevirt.io/user-guide/
 */
export class VirtualMachine extends kplus.Resource {
  /** @see kplus.Resource */
  public readonly resourceType = 'virtualmachines';

  /** The run strategy. */
  public readonly runStrategy: RunStrategy;

  /** Guest memory as a Kubernetes quantity, when set. */
  public readonly memory?: string;

  /** The instancetype, when the VM is sized by one. */
  public readonly instancetype?: Instancetype;

  /** The preference, when set. */
  public readonly preference?: Preference;

  /** The pod network settings in effect. */
  public readonly podNetwork: PodNetworkSettings;

  /** How strictly live migration is checked. */
  public readonly liveMigration: LiveMigrationMode;

  protected readonly apiObject: ApiObject;

  private readonly props: VirtualMachineProps;
  private readonly memoryRequest?: string;
  private readonly memoryLimit?: string;
  private readonly _disks: VirtualMachineDisk[] = [];
  private readonly _tolerations: Toleration[] = [];
  private readonly _sshKeys: SshKeysState[] = [];
  private _cloudInit?: CloudInitState;
  private cloudInitSecret?: ApiObject;
  private readonly interfaces: VmInterfaces;
  private readonly services: ServiceState[] = [];

  public constructor(scope: Construct, id: string, props: VirtualMachineProps = {}) {
    super(scope, id);
    this.props = props;
    this.apiObject = new kubevirt.VirtualMachine(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });

    AppValidation.of(this);
    this.checkName();
    this.liveMigration = this.checkLiveMigration();
    this.runStrategy = this.checkRunStrategy(props.runStrategy ?? RunStrategy.ALWAYS);
    this.instancetype = props.instancetype;
    this.preference = props.preference;
    this.checkSizing();
    this.memory = props.memory === undefined ? undefined : this.quantity('memory', props.memory);
    this.memoryRequest = this.optionalQuantity('resources.memory.request', props.resources?.memory?.request);
    this.memoryLimit = this.optionalQuantity('resources.memory.limit', props.resources?.memory?.limit);
    this.checkResources();
    this.checkMachine();
    this.interfaces = new VmInterfaces(this, props.podNetwork ?? {});
    this.podNetwork = this.interfaces.pod;

    for (const toleration of props.tolerations ?? []) this.addToleration(toleration);
    for (const disk of props.disks ?? []) this.addDisk(disk.name, disk.source, disk);
    if (props.cloudInit) this.addCloudInit(props.cloudInit);
    if (props.sshKeys) this.addSshKeys(props.sshKeys);

    this.node.addValidation({ validate: () => [...this.validateSshPropagation(), ...this.validateNetworkData()] });
  }

  /**
   * Why the VM could not live-migrate, judged from its manifest and the rest of the app
   * (claims and DataVolumes declared elsewhere in it count). Empty blockers: it can.
   */
  public migrationReport(): LiveMigrationReport {
    return AppValidation.of(this)._migrationReportOf(this)!;
  }

  /** The namespace the VM is created in, if one is set (explicitly or by the chart). */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** The VM's disks, in order (the cloud-init disk is not listed). */
  public get disks(): VirtualMachineDisk[] {
    return [...this._disks];
  }

  /** The cloud-init datasource, when the VM has cloud-init. */
  public get cloudInitDatasource(): CloudInitDatasource | undefined {
    return this._cloudInit?.datasource;
  }

  /**
   * Adds a disk backed by `source`. The volume behind it gets the same name.
   *
   * @param name disk name, a DNS-1123 label unique within the VM
   * @param source the storage behind the disk
   * @param options how the guest sees the disk
   */
  public addDisk(name: string, source: VolumeSource, options: DiskOptions = {}): VirtualMachineDisk {
    const problem = dnsLabelProblem(name);
    if (problem) throw constructError(this, `disk name ${show(name)} ${problem}`);
    if (this.diskNames().includes(name)) {
      throw constructError(this, `disk name ${show(name)} is used twice: every disk of a VM needs its own name`);
    }
    if (!(source instanceof VolumeSource)) {
      throw constructError(this, `disk ${show(name)}: source must be a VolumeSource, e.g. VolumeSource.containerDisk("quay.io/containerdisks/fedora:40")`);
    }
    const type = options.type ?? DiskType.DISK;
    const badType = notOneOf(type, DiskType);
    if (badType) throw constructError(this, `disk ${show(name)}: type ${show(type)} ${badType}: use DiskType.DISK, DiskType.CDROM or DiskType.LUN`);
    const bus = options.bus ?? DEFAULT_BUS[type];
    const badBus = notOneOf(bus, DiskBus);
    if (badBus) throw constructError(this, `disk ${show(name)}: bus ${show(bus)} ${badBus}`);
    if (type === DiskType.CDROM && bus === DiskBus.VIRTIO) {
      throw constructError(this, `disk ${show(name)}: a CD-ROM cannot use the virtio bus: use DiskBus.SATA (the default for CD-ROMs) or DiskBus.SCSI`);
    }
    if (options.bootOrder !== undefined) {
      if (!Number.isInteger(options.bootOrder) || options.bootOrder < 1) {
        throw constructError(this, `disk ${show(name)}: bootOrder ${show(options.bootOrder)} must be a whole number of at least 1 (1 boots first)`);
      }
      const clash = this._disks.find((d) => d.bootOrder === options.bootOrder);
      if (clash) {
        throw constructError(this, `disk ${show(name)}: bootOrder ${options.bootOrder} is already used by disk ${show(clash.name)}: give each boot disk its own order`);
      }
    }
    if (source.claimName !== undefined) {
      const clash = this._disks.find((d) => d.source.claimName === source.claimName);
      if (clash) {
        throw constructError(this, `disk ${show(name)}: ${show(source.claimName)} is already attached as disk ${show(clash.name)}: a claim can back only one disk of a VM`);
      }
    }
    if (source.dataVolumeSource?.needsNamespace && this.namespace === undefined) {
      throw constructError(this, `disk ${show(name)}: the DataVolume template's ${source.dataVolumeSource.kind} source has no namespace and neither has the VM: give the namespace to DataVolumeSource.${source.dataVolumeSource.kind}(name, namespace), or set metadata.namespace (or the chart's namespace)`);
    }
    if (source.claimName !== undefined && source.target === undefined && source.accessModes !== undefined && !source.dataVolumeSource) {
      AppValidation.of(this)._addKnownClaim(qualifiedName(this.namespace, source.claimName), [...source.accessModes]);
    }
    const disk: VirtualMachineDisk = { ...options, name, source, type, bus };
    this._disks.push(disk);
    return disk;
  }

  /**
   * Gives the VM cloud-init. User and network data go into a Secret generated next to the VM
   * (`<vm name>-cloud-init`) unless existing Secrets are named.
   */
  public addCloudInit(options: CloudInitOptions): void {
    if (this._cloudInit) {
      throw constructError(this, 'cloud-init is already configured: a VM has one cloud-init disk; put everything into one addCloudInit(...) call');
    }
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    const badDatasource = notOneOf(datasource, CloudInitDatasource);
    if (badDatasource) throw constructError(this, `cloud-init datasource ${show(datasource)} ${badDatasource}`);
    const diskName = options.diskName ?? 'cloudinitdisk';
    const nameProblem = dnsLabelProblem(diskName);
    if (nameProblem) throw constructError(this, `cloud-init diskName ${show(diskName)} ${nameProblem}`);
    if (this._disks.some((d) => d.name === diskName)) {
      throw constructError(this, `cloud-init diskName ${show(diskName)} is already a disk of this VM: pass another diskName`);
    }
    if (options.userDataSecret !== undefined && (options.userData !== undefined || options.sshAuthorizedKeys !== undefined)) {
      throw constructError(this, 'cloud-init: userDataSecret names an existing Secret, so userData and sshAuthorizedKeys cannot be given too: put them into that Secret, or drop userDataSecret');
    }
    if (options.networkDataSecret !== undefined && options.networkData !== undefined) {
      throw constructError(this, 'cloud-init: networkDataSecret names an existing Secret, so networkData cannot be given too: put it into that Secret, or drop networkDataSecret');
    }
    for (const [prop, value] of [['userDataSecret', options.userDataSecret], ['networkDataSecret', options.networkDataSecret]] as const) {
      const problem = value === undefined ? undefined : dnsSubdomainProblem(value);
      if (problem) throw constructError(this, `cloud-init ${prop} ${show(value)} ${problem}`);
    }

    const userData = renderUserData(options);
    if (userData.problem) throw constructError(this, `cloud-init: ${userData.problem}`);
    const networkData = options.networkData === undefined ? undefined : renderNetworkData(options.networkData);
    const delivers = [options.userDataSecret, userData.text, networkData, options.networkDataSecret].some((v) => v !== undefined)
      || this.interfaces.configuresAddresses;
    if (!delivers) {
      throw constructError(this, 'cloud-init has nothing to deliver: give userData, networkData, sshAuthorizedKeys or an existing Secret');
    }
    this._cloudInit = {
      datasource,
      diskName,
      userDataSecret: options.userDataSecret,
      networkDataSecret: options.networkDataSecret,
      userData: userData.text,
      networkData,
    };
    this.ensureCloudInitSecret();
  }

  /**
   * Attaches the VM to a Multus secondary network (a `NetworkAttachmentDefinition`, an
   * `OpenShiftAdditionalNetworks` entry, or `NetworkAttachmentDefinition.fromName(...)`).
   *
   * With `ip`, the address is configured in the guest through generated cloud-init network
   * data (NoCloud), matched by MAC address; the VM then needs cloud-init (`addCloudInit`).
   * Returns the attachment with the addresses the guest gets.
   */
  public attachNetwork(network: INetworkAttachment, options: AttachNetworkOptions = {}): NetworkAttachment {
    const attachment = this.interfaces.attach(network, options);
    noteExternalNetwork(this, network, this.namespace);
    this.ensureCloudInitSecret();
    return attachment;
  }

  /** The VM's secondary network attachments, in order. */
  public get networkAttachments(): NetworkAttachment[] {
    return this.interfaces.attachments;
  }

  /**
   * Creates a Service that selects the VM's virt-launcher pod by the `vm.kubevirt.io/name`
   * label (what `virtctl expose` does), for ports the guest serves on the pod network.
   */
  public exposeViaService(options: ExposeViaServiceOptions): k8s.KubeService {
    const fail = (problem: string): never => {
      throw constructError(this, `exposeViaService: ${problem}`);
    };
    const type = options?.type ?? kplus.ServiceType.CLUSTER_IP;
    const types = [kplus.ServiceType.CLUSTER_IP, kplus.ServiceType.NODE_PORT, kplus.ServiceType.LOAD_BALANCER];
    if (!types.includes(type)) fail(`type ${show(type)} cannot select pods: use ClusterIP, NodePort or LoadBalancer`);
    const name = options.name ?? (this.services.length === 0 ? this.name : undefined);
    if (name === undefined) fail(`the VM has a Service already (${show(this.services[0].name)}): give this one a name`);
    const nameProblem = dnsLabelProblem(name!);
    if (nameProblem) fail(`name ${show(name)} ${nameProblem}`);
    if (this.services.some((svc) => svc.name === name)) fail(`name ${show(name)} is taken by another Service of this VM: pass another name`);
    const ports = options.ports;
    if (!Array.isArray(ports) || ports.length === 0) fail('ports is empty: list the ports to expose, e.g. [{ port: 22 }]');
    ports.forEach((p, i) => {
      const portProblem = portNumberProblem(p.port);
      if (portProblem) fail(`ports[${i}].port ${show(p.port)} ${portProblem}`);
      if (ports.length > 1 && p.name === undefined) fail(`ports[${i}] needs a name: a Service with several ports must name each one`);
      if (p.name !== undefined) {
        const problem = dnsLabelProblem(p.name);
        if (problem) fail(`ports[${i}].name ${show(p.name)} ${problem}`);
      }
      if (p.nodePort !== undefined) {
        if (type === kplus.ServiceType.CLUSTER_IP) fail(`ports[${i}].nodePort needs type NodePort or LoadBalancer`);
        const nodePortProblem = portNumberProblem(p.nodePort);
        if (nodePortProblem) fail(`ports[${i}].nodePort ${show(p.nodePort)} ${nodePortProblem} (usually 30000-32767)`);
      }
      const protocol = p.protocol ?? PortProtocol.TCP;
      const badProtocol = notOneOf(protocol, PortProtocol);
      if (badProtocol) fail(`ports[${i}].protocol ${show(protocol)} ${badProtocol}`);
      const problem = this.interfaces.servicePortProblem(p.targetPort ?? p.port);
      if (problem) fail(`ports[${i}]: ${problem}`);
    });
    const service = new k8s.KubeService(this, `Service${this.services.length === 0 ? '' : this.services.length + 1}`, {
      metadata: this.childMetadata(name!),
      spec: {
        type,
        selector: { [VM_NAME_LABEL]: this.name },
        ports: ports.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: p.targetPort === undefined ? undefined : typeof p.targetPort === 'string' ? k8s.IntOrString.fromString(p.targetPort) : k8s.IntOrString.fromNumber(p.targetPort),
          protocol: p.protocol ?? PortProtocol.TCP,
          nodePort: p.nodePort,
        })),
      },
    });
    this.services.push({ name: name! });
    return service;
  }

  /** The generated cloud-init Secret, once something goes into it (created once, filled at synth). */
  private ensureCloudInitSecret(): void {
    const state = this._cloudInit;
    if (this.cloudInitSecret || !state) return;
    if (state.userData === undefined && state.networkData === undefined && !this.interfaces.configuresAddresses) return;
    this.cloudInitSecret = new ApiObject(this, 'CloudInitSecret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: this.childMetadata(`${this.name}-cloud-init`),
      type: 'Opaque',
      data: Lazy.any({ produce: () => this.cloudInitSecretData() }),
    });
  }

  private cloudInitSecretData(): Record<string, string> {
    const state = this._cloudInit!;
    const networkData = state.networkData ?? (state.networkDataSecret === undefined ? this.interfaces.networkData() : undefined);
    return {
      ...(state.userData !== undefined ? { userdata: base64(state.userData) } : {}),
      ...(networkData !== undefined ? { networkdata: base64(networkData) } : {}),
    };
  }

  /** Fixed addresses reach the guest through cloud-init network data that this VM generates. */
  private validateNetworkData(): string[] {
    if (!this.interfaces.configuresAddresses) return [];
    const withIp = this.interfaces.attachments.filter((a) => a.ip).map((a) => `${show(a.interfaceName)} (${a.ip!.cidr})`).join(', ');
    const state = this._cloudInit;
    if (!state) {
      return [`interface ${withIp} has a fixed ip, which is configured in the guest through cloud-init network data, but the VM has no cloud-init: add vm.addCloudInit({ ... }) (user data may be empty of everything but ssh keys)`];
    }
    if (state.datasource !== CloudInitDatasource.NO_CLOUD) {
      return [`interface ${withIp} has a fixed ip, configured through generated cloud-init network data, which is written for the NoCloud datasource, but the VM uses ${state.datasource}: use CloudInitDatasource.NO_CLOUD, or configure the address yourself and drop ip`];
    }
    if (state.networkData !== undefined || state.networkDataSecret !== undefined) {
      return [`interface ${withIp} has a fixed ip, configured through generated cloud-init network data, but cloud-init already has ${state.networkData !== undefined ? 'networkData' : 'networkDataSecret'}: put the address into your network data and drop ip, or drop your network data`];
    }
    return [];
  }

  /**
   * Injects SSH public keys through KubeVirt's access credentials. Keys given inline go into a
   * generated Secret (`<vm name>-ssh-keys`), as KubeVirt reads them only from Secrets.
   */
  public addSshKeys(options: SshKeysOptions): void {
    const keys = options.publicKeys;
    if ((keys !== undefined) === (options.secretName !== undefined)) {
      throw constructError(this, 'addSshKeys needs exactly one of publicKeys (keys written here) or secretName (an existing Secret)');
    }
    // Check everything before the Secret is created, so a refused call leaves nothing behind.
    const suffix = this._sshKeys.length === 0 ? '' : `-${this._sshKeys.length + 1}`;
    if (keys !== undefined) {
      if (!Array.isArray(keys) || keys.length === 0) {
        throw constructError(this, 'addSshKeys: publicKeys is empty: pass at least one public key, e.g. the content of ~/.ssh/id_ed25519.pub');
      }
      keys.forEach((key, i) => {
        const problem = validatePublicKey(key);
        if (problem) throw constructError(this, `addSshKeys: publicKeys[${i}] ${problem}`);
      });
    } else {
      const problem = dnsSubdomainProblem(options.secretName!);
      if (problem) throw constructError(this, `addSshKeys: secretName ${show(options.secretName)} ${problem}`);
    }
    const secretName = options.secretName ?? `${this.name}-ssh-keys${suffix}`;
    if (secretName.length > MAX_ACCESS_CREDENTIAL_SECRET_NAME) {
      throw constructError(this, `addSshKeys: Secret name ${show(secretName)} has ${secretName.length} characters; KubeVirt mounts it as a pod volume named "<secret>-access-cred", which must fit in 63, so at most ${MAX_ACCESS_CREDENTIAL_SECRET_NAME}: shorten the VM name or pass a shorter secretName`);
    }
    if (options.propagation !== undefined && !(options.propagation instanceof SshKeyPropagation)) {
      throw constructError(this, 'addSshKeys: propagation must be SshKeyPropagation.noCloud(), .configDrive() or .qemuGuestAgent([...])');
    }
    if (keys !== undefined) {
      this.addSecret(`SshKeysSecret${suffix}`, secretName, Object.fromEntries(keys.map((key, i) => [`key${i + 1}`, base64(key.trim())])));
    }
    this._sshKeys.push({ secretName, propagation: options.propagation });
  }

  /** Lets the VM tolerate a node taint. */
  public addToleration(toleration: Toleration): void {
    const problem = tolerationProblem(toleration);
    if (problem) throw constructError(this, problem);
    this._tolerations.push(toleration);
  }

  private diskNames(): string[] {
    return [...this._disks.map((d) => d.name), ...(this._cloudInit ? [this._cloudInit.diskName] : [])];
  }

  /** Metadata of an object the VM creates: its name, in the VM's namespace when one was given. */
  private childMetadata(name: string): { name: string; namespace?: string } {
    // An explicit `namespace: undefined` would override the chart's namespace.
    const namespace = this.props.metadata?.namespace;
    return namespace !== undefined ? { name, namespace } : { name };
  }

  private addSecret(id: string, name: string, data: Record<string, string>): k8s.KubeSecret {
    return new k8s.KubeSecret(this, id, {
      metadata: this.childMetadata(name),
      type: 'Opaque',
      data,
    });
  }

  private quantity(prop: string, value: Size | string): string {
    const { quantity, problem } = byteQuantity(value);
    if (problem) throw constructError(this, `${prop} ${show(value instanceof Size ? sizeToQuantity(value) : value)} ${problem}`);
    return quantity!;
  }

  private checkName(): void {
    // Stricter than the API server: KubeVirt uses the VM name as the guest hostname and as a
    // pod label value, both at most 63 characters.
    const problem = dnsLabelProblem(this.name);
    if (problem) throw constructError(this, `metadata.name ${show(this.name)} ${problem} (KubeVirt uses it as hostname and label value)`);
    const namespace = this.props.metadata?.namespace;
    const nsProblem = namespace === undefined ? undefined : dnsLabelProblem(namespace);
    if (nsProblem) throw constructError(this, `metadata.namespace ${show(namespace)} ${nsProblem}`);
  }

  private checkLiveMigration(): LiveMigrationMode {
    const mode = this.props.liveMigration ?? LiveMigrationMode.OFF;
    const problem = notOneOf(mode, LiveMigrationMode);
    if (problem) throw constructError(this, `liveMigration ${show(mode)} ${problem}: use LiveMigrationMode.REQUIRED, PREFERRED or OFF`);
    if (this.props.allowBlockMigration !== undefined && typeof this.props.allowBlockMigration !== 'boolean') {
      throw constructError(this, `allowBlockMigration ${show(this.props.allowBlockMigration)} must be true or false`);
    }
    // Written on the object, so the CLI (and anyone reading the YAML) judges it the same way.
    if (this.props.allowBlockMigration) this.apiObject.metadata.addAnnotation(ALLOW_BLOCK_MIGRATION_ANNOTATION, 'true');
    return mode;
  }

  private checkRunStrategy(value: RunStrategy): RunStrategy {
    const problem = notOneOf(value, RunStrategy);
    if (problem) throw constructError(this, `runStrategy ${show(value)} ${problem}: use RunStrategy.ALWAYS, for example`);
    return value;
  }

  private checkSizing(): void {
    const { cpu, memory, resources, instancetype } = this.props;
    if (instancetype !== undefined) {
      if (!(instancetype instanceof Instancetype)) {
        throw constructError(this, 'instancetype must be Instancetype.cluster("...") or Instancetype.namespaced("...")');
      }
      const conflicts = [
        ...(cpu !== undefined ? ['cpu'] : []),
        ...(memory !== undefined ? ['memory'] : []),
        ...(resources?.cpu?.request !== undefined ? ['resources.cpu.request'] : []),
        ...(resources?.memory?.request !== undefined ? ['resources.memory.request'] : []),
      ];
      if (conflicts.length > 0) {
        throw constructError(this, `${conflicts.join(', ')} conflict${conflicts.length === 1 ? 's' : ''} with instancetype ${show(instancetype.name)} (KubeVirt rejects the VM): the instancetype sets CPU and memory; drop ${conflicts.join(' and ')}, or drop the instancetype`);
      }
    } else if (memory === undefined && resources?.memory?.request === undefined) {
      throw constructError(this, 'memory is not set: give memory (e.g. Size.gibibytes(4)), resources.memory.request, or an instancetype');
    }
    if (this.props.preference !== undefined && !(this.props.preference instanceof Preference)) {
      throw constructError(this, 'preference must be Preference.cluster("...") or Preference.namespaced("...")');
    }
    for (const field of ['cores', 'sockets', 'threads'] as const) {
      const value = cpu?.[field];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        throw constructError(this, `cpu.${field} ${show(value)} must be a whole number of at least 1`);
      }
    }
    if (cpu?.model !== undefined && !(cpu.model instanceof CpuModel)) {
      throw constructError(this, `cpu.model ${show(cpu.model)} must be a CpuModel: CpuModel.HOST_MODEL, CpuModel.HOST_PASSTHROUGH or CpuModel.named("...")`);
    }
  }

  private optionalQuantity(prop: string, value: Size | string | undefined): string | undefined {
    return value === undefined ? undefined : this.quantity(prop, value);
  }

  private checkResources(): void {
    const { resources } = this.props;
    const request = this.memoryRequest;
    const limit = this.memoryLimit;
    if (request !== undefined && limit !== undefined && parseQuantity(request)! > parseQuantity(limit)!) {
      throw constructError(this, `resources.memory.request ${show(request)} is more than resources.memory.limit ${show(limit)}: a request cannot exceed its limit`);
    }
    if (this.memory !== undefined && limit !== undefined && parseQuantity(this.memory)! > parseQuantity(limit)!) {
      throw constructError(this, `memory ${show(this.memory)} is more than resources.memory.limit ${show(limit)}: the guest cannot have more memory than the pod's limit; raise the limit or lower memory`);
    }
    const cpuRequest = resources?.cpu?.request?.amount;
    const cpuLimit = resources?.cpu?.limit?.amount;
    if (cpuRequest !== undefined && cpuLimit !== undefined && parseQuantity(cpuRequest)! > parseQuantity(cpuLimit)!) {
      throw constructError(this, `resources.cpu.request ${show(cpuRequest)} is more than resources.cpu.limit ${show(cpuLimit)}: a request cannot exceed its limit`);
    }
  }

  private checkMachine(): void {
    const { machineType, terminationGracePeriod, firmware, nodeSelector } = this.props;
    if (machineType !== undefined && (typeof machineType !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(machineType))) {
      throw constructError(this, `machineType ${show(machineType)} is not a machine type name: use e.g. "q35" or "pc-q35-rhel9.4.0", or leave it out for the cluster default`);
    }
    if (terminationGracePeriod !== undefined) {
      const millis = terminationGracePeriod.toMilliseconds();
      if (millis % 1000 !== 0 || millis < 0) {
        throw constructError(this, `terminationGracePeriod of ${millis / 1000} seconds must be a whole number of seconds, 0 or more`);
      }
    }
    if (firmware !== undefined && !(firmware instanceof Firmware)) {
      throw constructError(this, 'firmware must be Firmware.bios() or Firmware.efi({ ... })');
    }
    for (const [key, value] of Object.entries(nodeSelector ?? {})) {
      if (typeof value !== 'string') {
        throw constructError(this, `nodeSelector[${show(key)}] ${show(value)} must be a string: node labels are strings, write ${show(String(value))}`);
      }
    }
  }

  /** noCloud/configDrive propagation needs the matching cloud-init disk, which may be added later. */
  private validateSshPropagation(): string[] {
    const errors: string[] = [];
    for (const keys of this._sshKeys) {
      const method = this.propagationOf(keys).method;
      if (method === 'qemuGuestAgent') continue;
      const needed = method === 'noCloud' ? CloudInitDatasource.NO_CLOUD : CloudInitDatasource.CONFIG_DRIVE;
      if (this._cloudInit?.datasource !== needed) {
        errors.push(`SSH keys from Secret ${show(keys.secretName)} are propagated through ${method}, but the VM has ${this._cloudInit ? `${this._cloudInit.datasource} cloud-init` : 'no cloud-init'}: add cloud-init with datasource ${needed} (vm.addCloudInit({ ... })) or use SshKeyPropagation.qemuGuestAgent([...])`);
      }
    }
    return errors;
  }

  private propagationOf(keys: SshKeysState): SshKeyPropagation {
    return keys.propagation ?? (this._cloudInit?.datasource === CloudInitDatasource.CONFIG_DRIVE
      ? SshKeyPropagation.configDrive()
      : SshKeyPropagation.noCloud());
  }

  private renderResources(): kubevirt.VirtualMachineSpecTemplateSpecDomainResources | undefined {
    const Requests = kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesRequests;
    const Limits = kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesLimits;
    const cpu = this.props.resources?.cpu;
    const requests: Record<string, kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesRequests> = {};
    const limits: Record<string, kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesLimits> = {};
    if (cpu?.request) requests.cpu = Requests.fromString(cpu.request.amount);
    if (this.memoryRequest) requests.memory = Requests.fromString(this.memoryRequest);
    if (cpu?.limit) limits.cpu = Limits.fromString(cpu.limit.amount);
    if (this.memoryLimit) limits.memory = Limits.fromString(this.memoryLimit);
    const hasRequests = Object.keys(requests).length > 0;
    const hasLimits = Object.keys(limits).length > 0;
    return hasRequests || hasLimits ? { requests: hasRequests ? requests : undefined, limits: hasLimits ? limits : undefined } : undefined;
  }

  /** Renders `spec` from the current state. @internal */
  public _toKube(): kubevirt.VirtualMachineSpec {
    const { props } = this;
    const disks: Disk[] = [];
    const volumes: Volume[] = [];
    const dataVolumeTemplates: kubevirt.VirtualMachineSpecDataVolumeTemplates[] = [];
    for (const disk of this._disks) {
      const rendered = disk.source._bind(disk.name, this.name, this.namespace);
      disks.push(renderDisk(disk));
      volumes.push(rendered.volume);
      if (rendered.dataVolumeTemplate) dataVolumeTemplates.push(rendered.dataVolumeTemplate);
    }
    if (this._cloudInit) {
      const { diskName, datasource, userDataSecret, networkDataSecret, userData } = this._cloudInit;
      disks.push({ name: diskName, disk: { bus: DiskBus.VIRTIO } });
      const generated = this.cloudInitSecret?.name;
      const generatesNetworkData = generated !== undefined && this.cloudInitSecretData().networkdata !== undefined;
      const userDataRef = userDataSecret ?? (userData !== undefined ? generated : undefined);
      const networkDataRef = networkDataSecret ?? (generatesNetworkData ? generated : undefined);
      const source = {
        secretRef: userDataRef !== undefined ? { name: userDataRef } : undefined,
        networkDataSecretRef: networkDataRef !== undefined ? { name: networkDataRef } : undefined,
      };
      volumes.push(datasource === CloudInitDatasource.NO_CLOUD
        ? { name: diskName, cloudInitNoCloud: source }
        : { name: diskName, cloudInitConfigDrive: source });
    }

    const { interfaces, networks } = this.interfaces.render();
    const firmware = props.firmware;
    const cpu = props.cpu;
    const domain: kubevirt.VirtualMachineSpecTemplateSpecDomain = {
      cpu: cpu === undefined ? undefined : {
        cores: cpu.cores,
        sockets: cpu.sockets,
        threads: cpu.threads,
        model: cpu.model?.name,
        dedicatedCpuPlacement: cpu.dedicatedCpuPlacement,
      },
      memory: this.memory === undefined ? undefined : { guest: kubevirt.VirtualMachineSpecTemplateSpecDomainMemoryGuest.fromString(this.memory) },
      resources: this.renderResources(),
      firmware: firmware === undefined ? undefined : {
        bootloader: firmware.bootloader === 'bios'
          ? { bios: {} }
          : { efi: { secureBoot: firmware.secureBoot, persistent: firmware.persistent || undefined } },
      },
      // KubeVirt refuses Secure Boot without System Management Mode.
      features: firmware?.secureBoot ? { smm: { enabled: true } } : undefined,
      machine: props.machineType === undefined ? undefined : { type: props.machineType },
      devices: {
        disks: disks.length > 0 ? disks : undefined,
        interfaces,
        // Without this KubeVirt would add a bridge-bound pod interface on its own.
        autoattachPodInterface: this.podNetwork.enabled ? undefined : false,
      },
    };

    const accessCredentials = this._sshKeys.map((keys) => {
      const propagation = this.propagationOf(keys);
      return {
        sshPublicKey: {
          source: { secret: { secretName: keys.secretName } },
          propagationMethod: propagation.method === 'qemuGuestAgent'
            ? { qemuGuestAgent: { users: propagation.users! } }
            : { [propagation.method]: {} },
        },
      };
    });

    const instanceMetadata = props.instanceMetadata;
    // Services select the virt-launcher pod by this label; KubeVirt sets it too, writing it makes it certain.
    const labels = this.services.length > 0 ? { ...instanceMetadata?.labels, [VM_NAME_LABEL]: this.name } : instanceMetadata?.labels;
    return {
      runStrategy: this.runStrategy,
      instancetype: this.instancetype ? { name: this.instancetype.name, kind: this.instancetype.kind } : undefined,
      preference: this.preference ? { name: this.preference.name, kind: this.preference.kind } : undefined,
      dataVolumeTemplates: dataVolumeTemplates.length > 0 ? dataVolumeTemplates : undefined,
      template: {
        metadata: labels || instanceMetadata?.annotations
          ? { labels, annotations: instanceMetadata?.annotations }
          : undefined,
        spec: {
          domain,
          volumes: volumes.length > 0 ? volumes : undefined,
          networks,
          accessCredentials: accessCredentials.length > 0 ? accessCredentials : undefined,
          nodeSelector: props.nodeSelector,
          tolerations: this._tolerations.length > 0 ? this._tolerations.map(renderToleration) : undefined,
          affinity: props.affinity as kubevirt.VirtualMachineSpecTemplateSpecAffinity | undefined,
          terminationGracePeriodSeconds: props.terminationGracePeriod?.toSeconds(),
          evictionStrategy: EVICTION_STRATEGY_OF_MODE[this.liveMigration],
        },
      },
    };
  }
}

function renderDisk(disk: VirtualMachineDisk): Disk {
  const device = { bus: disk.bus, readonly: disk.readOnly };
  return {
    name: disk.name,
    bootOrder: disk.bootOrder,
    serial: disk.serial,
    cache: disk.cache,
    ...(disk.type === DiskType.CDROM ? { cdrom: { bus: disk.bus } } : disk.type === DiskType.LUN ? { lun: device } : { disk: device }),
  };
}

function renderToleration(toleration: Toleration): kubevirt.VirtualMachineSpecTemplateSpecTolerations {
  return {
    key: toleration.key,
    operator: toleration.operator,
    value: toleration.value,
    effect: toleration.effect,
    tolerationSeconds: toleration.tolerationSeconds?.toSeconds(),
  };
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
