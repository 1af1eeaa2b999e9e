import { ApiObjectMetadata, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { propsObjectProblem, show } from '../common/errors';
import { DataVolume } from '../storage/data-volume';
import { DataVolumeSource, VddkSourceOptions } from '../storage/data-volume-source';
import { AccessMode, VolumeMode } from '../storage/storage-options';

/** The DataVolume of an imported VMware disk. */
export interface VmwareDiskImportProps {
  /**
   * Name, namespace, labels and annotations of the DataVolume.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** Capacity: at least the disk's virtual size (`kubevirt-constructs disk info` shows it). */
  readonly size: Size | string;
  /** @default - the cluster's default storage class */
  readonly storageClassName?: string;
  /**
   * Access modes.
   * @default [AccessMode.READ_WRITE_MANY] (so the imported VM can live-migrate)
   */
  readonly accessModes?: AccessMode[];
  /** @default - chosen by CDI from the storage class's StorageProfile */
  readonly volumeMode?: VolumeMode;
}

/**
 * `.vmdk`, `.qcow2`: the file types each helper takes, optionally gz/xz compressed. Reported with
 * the path of the DataVolume the helper would create (`scope/id`), as that construct would.
 */
function assertImageFile(scope: Construct, id: string, method: string, url: string, extension: string, other: string): void {
  const path = typeof url === 'string' ? url.replace(/[?#].*$/, '') : '';
  if (!new RegExp(`\\.${extension}(\\.(gz|xz))?$`, 'i').test(path)) {
    throw helperError(scope, id, method, `url ${show(url)} is not a .${extension} file (optionally .gz or .xz): use VmwareDiskImport.${other} for other images`);
  }
}

/** `[scope/id] VmwareDiskImport.<method>: <problem>`: the path of the DataVolume the helper would create. */
function helperError(scope: Construct, id: string, method: string, problem: string): Error {
  const where = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
  return new Error(`[${where}] VmwareDiskImport.${method}: ${problem}`);
}

/**
 * DataVolumes that bring a VMware disk into KubeVirt, on ReadWriteMany storage by default:
 * a VMDK over http (CDI converts it), a converted qcow2 over http or in a registry image,
 * an upload (`virtctl image-upload`), or a copy straight from vSphere with VDDK.
 */
export class VmwareDiskImport {
  /** A VMDK served over http(s) (e.g. exported from vSphere); CDI converts it to raw. */
  public static vmdkOverHttp(scope: Construct, id: string, url: string, props: VmwareDiskImportProps): DataVolume {
    assertImageFile(scope, id, 'vmdkOverHttp', url, 'vmdk', 'qcow2OverHttp');
    return VmwareDiskImport.dataVolume(scope, id, 'vmdkOverHttp', DataVolumeSource.http(url), props);
  }

  /** A disk converted with `kubevirt-constructs disk convert`, served over http(s). */
  public static qcow2OverHttp(scope: Construct, id: string, url: string, props: VmwareDiskImportProps): DataVolume {
    assertImageFile(scope, id, 'qcow2OverHttp', url, 'qcow2', 'vmdkOverHttp');
    return VmwareDiskImport.dataVolume(scope, id, 'qcow2OverHttp', DataVolumeSource.http(url), props);
  }

  /** A converted disk in a container image (a "containerdisk"), e.g. `docker://registry.example.com/vms/web-1:v1`. */
  public static fromRegistry(scope: Construct, id: string, image: string, props: VmwareDiskImportProps): DataVolume {
    return VmwareDiskImport.dataVolume(scope, id, 'fromRegistry', DataVolumeSource.registry(image), props);
  }

  /** A DataVolume that waits for `virtctl image-upload dv <name> --image-path=disk.qcow2`. */
  public static forUpload(scope: Construct, id: string, props: VmwareDiskImportProps): DataVolume {
    return VmwareDiskImport.dataVolume(scope, id, 'forUpload', DataVolumeSource.upload(), props);
  }

  /** One disk copied straight from vSphere with VMware's VDDK (credentials from an existing Secret). */
  public static vddk(scope: Construct, id: string, source: VddkSourceOptions, props: VmwareDiskImportProps): DataVolume {
    return VmwareDiskImport.dataVolume(scope, id, 'vddk', DataVolumeSource.vddk(source), props);
  }

  private static dataVolume(scope: Construct, id: string, method: string, source: DataVolumeSource, props: VmwareDiskImportProps): DataVolume {
    const problem = propsObjectProblem(props, 'VmwareDiskImportProps', '{ size: "40Gi" }');
    if (problem) throw helperError(scope, id, method, problem);
    return new DataVolume(scope, id, {
      ...props,
      source,
      accessModes: props.accessModes ?? [AccessMode.READ_WRITE_MANY],
    });
  }
}
