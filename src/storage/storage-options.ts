import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { DataVolumeSource, DataVolumeSourceKind } from './data-volume-source';
import { notOneOf, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { byteQuantity, canonicalQuantity } from '../common/quantity';

/**
 * How a volume can be mounted. `READ_WRITE_MANY` (shared storage: Ceph RBD/CephFS, NFS,
 * many SAN CSI drivers) is what lets a VM live-migrate: both nodes attach the disk while
 * memory is copied. The same values as cdk8s-plus's `PersistentVolumeAccessMode`.
 */
export const AccessMode = kplus.PersistentVolumeAccessMode;
export type AccessMode = kplus.PersistentVolumeAccessMode;

/** Filesystem (a disk image file on a filesystem) or Block (the raw device; less overhead). */
export const VolumeMode = kplus.PersistentVolumeMode;
export type VolumeMode = kplus.PersistentVolumeMode;

/** What a DataVolume holds. */
export enum DataVolumeContentType {
  /** A VM disk image (qcow2, raw, iso, vmdk, ...), converted to raw by CDI. */
  KUBEVIRT = 'kubevirt',
  /** A tar archive, unpacked onto a filesystem volume. */
  ARCHIVE = 'archive',
}

/**
 * The `storage` form of a DataVolume (CDI fills what is left out from the storage class's
 * StorageProfile, and adds filesystem overhead so the image fits).
 */
export interface DataVolumeStorageOptions {
  /**
   * Requested capacity of the disk, e.g. `Size.gibibytes(30)` or `"30Gi"`.
   * @default - required, except for PVC clones, snapshot restores and DataSource clones, which CDI sizes from the source
   */
  readonly size?: Size | string;
  /**
   * Storage class.
   * @default - the cluster's default storage class (or the virt default class, if one is marked)
   */
  readonly storageClassName?: string;
  /**
   * Access modes. `[AccessMode.READ_WRITE_MANY]` lets the VM live-migrate.
   * @default - chosen by CDI from the storage class's StorageProfile
   */
  readonly accessModes?: AccessMode[];
  /**
   * Filesystem or Block.
   * @default - chosen by CDI from the storage class's StorageProfile
   */
  readonly volumeMode?: VolumeMode;
  /**
   * What the volume holds.
   * @default DataVolumeContentType.KUBEVIRT (CDI's default)
   */
  readonly contentType?: DataVolumeContentType;
  /**
   * Allocate all the space up front (faster first writes, no thin-provisioning surprises).
   * @default - CDI's cluster-wide setting (off unless the CDI CR enables it)
   */
  readonly preallocation?: boolean;
}

/** A validated DataVolume `spec` with the capacity as a quantity string (callers wrap it in their L1 type). */
export interface DataVolumeSpecParts {
  readonly source: DataVolumeSource;
  readonly storage: {
    readonly size?: string;
    readonly storageClassName?: string;
    readonly accessModes?: string[];
    readonly volumeMode?: string;
  };
  readonly contentType?: DataVolumeContentType;
  readonly preallocation?: boolean;
}

/**
 * Source kinds whose size CDI takes from the source when none is given under `storage`
 * (validateStorageSize, pkg/apiserver/webhooks/datavolume-validate.go, CDI v1.66.0).
 */
const SIZED_BY_SOURCE = new Set([DataVolumeSourceKind.PVC, DataVolumeSourceKind.SNAPSHOT, DataVolumeSourceKind.DATA_SOURCE]);

/**
 * Checks the storage options of a DataVolume (or DataVolume template) and returns the parts of
 * its spec, or throws the error `errorFor(problem)` makes.
 */
export function dataVolumeSpecParts(
  source: DataVolumeSource,
  options: DataVolumeStorageOptions,
  errorFor: (problem: string) => Error,
): DataVolumeSpecParts {
  const fail = (problem: string): never => {
    throw errorFor(problem);
  };
  if (!(source instanceof DataVolumeSource)) {
    fail('source must be a DataVolumeSource, e.g. DataVolumeSource.http("https://example.com/disk.qcow2")');
  }
  let size: string | undefined;
  if (options.size !== undefined) {
    const { quantity, problem } = byteQuantity(options.size);
    if (problem) fail(`size ${show(options.size)} ${problem}`);
    size = quantity;
  } else if (!SIZED_BY_SOURCE.has(source.kind)) {
    fail(`size is required for a ${source.kind} source: give the disk's capacity, e.g. size: Size.gibibytes(30) (only PVC clones, snapshot restores and DataSource clones take their size from the source)`);
  }
  if (options.storageClassName !== undefined) {
    const problem = dnsSubdomainProblem(options.storageClassName);
    if (problem) fail(`storageClassName ${show(options.storageClassName)} ${problem}`);
  }
  const accessModes = options.accessModes;
  if (accessModes !== undefined) {
    const problem = accessModesProblem(accessModes, '; leave it out to let CDI choose');
    if (problem) fail(problem);
  }
  if (options.volumeMode !== undefined) {
    const problem = notOneOf(options.volumeMode, VolumeMode);
    if (problem) fail(`volumeMode ${show(options.volumeMode)} ${problem}`);
  }
  if (options.contentType !== undefined) {
    const problem = notOneOf(options.contentType, DataVolumeContentType);
    if (problem) fail(`contentType ${show(options.contentType)} ${problem}`);
    if (options.contentType === DataVolumeContentType.ARCHIVE) {
      if (options.volumeMode === VolumeMode.BLOCK) {
        fail('contentType archive unpacks files onto a filesystem, so volumeMode cannot be Block: use VolumeMode.FILE_SYSTEM or contentType kubevirt');
      }
      if (source.kind !== DataVolumeSourceKind.HTTP && source.kind !== DataVolumeSourceKind.UPLOAD) {
        fail(`contentType archive works only with http and upload sources, not ${source.kind}: use DataVolumeSource.http(...) with a .tar URL`);
      }
    }
  }
  if (options.preallocation !== undefined && typeof options.preallocation !== 'boolean') {
    fail(`preallocation ${show(options.preallocation)} must be true or false`);
  }
  return {
    source,
    storage: {
      size,
      storageClassName: options.storageClassName,
      accessModes: accessModes ? [...accessModes] : undefined,
      volumeMode: options.volumeMode,
    },
    contentType: options.contentType,
    preallocation: options.preallocation,
  };
}

/** Why a list of access modes is not usable (empty, unknown or repeated modes), or undefined. */
export function accessModesProblem(modes: AccessMode[], emptyHint = ''): string | undefined {
  if (!Array.isArray(modes) || modes.length === 0) return `accessModes must list at least one mode, e.g. [AccessMode.READ_WRITE_MANY]${emptyHint}`;
  for (const mode of modes) {
    const problem = notOneOf(mode, AccessMode);
    if (problem) return `access mode ${show(mode)} ${problem}`;
  }
  const repeated = modes.find((mode, i) => modes.indexOf(mode) !== i);
  return repeated === undefined ? undefined : `access mode ${show(repeated)} is listed twice: list each mode once`;
}

/**
 * The DataVolume `spec` for validated parts in `namespace`. Both the DataVolume L1 and the VM's
 * dataVolumeTemplates L1 take this shape; each wraps the capacity in its own quantity class.
 * The capacity is printed as CDI's controller and KubeVirt's VM mutator store it.
 */
export function renderDataVolumeSpec<Q>(parts: DataVolumeSpecParts, namespace: string | undefined, quantity: (q: string) => Q) {
  const { size, storageClassName, accessModes, volumeMode } = parts.storage;
  return {
    ...parts.source._toSpec(namespace),
    contentType: parts.contentType,
    preallocation: parts.preallocation,
    storage: {
      resources: size === undefined ? undefined : { requests: { storage: quantity(canonicalQuantity(size)) } },
      storageClassName,
      accessModes,
      volumeMode,
    },
  };
}
