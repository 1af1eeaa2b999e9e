import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { DataVolumeSource } from './data-volume-source';
import * as kubevirt from '../../imports/kubevirt.io';
import { show } from '../common/errors';
import { assertObjectName } from '../common/names';
import { byteQuantity } from '../common/quantity';

/** The kinds of storage a VM disk can be backed by. */
export enum VolumeSourceKind {
  CONTAINER_DISK = 'containerDisk',
  PERSISTENT_VOLUME_CLAIM = 'persistentVolumeClaim',
  DATA_VOLUME = 'dataVolume',
  DATA_VOLUME_TEMPLATE = 'dataVolumeTemplate',
  EMPTY_DISK = 'emptyDisk',
}

/** When the kubelet pulls a container disk image. */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
}

/** Options for `VolumeSource.containerDisk`. */
export interface ContainerDiskOptions {
  /** @default - Kubernetes' default (Always for `:latest`, IfNotPresent otherwise) */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Path of the disk image inside the container image.
   * @default - the first image under /disk
   */
  readonly path?: string;
  /**
   * Secret used to pull the image from a private registry.
   * @default - the namespace's default pull secrets
   */
  readonly imagePullSecret?: string;
}

/** Options for claim-backed volumes (`persistentVolumeClaim`, `dataVolume`). */
export interface ClaimVolumeOptions {
  /**
   * Attach the volume so it can be hot-unplugged later.
   * @default false
   */
  readonly hotpluggable?: boolean;
}

/** Options for `VolumeSource.dataVolumeTemplate`: a DataVolume created and owned by the VM. */
export interface DataVolumeTemplateOptions {
  /** Where the DataVolume's content comes from. */
  readonly source: DataVolumeSource;
  /** Requested capacity, e.g. `Size.gibibytes(30)` or `"30Gi"`. */
  readonly size: Size | string;
  /**
   * Name of the DataVolume (and of the PVC CDI creates).
   * @default `<vm name>-<disk name>`
   */
  readonly name?: string;
  /**
   * Storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * Access modes. ReadWriteMany is what lets a VM live-migrate.
   * @default - chosen by CDI from the storage class's StorageProfile
   */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];
  /**
   * Filesystem or Block.
   * @default - chosen by CDI from the storage class's StorageProfile
   */
  readonly volumeMode?: kplus.PersistentVolumeMode;
}

/** What a VM renders for one of its disks. */
export interface RenderedVolume {
  readonly volume: kubevirt.VirtualMachineSpecTemplateSpecVolumes;
  readonly dataVolumeTemplate?: kubevirt.VirtualMachineSpecDataVolumeTemplates;
}

/**
 * The storage behind a VM disk.
 *
 * Ephemeral sources (container disks, empty disks) lose their writes when the VM stops;
 * claim-backed sources (PVCs, DataVolumes) keep them and, on ReadWriteMany storage, let the
 * VM live-migrate.
 */
export class VolumeSource {
  /** An ephemeral disk from a container image (a "containerdisk"), e.g. `quay.io/containerdisks/fedora:40`. */
  public static containerDisk(image: string, options: ContainerDiskOptions = {}): VolumeSource {
    if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image) || image.includes('://')) {
      throw new Error(`VolumeSource.containerDisk: image ${show(image)} is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)`);
    }
    return new VolumeSource(VolumeSourceKind.CONTAINER_DISK, (name) => ({
      volume: { name, containerDisk: { image, ...options } },
    }));
  }

  /** An existing PersistentVolumeClaim, by name or as a cdk8s-plus construct. */
  public static persistentVolumeClaim(claim: string | kplus.IPersistentVolumeClaim, options: ClaimVolumeOptions = {}): VolumeSource {
    const claimName = typeof claim === 'string' ? claim : claim.name;
    assertObjectName('VolumeSource.persistentVolumeClaim', 'claim name', claimName);
    return new VolumeSource(VolumeSourceKind.PERSISTENT_VOLUME_CLAIM, (name) => ({
      volume: { name, persistentVolumeClaim: { claimName, hotpluggable: options.hotpluggable } },
    }), claimName);
  }

  /** An existing CDI DataVolume, by name. */
  public static dataVolume(dataVolumeName: string, options: ClaimVolumeOptions = {}): VolumeSource {
    assertObjectName('VolumeSource.dataVolume', 'DataVolume name', dataVolumeName);
    return new VolumeSource(VolumeSourceKind.DATA_VOLUME, (name) => ({
      volume: { name, dataVolume: { name: dataVolumeName, hotpluggable: options.hotpluggable } },
    }), dataVolumeName);
  }

  /**
   * A DataVolume declared inside the VM (`spec.dataVolumeTemplates`): created with the VM,
   * owned by it, and populated by CDI from `source`.
   */
  public static dataVolumeTemplate(options: DataVolumeTemplateOptions): VolumeSource {
    const { quantity, problem } = byteQuantity(options.size);
    if (problem) throw new Error(`VolumeSource.dataVolumeTemplate: size ${show(options.size)} ${problem}`);
    if (options.name !== undefined) assertObjectName('VolumeSource.dataVolumeTemplate', 'name', options.name);
    if (options.storageClassName !== undefined) assertObjectName('VolumeSource.dataVolumeTemplate', 'storageClassName', options.storageClassName);
    return new VolumeSource(VolumeSourceKind.DATA_VOLUME_TEMPLATE, (name, vmName) => {
      const dataVolumeName = options.name ?? `${vmName}-${name}`;
      return {
        volume: { name, dataVolume: { name: dataVolumeName } },
        dataVolumeTemplate: {
          metadata: { name: dataVolumeName },
          spec: {
            source: options.source._toKube(),
            storage: {
              resources: { requests: { storage: kubevirt.VirtualMachineSpecDataVolumeTemplatesSpecStorageResourcesRequests.fromString(quantity!) } },
              storageClassName: options.storageClassName,
              accessModes: options.accessModes ? [...options.accessModes] : undefined,
              volumeMode: options.volumeMode,
            },
          },
        },
      };
    }, options.name);
  }

  /** A blank, ephemeral scratch disk of the given capacity (gone when the VM stops). */
  public static emptyDisk(capacity: Size | string): VolumeSource {
    const { quantity, problem } = byteQuantity(capacity);
    if (problem) throw new Error(`VolumeSource.emptyDisk: capacity ${show(capacity)} ${problem}`);
    return new VolumeSource(VolumeSourceKind.EMPTY_DISK, (name) => ({
      volume: { name, emptyDisk: { capacity: kubevirt.VirtualMachineSpecTemplateSpecVolumesEmptyDiskCapacity.fromString(quantity!) } },
    }));
  }

  private constructor(
    /** Which kind of storage this is. */
    public readonly kind: VolumeSourceKind,
    private readonly render: (volumeName: string, vmName: string) => RenderedVolume,
    /** The claim or DataVolume name, where the source names one up front. */
    public readonly claimName?: string,
  ) {}

  /** Whether the disk's content survives a VM restart. */
  public get persistent(): boolean {
    return this.kind !== VolumeSourceKind.CONTAINER_DISK && this.kind !== VolumeSourceKind.EMPTY_DISK;
  }

  /** Renders the volume (and DataVolume template) for a disk of a VM. @internal */
  public _bind(volumeName: string, vmName: string): RenderedVolume {
    return this.render(volumeName, vmName);
  }
}
