import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { CloudInitDatasource, CloudInitOptions } from './cloud-init';
import { GpuOptions, HostDeviceOptions } from './devices';
import { checkFirmwareIdentity, withFirmwareIdentity } from './firmware-identity';
import { Instancetype, Preference } from './instancetype';
import { RunStrategy } from './run-strategy';
import { SshKeysOptions } from './ssh-keys';
import { Toleration } from './toleration';
import { ExposeViaServiceOptions, VirtualMachineDisk, VirtualMachineProps } from './virtual-machine-props';
import { VmCloudInit } from './vm-cloud-init';
import { VmDevices } from './vm-devices';
import { VmDisks } from './vm-disks';
import { VmGuestFeatures } from './vm-guest-features';
import { VmPerformance } from './vm-performance';
import { VmScheduling } from './vm-scheduling';
import { VM_NAME_LABEL, VmServices } from './vm-services';
import { VmSizing } from './vm-sizing';
import { VmSysprep } from './vm-sysprep';
import * as kubevirt from '../../imports/kubevirt.io';
import { assertPropsObject, constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem } from '../common/names';
import { compact } from '../common/objects';
import { KubeResource } from '../core/kube-resource';
import { protectFromPrune } from '../gitops/prune-protection';
import { ALLOW_BLOCK_MIGRATION_ANNOTATION, LiveMigrationMode } from '../model/live-migration';
import { INetworkAttachment, noteExternalNetwork } from '../network/network-attachment';
import { withdrawRefused } from '../network/refused-construct';
import { AttachNetworkOptions, NetworkAttachment } from '../network/secondary-network';
import { PodNetworkSettings, VmInterfaces } from '../network/vm-interfaces';
import { DiskOptions, EmptyCdromOptions } from '../storage/disk';
import { VolumeSource } from '../storage/volume-source';

/** The facets of a VM, built (and so checked) from its props before its object exists. */
interface VmFacets {
  readonly runStrategy: RunStrategy;
  readonly sizing: VmSizing;
  readonly scheduling: VmScheduling;
  readonly interfaces: VmInterfaces;
  readonly disks: VmDisks;
  readonly cloudInit: VmCloudInit;
  readonly services: VmServices;
  readonly guest: VmGuestFeatures;
  readonly sysprep: VmSysprep;
  readonly devices: VmDevices;
  readonly performance: VmPerformance;
}

/**
 * What `VirtualMachine` and `VirtualMachinePool` share: a VM spec built from the same props by
 * the same facets, as cdk8s-plus splits a Pod: sizing (CPU, memory, firmware), scheduling
 * (placement, live migration), interfaces, disks, cloud-init with SSH keys, and Services. Each
 * facet checks its own input and renders its part; this class assembles the spec, and a
 * subclass wraps it in its own object (the VM itself, or a pool's VM template).
 *
 * The spec is rendered at synth time, so disks, cloud-init and SSH keys added after
 * construction are included. Bad input throws with the construct path, the value and the fix;
 * a constructor that throws leaves nothing in the construct tree.
 */
export abstract class VirtualMachineBase extends KubeResource {
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
  private readonly facets: VmFacets;

  protected constructor(scope: Construct, id: string, props: VirtualMachineProps) {
    super(scope, id);
    try {
      this.facets = this.validateProps(props);
      this.props = props;
      this.apiObject = this.createApiObject(props);
      const { runStrategy, sizing, scheduling, interfaces } = this.facets;
      this.runStrategy = runStrategy;
      ({ memory: this.memory, instancetype: this.instancetype, preference: this.preference } = sizing);
      this.podNetwork = interfaces.pod;
      this.liveMigration = scheduling.liveMigration;
      this.assemble(props);
    } catch (error) {
      // A refused VM leaves nothing behind: no half-built construct, and its id stays free.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The VM's disks, in order (the cloud-init disk is not listed). */
  public get disks(): VirtualMachineDisk[] {
    return this.facets.disks.list;
  }

  /** The cloud-init datasource, when the VM has cloud-init. */
  public get cloudInitDatasource(): CloudInitDatasource | undefined {
    return this.facets.cloudInit.datasource;
  }

  /** The VM's secondary network attachments, in order. */
  public get networkAttachments(): NetworkAttachment[] {
    return this.facets.interfaces.attachments;
  }

  /**
   * Adds a disk backed by `source`. The volume behind it gets the same name.
   *
   * @param name disk name, a DNS-1123 label unique within the VM
   * @param source the storage behind the disk
   * @param options how the guest sees the disk
   */
  public addDisk(name: string, source: VolumeSource, options: DiskOptions = {}): VirtualMachineDisk {
    return this.facets.disks.add(name, source, options, this.cloudInitDiskNames());
  }

  /**
   * Gives the VM cloud-init. User and network data go into a Secret generated next to the VM
   * (`<vm name>-cloud-init`) unless existing Secrets are named.
   */
  public addCloudInit(options: CloudInitOptions): void {
    this.facets.cloudInit.configure(options, [...this.facets.disks.list.map((d) => d.name), ...this.sysprepDiskNames()]);
  }

  /**
   * Injects SSH public keys through KubeVirt's access credentials. Keys given inline go into a
   * generated Secret (`<vm name>-ssh-keys`), as KubeVirt reads them only from Secrets.
   */
  public addSshKeys(options: SshKeysOptions): void {
    this.facets.cloudInit.addSshKeys(options);
  }

  /** Passes a GPU through to the guest, as an entry of `gpus`. */
  public addGpu(gpu: GpuOptions): void {
    this.facets.devices.addGpu(gpu);
  }

  /** Passes a host device through to the guest, as an entry of `hostDevices`. */
  public addHostDevice(device: HostDeviceOptions): void {
    this.facets.devices.addHostDevice(device);
  }

  /** Adds a CD-ROM drive with no disc, as an entry of `emptyCdroms`. */
  public addEmptyCdrom(options: EmptyCdromOptions): void {
    this.facets.disks.addEmptyCdrom(options, this.cloudInitDiskNames());
  }

  /** Lets the VM tolerate a node taint. */
  public addToleration(toleration: Toleration): void {
    this.facets.scheduling.addToleration(toleration);
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
    const attachment = this.facets.interfaces.attach(network, options);
    noteExternalNetwork(this, network, this.namespace);
    this.facets.cloudInit.ensureSecret();
    return attachment;
  }

  /**
   * Creates a Service that selects the VM's virt-launcher pod by the `vm.kubevirt.io/name`
   * label (what `virtctl expose` does), for ports the guest serves on the pod network.
   * Returns the cdk8s-plus Service, to compose further (e.g. `exposeViaIngress`).
   */
  public exposeViaService(options: ExposeViaServiceOptions): kplus.Service {
    return this.facets.services.expose(options);
  }

  /**
   * Creates the L1 object, whose spec is rendered lazily from `_toKube()`. Called once, after
   * every prop has been checked.
   */
  protected abstract createApiObject(props: VirtualMachineProps): ApiObject;

  /** Whether the spec pins the firmware UUID and serial (a pool's would be every replica's). */
  protected writesFirmwareIdentity(): boolean {
    return true;
  }

  /** The pod labels the VM's Services select. */
  protected podSelector(): Record<string, string> {
    return { [VM_NAME_LABEL]: this.name };
  }

  /** Renders the VM spec from the current state of the facets. @internal */
  public _toKube(): kubevirt.VirtualMachineSpec {
    const { sizing, scheduling, interfaces, disks, cloudInit, services, guest, sysprep, devices, performance } = this.facets;
    const storage = disks._toKube();
    const firstBoot = cloudInit._toKube();
    const answers = sysprep._toKube();
    const sized = sizing._toKube();
    const { instancetype, preference } = sized;
    const domain = performance.applyTo(sized.domain);
    const platform = guest._toKube(domain.features);
    const { interfaces: nics, networks } = interfaces.render();
    const allDisks = [...storage.disks, ...[firstBoot.disk, answers.disk].filter((d) => d !== undefined)];
    const volumes = [...storage.volumes, ...[firstBoot.volume, answers.volume].filter((v) => v !== undefined)];
    return {
      runStrategy: this.runStrategy,
      instancetype,
      preference,
      dataVolumeTemplates: storage.dataVolumeTemplates.length > 0 ? storage.dataVolumeTemplates : undefined,
      template: {
        metadata: this.templateMetadata(services.selectsPod),
        spec: {
          domain: {
            ...(this.writesFirmwareIdentity() ? withFirmwareIdentity(domain, this.namespace, this.name, this.props.firmwareIdentity) : domain),
            features: platform.features,
            clock: platform.clock,
            devices: {
              ...platform.devices,
              disks: allDisks.length > 0 ? allDisks : undefined,
              interfaces: nics,
              ...devices._toKube(),
              ...performance.devices(),
              // Without this KubeVirt would add a bridge-bound pod interface on its own.
              autoattachPodInterface: this.podNetwork.enabled ? undefined : false,
            },
          },
          volumes: volumes.length > 0 ? volumes : undefined,
          networks,
          accessCredentials: firstBoot.accessCredentials.length > 0 ? firstBoot.accessCredentials : undefined,
          ...scheduling._toKube(),
        },
      },
    };
  }

  /**
   * Checks every prop before the VM's object exists, by building the facets (each checks its
   * own props): the one entry point for input checks, as aws-cdk's `validateProps`.
   */
  private validateProps(props: VirtualMachineProps): VmFacets {
    assertPropsObject(this, props, 'VirtualMachineProps', '{ memory: "2Gi" }');
    const namespace = this.checkMetadata(props);
    const runStrategy = props.runStrategy ?? RunStrategy.ALWAYS;
    const badRunStrategy = notOneOf(runStrategy, RunStrategy);
    if (badRunStrategy) throw constructError(this, `runStrategy ${show(runStrategy)} ${badRunStrategy}: use RunStrategy.ALWAYS, for example`);
    const scheduling = new VmScheduling(this, props);
    const sizing = new VmSizing(this, props);
    const interfaces = new VmInterfaces(this, props.podNetwork ?? {});
    const childMetadata = (name: string) => this.childMetadata(name);
    const disks = new VmDisks(this, namespace, props.pruneProtection, props.preference?.diskBus);
    const cloudInit = new VmCloudInit(this, interfaces, childMetadata);
    for (const disk of this.listProp('disks', props.disks)) {
      if (typeof disk !== 'object' || disk === null) throw constructError(this, `disks entry ${show(disk)} must be an object such as { name: "root", source: VolumeSource.containerDisk("...") }`);
      disks.add(disk.name, disk.source, disk, []);
    }
    const sysprep = new VmSysprep(this, childMetadata, props.sysprep, disks.list.map((d) => d.name));
    const diskNames = [...disks.list.map((d) => d.name), ...(sysprep.diskName ? [sysprep.diskName] : [])];
    if (props.cloudInit !== undefined) cloudInit.configure(props.cloudInit, diskNames);
    if (props.sshKeys !== undefined) cloudInit.checkSshKeys(props.sshKeys);
    const otherDisks = [cloudInit.diskName, sysprep.diskName].filter((n) => n !== undefined);
    for (const drive of this.listProp('emptyCdroms', props.emptyCdroms)) disks.addEmptyCdrom(drive, otherDisks);
    const devices = new VmDevices(this, scheduling.liveMigration, props);
    const performance = new VmPerformance(this, props, sizing);
    this.checkInstanceMetadata(props);
    checkFirmwareIdentity(this, props.firmwareIdentity);
    const services = new VmServices(this, interfaces, childMetadata, () => this.podSelector());
    const guest = new VmGuestFeatures(this, props);
    return { runStrategy, sizing, scheduling, interfaces, disks, cloudInit, services, guest, sysprep, devices, performance };
  }

  /** Checks name and namespace, and returns the namespace the VM will have. */
  private checkMetadata(props: VirtualMachineProps): string | undefined {
    const metadata = props.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null) throw constructError(this, `metadata ${show(metadata)} must be an object such as { name: "fedora" }`);
    // Stricter than the API server: KubeVirt uses the VM name as the guest hostname and as a
    // pod label value, both at most 63 characters. A generated name is such a label already.
    const problem = metadata.name === undefined ? undefined : dnsLabelProblem(metadata.name);
    if (problem) throw constructError(this, `metadata.name ${show(metadata.name)} ${problem} (KubeVirt uses it as hostname and label value)`);
    const namespace = this.plannedNamespace(metadata);
    const nsProblem = namespace === undefined ? undefined : dnsLabelProblem(namespace);
    if (nsProblem) throw constructError(this, `metadata.namespace ${show(namespace)} ${nsProblem}`);
    return namespace;
  }

  private checkInstanceMetadata(props: VirtualMachineProps): void {
    const instanceMetadata = props.instanceMetadata;
    for (const [prop, value] of [['instanceMetadata', instanceMetadata], ['instanceMetadata.labels', instanceMetadata?.labels], ['instanceMetadata.annotations', instanceMetadata?.annotations]] as const) {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw constructError(this, `${prop} ${show(value)} must be an object, or left out`);
      }
    }
  }

  private listProp<T>(prop: string, value: T[] | undefined): T[] {
    if (value !== undefined && !Array.isArray(value)) throw constructError(this, `${prop} ${show(value)} must be an array, or left out`);
    return value ?? [];
  }

  /** What needs the VM's object: the annotation, the generated Secrets, claims, synth-time checks. */
  private assemble(props: VirtualMachineProps): void {
    const { scheduling, disks, cloudInit, sysprep, guest } = this.facets;
    // Written on the object, so the CLI (and anyone reading the YAML) judges it the same way.
    if (scheduling.allowBlockMigration) this.apiObject.metadata.addAnnotation(ALLOW_BLOCK_MIGRATION_ANNOTATION, 'true');
    cloudInit.activate();
    // Secrets named after the VM; only a generated name can still be refused here (too long
    // for KubeVirt's credential volume), so the claims are told to the app after it.
    if (props.sshKeys !== undefined) cloudInit.addSshKeys(props.sshKeys);
    disks.activate(() => protectFromPrune(this.apiObject));
    this.node.addValidation({ validate: () => cloudInit.validate() });
    sysprep.activate();
    this.node.addValidation({ validate: () => guest.validate() });
  }

  /** Names of the disks the disk facet does not hold: cloud-init's and sysprep's. */
  private cloudInitDiskNames(): string[] {
    return [this.facets.cloudInit.diskName, ...this.sysprepDiskNames()].filter((n) => n !== undefined);
  }

  private sysprepDiskNames(): string[] {
    return this.facets.sysprep.diskName === undefined ? [] : [this.facets.sysprep.diskName];
  }

  private templateMetadata(selectedByService: boolean): kubevirt.VirtualMachineSpecTemplate['metadata'] {
    const instanceMetadata = this.props.instanceMetadata;
    // Services select the virt-launcher pod by this label; KubeVirt sets it too, writing it makes it certain.
    // Empty maps are dropped when the VM is stored (omitempty), so compact leaves them out.
    const labels = compact({ ...instanceMetadata?.labels, ...(selectedByService ? this.podSelector() : {}) });
    const annotations = compact({ ...instanceMetadata?.annotations });
    return labels || annotations ? { labels, annotations } : undefined;
  }
}
