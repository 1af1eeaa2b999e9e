import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { IConstruct } from 'constructs';
import { DataVolume } from './data-volume';
import { DataVolumeSource } from './data-volume-source';
import { PersistentVolumeClaim } from './persistent-volume-claim';
import { AccessMode, DataVolumeSpecParts, DataVolumeStorageOptions, accessModesProblem, dataVolumeSpecParts, renderDataVolumeSpec } from './storage-options';
import * as kubevirt from '../../imports/kubevirt.io';
import { FactoryValue, show } from '../common/errors';
import { objectNameProblem } from '../common/names';
import { byteQuantity, canonicalQuantity } from '../common/quantity';

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
  /**
   * The access modes of a claim or DataVolume referenced by name that is not declared in this
   * app, so the live-migration check can judge it (it writes nothing to the manifest).
   * @default - unknown: a VM with \`liveMigration: REQUIRED\` is refused until they are stated
   */
  readonly accessModes?: AccessMode[];
}

/** Options for `VolumeSource.dataVolumeTemplate`: a DataVolume created and owned by the VM. */
export interface DataVolumeTemplateOptions extends DataVolumeStorageOptions {
  /** Where the DataVolume's content comes from. */
  readonly source: DataVolumeSource;
  /**
   * Name of the DataVolume (and of the PVC CDI creates).
   * @default `<vm name>-<disk name>`
   */
  readonly name?: string;
}

/** The access modes stated for storage referenced by name (copied), and what is wrong with them. */
function referencedModes(options: ClaimVolumeOptions): { modes?: AccessMode[]; problem?: string } {
  if (options.accessModes === undefined) return {};
  const problem = accessModesProblem(options.accessModes);
  return { modes: Array.isArray(options.accessModes) ? [...options.accessModes] : undefined, problem };
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
export class VolumeSource extends FactoryValue {
  /** An ephemeral disk from a container image (a "containerdisk"), e.g. `quay.io/containerdisks/fedora:40`. */
  public static containerDisk(image: string, options: ContainerDiskOptions = {}): VolumeSource {
    // Empty strings are left out: the VM mutator drops them (omitempty), and GitOps would see drift.
    const { imagePullPolicy, path, imagePullSecret } = options ?? {};
    const source = new VolumeSource(VolumeSourceKind.CONTAINER_DISK, (name) => ({
      volume: { name, containerDisk: { image, imagePullPolicy, path: path || undefined, imagePullSecret: imagePullSecret || undefined } },
    }));
    if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image) || image.includes('://')) {
      source._problem('VolumeSource.containerDisk', `image ${show(image)} is not a container image reference: write it as for a Pod, e.g. "quay.io/containerdisks/fedora:40" (no scheme, no spaces)`);
    }
    return source;
  }

  /**
   * A PersistentVolumeClaim: by name (declared elsewhere or pre-provisioned), or as a construct
   * (`PersistentVolumeClaim` of this library, or any cdk8s-plus claim).
   */
  public static persistentVolumeClaim(claim: string | kplus.IPersistentVolumeClaim, options: ClaimVolumeOptions = {}): VolumeSource {
    const factory = 'VolumeSource.persistentVolumeClaim';
    const byName = typeof claim === 'string';
    const claimName = byName ? claim : claim?.name;
    const referenced = byName ? referencedModes(options) : {};
    const accessModes = claim instanceof PersistentVolumeClaim ? claim.accessModes : referenced.modes;
    const source = new VolumeSource(VolumeSourceKind.PERSISTENT_VOLUME_CLAIM, (name) => ({
      // hotpluggable is a plain bool in KubeVirt's Go types: false is dropped when the VM is stored.
      volume: { name, persistentVolumeClaim: { claimName, hotpluggable: options.hotpluggable || undefined } },
    }), claimName, byName ? undefined : claim, accessModes);
    source._problem(factory, objectNameProblem('claim name', claimName), referenced.problem);
    return source;
  }

  /** A CDI DataVolume: by name (declared elsewhere), or a `DataVolume` construct. */
  public static dataVolume(dataVolume: string | DataVolume, options: ClaimVolumeOptions = {}): VolumeSource {
    const factory = 'VolumeSource.dataVolume';
    const target = typeof dataVolume === 'string' ? undefined : dataVolume;
    const dataVolumeName = target ? target?.name : dataVolume as string;
    const referenced = target ? {} : referencedModes(options);
    const accessModes = target ? target.storage?.accessModes as AccessMode[] | undefined : referenced.modes;
    const source = new VolumeSource(VolumeSourceKind.DATA_VOLUME, (name) => ({
      volume: { name, dataVolume: { name: dataVolumeName, hotpluggable: options.hotpluggable || undefined } },
    }), dataVolumeName, target, accessModes);
    source._problem(factory, objectNameProblem('DataVolume name', dataVolumeName), referenced.problem);
    return source;
  }

  /**
   * A DataVolume declared inside the VM (`spec.dataVolumeTemplates`): created with the VM,
   * owned by it, and populated by CDI from `source`. Problems of `source` are carried forward,
   * so the VM reports them with its path.
   */
  public static dataVolumeTemplate(options: DataVolumeTemplateOptions): VolumeSource {
    const factory = 'VolumeSource.dataVolumeTemplate';
    const dataVolumeSource = options?.source instanceof DataVolumeSource ? options.source : undefined;
    let parts: DataVolumeSpecParts | undefined;
    let partsProblem: string | undefined;
    try {
      parts = dataVolumeSpecParts(options?.source, options ?? {}, (problem) => new Error(problem));
    } catch (e) {
      partsProblem = (e as Error).message;
    }
    const Requests = kubevirt.VirtualMachineSpecDataVolumeTemplatesSpecStorageResourcesRequests;
    const source = new VolumeSource(VolumeSourceKind.DATA_VOLUME_TEMPLATE, (name, vmName, vmNamespace) => {
      const dataVolumeName = options.name ?? `${vmName}-${name}`;
      return {
        volume: { name, dataVolume: { name: dataVolumeName } },
        dataVolumeTemplate: {
          metadata: { name: dataVolumeName },
          spec: renderDataVolumeSpec(parts!, vmNamespace, (q) => Requests.fromString(q)) as kubevirt.VirtualMachineSpecDataVolumeTemplatesSpec,
        },
      };
    }, options?.name, undefined, parts?.storage.accessModes as AccessMode[] | undefined, dataVolumeSource);
    source._problem(factory, ...(dataVolumeSource?._problems ?? []).map((problem) => `source: ${problem}`));
    source._problem(factory, partsProblem, options?.name === undefined ? undefined : objectNameProblem('name', options.name));
    return source;
  }

  /** A blank, ephemeral scratch disk of the given capacity (gone when the VM stops). */
  public static emptyDisk(capacity: Size | string): VolumeSource {
    const EmptyDiskCapacity = kubevirt.VirtualMachineSpecTemplateSpecVolumesEmptyDiskCapacity;
    const { quantity, problem } = byteQuantity(capacity);
    const source = new VolumeSource(VolumeSourceKind.EMPTY_DISK, (name) => ({
      volume: { name, emptyDisk: { capacity: EmptyDiskCapacity.fromString(canonicalQuantity(quantity!)) } },
    }));
    if (problem) source._problem('VolumeSource.emptyDisk', `capacity ${show(capacity)} ${problem}`);
    return source;
  }

  private constructor(
    /** Which kind of storage this is. */
    public readonly kind: VolumeSourceKind,
    private readonly render: (volumeName: string, vmName: string, vmNamespace?: string) => RenderedVolume,
    /** The claim or DataVolume name, where the source names one up front. */
    public readonly claimName?: string,
    /** The claim or DataVolume construct behind the source, when it was given as one. */
    public readonly target?: IConstruct,
    /**
     * The access modes the storage is requested with, when this source declares them
     * (a DataVolume template, or a claim or DataVolume construct of this library).
     */
    public readonly accessModes?: AccessMode[],
    /** What a DataVolume template is populated from. */
    public readonly dataVolumeSource?: DataVolumeSource,
  ) {
    super();
  }

  /** Records each problem that is defined. */
  /** Whether the disk's content survives a VM restart. */
  public get persistent(): boolean {
    return this.kind !== VolumeSourceKind.CONTAINER_DISK && this.kind !== VolumeSourceKind.EMPTY_DISK;
  }

  /** Renders the volume (and DataVolume template) for a disk of a VM. @internal */
  public _bind(volumeName: string, vmName: string, vmNamespace?: string): RenderedVolume {
    // The construct given this source reports problems with its path first (assertFactoryValue).
    if (this._problems.length > 0) throw new Error(this._problems.join('; '));
    return this.render(volumeName, vmName, vmNamespace);
  }
}
