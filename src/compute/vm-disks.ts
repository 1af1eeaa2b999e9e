import { IConstruct } from 'constructs';
import { VirtualMachineDisk } from './virtual-machine-props';
import { asHotplugVolume, hotplugDiskProblem, sourceIsHotpluggable } from './vm-hotplug';
import * as kubevirt from '../../imports/kubevirt.io';
import { assertFactoryValue, constructError, notOneOf, show } from '../common/errors';
import { dnsLabelProblem } from '../common/names';
import { qualifiedName } from '../model/object-index';
import { DiskBus, DiskCache, DiskOptions, DiskType, EmptyCdromOptions } from '../storage/disk';
import { VolumeSource, VolumeSourceKind } from '../storage/volume-source';
import { AppValidation } from '../validation/app-validation';

type Volume = kubevirt.VirtualMachineSpecTemplateSpecVolumes;
type Disk = kubevirt.VirtualMachineSpecTemplateSpecDomainDevicesDisks;
type DataVolumeTemplate = kubevirt.VirtualMachineSpecDataVolumeTemplates;

/** What `VmDisks` writes: the domain's disks, the volumes behind them, and DataVolume templates. */
export interface VmDisksSpec {
  readonly disks: Disk[];
  readonly volumes: Volume[];
  readonly dataVolumeTemplates: DataVolumeTemplate[];
}

/** The VM the disks belong to: its construct (for error paths) and its name (read when rendering). */
export interface VmDiskOwner extends IConstruct {
  readonly name: string;
}

const DEFAULT_BUS: Record<DiskType, DiskBus> = {
  [DiskType.DISK]: DiskBus.VIRTIO,
  [DiskType.CDROM]: DiskBus.SATA,
  [DiskType.LUN]: DiskBus.SCSI,
};

/**
 * The disks of a VM, in order: how the guest sees each one (type, bus, boot order) and the
 * storage behind it (volumes, DataVolume templates, claims).
 * @internal
 */
export class VmDisks {
  /** Grown by concat, not push: a list of a few disks then holds them, not room for 17 (a VM fleet holds thousands of lists). */
  private disks: VirtualMachineDisk[] = [];
  /** CD-ROM drives without a volume (declarative hotplug inserts a disc later). */
  private readonly emptyCdroms: Array<{ name: string; bus: DiskBus; bootOrder?: number }> = [];
  /** Claims seen before the VM joined the app's validation (see `activate`). */
  private pendingClaims?: VolumeSource[] = [];
  /** Keeps the VM from GitOps deletion once it owns a DataVolume template (set by `activate`). */
  private protectOwner?: () => void;
  private ownerProtected = false;
  /** Disks whose bus the VM's preference chooses (a disk given no bus, under a preference with a disk bus). */
  private busFromPreference?: Set<string>;

  /**
   * @param vm the VM (its name is read only when rendering)
   * @param namespace the VM's namespace, known before its object exists
   * @param pruneProtection whether a VM owning DataVolume templates is kept from GitOps deletion
   * @param preferredDiskBus the disk bus of the VM's preference, when known: a disk given no bus is
   * written without one, as KubeVirt applies a preference's preferredDiskBus only to disks without
   * a bus (pkg/instancetype/preference/apply/disk.go, v1.9.0). A preference named only (its bus
   * unknown here) leaves the bus written, or KubeVirt's architecture default (sata on amd64) applies.
   */
  public constructor(
    private readonly vm: VmDiskOwner,
    private readonly namespace: string | undefined,
    private readonly pruneProtection: boolean = true,
    private readonly preferredDiskBus?: DiskBus,
  ) {
    if (typeof pruneProtection !== 'boolean') {
      throw constructError(vm, `pruneProtection ${show(pruneProtection)} must be true or false (false lets GitOps delete the VM and the disks of its DataVolume templates)`);
    }
  }

  /** The disks, in order (a copy). */
  public get list(): VirtualMachineDisk[] {
    return [...this.disks];
  }

  /** The names of the disks and empty CD-ROM drives. */
  public get names(): string[] {
    return [...this.disks, ...this.emptyCdroms].map((d) => d.name);
  }

  /** The empty CD-ROM drives, in order (a copy). */
  public get emptyCdromList(): EmptyCdromOptions[] {
    return [...this.emptyCdroms];
  }

  /**
   * Checks and adds a CD-ROM drive with no volume. KubeVirt v1.9.0 accepts one when its
   * DeclarativeHotplugVolumes gate is on (beta, on by default; vmi-create-admitter.go, validateBootOrder).
   */
  public addEmptyCdrom(options: EmptyCdromOptions, otherDiskNames: string[]): EmptyCdromOptions {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw constructError(this.vm, `empty CD-ROM ${show(options)} must be an object such as { name: "installer" }`);
    }
    const { name } = options;
    this.checkName(name, otherDiskNames);
    const bus = this.checkDevice(name, { type: DiskType.CDROM, bus: options.bus }).bus;
    this.checkBootOrder(name, options.bootOrder);
    const drive = { name, bus, bootOrder: options.bootOrder };
    this.emptyCdroms.push(drive);
    return drive;
  }

  /**
   * Checks and adds a disk. `otherDiskNames` are names taken by disks this facet does not
   * hold (the cloud-init disk).
   */
  public add(name: string, source: VolumeSource, options: DiskOptions, otherDiskNames: string[]): VirtualMachineDisk {
    this.checkName(name, otherDiskNames);
    if (!(source instanceof VolumeSource)) {
      throw constructError(this.vm, `disk ${show(name)}: source must be a VolumeSource, e.g. VolumeSource.containerDisk("quay.io/containerdisks/fedora:40")`);
    }
    assertFactoryValue(this.vm, `disk ${show(name)}`, source);
    if (typeof options !== 'object' || options === null) {
      throw constructError(this.vm, `disk ${show(name)}: options ${show(options)} must be an object of DiskOptions, or left out`);
    }
    const device = this.checkDevice(name, options);
    this.checkBootOrder(name, options.bootOrder);
    this.checkSource(name, source);
    const hotpluggable = options.hotpluggable === true || sourceIsHotpluggable(name, source, this.namespace);
    const hotplugProblem = hotplugDiskProblem(options, device.type, device.bus, source, hotpluggable);
    if (hotplugProblem) throw constructError(this.vm, `disk ${show(name)}: ${hotplugProblem}`);
    // Assigned into a new object, not spread into a literal that starts with a spread: V8 makes that a clone
    // of `options` with room to grow, about 200 bytes more per disk of a fleet. Same keys, same order.
    const disk: VirtualMachineDisk = Object.assign({}, options, { name, source }, device, { hotpluggable: hotpluggable || undefined });
    this.disks = this.disks.concat([disk]);
    if (this.preferredDiskBus !== undefined && options.bus === undefined && device.type === DiskType.DISK) {
      (this.busFromPreference ??= new Set()).add(name);
    }
    if (this.pendingClaims) this.pendingClaims.push(source);
    else this.noteClaim(source);
    this.protectOwnerOfDataVolumes();
    return disk;
  }

  /**
   * Called once the VM's object exists: from now on claims are told to the app's validation
   * at once (a VM refused in its constructor must not leave claims behind).
   *
   * @param protectOwner keeps the VM from GitOps deletion: called once, when the VM owns a
   * DataVolume template, whose disk Kubernetes deletes with the VM (owner reference)
   */
  public activate(protectOwner?: () => void): void {
    const pending = this.pendingClaims ?? [];
    this.pendingClaims = undefined;
    for (const source of pending) this.noteClaim(source);
    this.protectOwner = protectOwner;
    this.protectOwnerOfDataVolumes();
  }

  private protectOwnerOfDataVolumes(): void {
    if (this.ownerProtected || !this.protectOwner || !this.pruneProtection) return;
    if (!this.disks.some((d) => d.source.kind === VolumeSourceKind.DATA_VOLUME_TEMPLATE)) return;
    this.ownerProtected = true;
    this.protectOwner();
  }

  /** Renders the disks, their volumes and DataVolume templates. */
  public _toKube(): VmDisksSpec {
    const rendered: VmDisksSpec = { disks: [], volumes: [], dataVolumeTemplates: [] };
    for (const disk of this.disks) {
      const source = disk.source._bind(disk.name, this.vm.name, this.namespace);
      const bound = disk.hotpluggable ? asHotplugVolume(source) : source;
      rendered.disks.push(renderDisk(disk, this.busFromPreference?.has(disk.name) === true));
      rendered.volumes.push(bound.volume);
      if (bound.dataVolumeTemplate) rendered.dataVolumeTemplates.push(bound.dataVolumeTemplate);
    }
    for (const drive of this.emptyCdroms) rendered.disks.push({ name: drive.name, bootOrder: drive.bootOrder, cdrom: { bus: drive.bus } });
    return rendered;
  }

  private checkName(name: string, otherDiskNames: string[]): void {
    const problem = dnsLabelProblem(name);
    if (problem) throw constructError(this.vm, `disk name ${show(name)} ${problem}`);
    if (this.names.includes(name) || otherDiskNames.includes(name)) {
      throw constructError(this.vm, `disk name ${show(name)} is used twice: every disk of a VM needs its own name`);
    }
  }

  private checkDevice(name: string, options: DiskOptions): { type: DiskType; bus: DiskBus } {
    const type = options.type ?? DiskType.DISK;
    const badType = notOneOf(type, DiskType);
    if (badType) throw constructError(this.vm, `disk ${show(name)}: type ${show(type)} ${badType}: use DiskType.DISK, DiskType.CDROM or DiskType.LUN`);
    const bus = options.bus ?? (type === DiskType.DISK ? this.preferredDiskBus : undefined) ?? DEFAULT_BUS[type];
    const badBus = notOneOf(bus, DiskBus);
    if (badBus) throw constructError(this.vm, `disk ${show(name)}: bus ${show(bus)} ${badBus}`);
    if (type === DiskType.CDROM && bus === DiskBus.VIRTIO) {
      throw constructError(this.vm, `disk ${show(name)}: a CD-ROM cannot use the virtio bus: use DiskBus.SATA (the default for CD-ROMs) or DiskBus.SCSI`);
    }
    // Plain JavaScript can pass any string; KubeVirt refuses every mode but these three.
    const badCache = options.cache === undefined ? undefined : notOneOf(options.cache, DiskCache);
    if (badCache) throw constructError(this.vm, `disk ${show(name)}: cache ${show(options.cache)} ${badCache}, the only modes KubeVirt accepts: use DiskCache.NONE, DiskCache.WRITE_THROUGH or DiskCache.WRITE_BACK, or leave it out`);
    return { type, bus };
  }

  private checkBootOrder(name: string, bootOrder: number | undefined): void {
    if (bootOrder === undefined) return;
    if (!Number.isInteger(bootOrder) || bootOrder < 1) {
      throw constructError(this.vm, `disk ${show(name)}: bootOrder ${show(bootOrder)} must be a whole number of at least 1 (1 boots first)`);
    }
    const clash = [...this.disks, ...this.emptyCdroms].find((d) => d.bootOrder === bootOrder);
    if (clash) {
      throw constructError(this.vm, `disk ${show(name)}: bootOrder ${bootOrder} is already used by disk ${show(clash.name)}: give each boot disk its own order`);
    }
  }

  private checkSource(name: string, source: VolumeSource): void {
    if (source.claimName !== undefined) {
      const clash = this.disks.find((d) => d.source.claimName === source.claimName);
      if (clash) {
        throw constructError(this.vm, `disk ${show(name)}: ${show(source.claimName)} is already attached as disk ${show(clash.name)}: a claim can back only one disk of a VM`);
      }
    }
    const dataVolumeSource = source.dataVolumeSource;
    if (dataVolumeSource?.needsNamespace && this.namespace === undefined) {
      throw constructError(this.vm, `disk ${show(name)}: the DataVolume template's ${dataVolumeSource.kind} source has no namespace and neither has the VM: give the namespace to DataVolumeSource.${dataVolumeSource.kind}(name, namespace), or set metadata.namespace (or the chart's namespace)`);
    }
  }

  /** An existing claim whose access modes the source states: the migration check may use them. */
  private noteClaim(source: VolumeSource): void {
    if (source.claimName !== undefined && source.target === undefined && source.accessModes !== undefined && !source.dataVolumeSource) {
      AppValidation.of(this.vm)._addKnownClaim(qualifiedName(this.namespace, source.claimName), [...source.accessModes]);
    }
  }
}

/**
 * A disk as the VM mutator stores it: it re-marshals the spec through KubeVirt's Go types, which
 * drop false `readonly` and empty `serial`/`cache` (omitempty, not pointers), so they are left out.
 */
function renderDisk(disk: VirtualMachineDisk, busFromPreference: boolean): Disk {
  const bus = busFromPreference ? undefined : disk.bus;
  const device = { bus, readonly: disk.readOnly || undefined };
  return {
    name: disk.name,
    bootOrder: disk.bootOrder,
    serial: disk.serial || undefined,
    cache: disk.cache || undefined,
    // A pointer in KubeVirt's Disk type: false is kept, so it is written when given.
    dedicatedIoThread: disk.dedicatedIoThread,
    ...(disk.type === DiskType.CDROM ? { cdrom: { bus } } : disk.type === DiskType.LUN ? { lun: device } : { disk: device }),
  };
}
