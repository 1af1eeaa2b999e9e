import { show } from '../common/errors';
import { assertObjectName } from '../common/names';
import { urlProtocol } from '../common/url';

/** How CDI pulls a registry image. */
export enum RegistryPullMethod {
  /** CDI's importer pod pulls the image (default). */
  POD = 'pod',
  /** The node's container runtime pulls and caches the image. */
  NODE = 'node',
}

/** Options for `DataVolumeSource.http`. */
export interface HttpSourceOptions {
  /**
   * Secret with `accessKeyId` and `secretKey` keys for basic authentication.
   * @default - no authentication
   */
  readonly secretRef?: string;
  /**
   * ConfigMap holding the CA bundle that signs the server's certificate.
   * @default - the system trust store
   */
  readonly certConfigMap?: string;
}

/** Options for `DataVolumeSource.registry`. */
export interface RegistrySourceOptions {
  /** @default RegistryPullMethod.POD */
  readonly pullMethod?: RegistryPullMethod;
  /**
   * Secret with registry credentials (`accessKeyId`, `secretKey`).
   * @default - anonymous pull
   */
  readonly secretRef?: string;
  /**
   * ConfigMap holding the registry's CA bundle.
   * @default - the system trust store
   */
  readonly certConfigMap?: string;
}

/** The kinds of data a DataVolume can be populated from. */
export enum DataVolumeSourceKind {
  HTTP = 'http',
  REGISTRY = 'registry',
  PVC = 'pvc',
  SNAPSHOT = 'snapshot',
  UPLOAD = 'upload',
  BLANK = 'blank',
}

/**
 * Where CDI takes a DataVolume's content from.
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md
 */
export class DataVolumeSource {
  /**
   * Import a disk image over HTTP(S): qcow2, raw, iso, vmdk, optionally gz/xz compressed.
   * CDI detects the format and converts it to raw.
   */
  public static http(url: string, options: HttpSourceOptions = {}): DataVolumeSource {
    const protocol = urlProtocol(url);
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new Error(`DataVolumeSource.http: url ${show(url)} is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"`);
    }
    return new DataVolumeSource(DataVolumeSourceKind.HTTP, { http: { url, ...options } });
  }

  /** Import a disk image from a container image (a "containerdisk"), e.g. `docker://quay.io/containerdisks/fedora:40`. */
  public static registry(url: string, options: RegistrySourceOptions = {}): DataVolumeSource {
    if (typeof url !== 'string' || !/^(docker|oci-archive):\/\/[^\s]+$/.test(url)) {
      const fix = typeof url === 'string' && url !== '' && !url.includes('://') ? `"docker://${url}"` : '"docker://quay.io/containerdisks/fedora:40"';
      throw new Error(`DataVolumeSource.registry: url ${show(url)} needs the docker:// (or oci-archive://) scheme CDI expects: write ${fix}`);
    }
    return new DataVolumeSource(DataVolumeSourceKind.REGISTRY, { registry: { url, ...options } });
  }

  /**
   * Clone an existing PVC: in the DataVolume's namespace unless `namespace` is given
   * (cross-namespace clones need RBAC).
   */
  public static pvc(name: string, namespace?: string): DataVolumeSource {
    assertObjectName('DataVolumeSource.pvc', 'claim name', name);
    if (namespace !== undefined) assertObjectName('DataVolumeSource.pvc', 'namespace', namespace);
    return new DataVolumeSource(DataVolumeSourceKind.PVC, { pvc: { name, namespace } });
  }

  /** Restore from a VolumeSnapshot (in the DataVolume's namespace unless `namespace` is given). */
  public static snapshot(name: string, namespace?: string): DataVolumeSource {
    assertObjectName('DataVolumeSource.snapshot', 'snapshot name', name);
    if (namespace !== undefined) assertObjectName('DataVolumeSource.snapshot', 'namespace', namespace);
    return new DataVolumeSource(DataVolumeSourceKind.SNAPSHOT, { snapshot: { name, namespace } });
  }

  /** Wait for an upload (`virtctl image-upload dv ...`). */
  public static upload(): DataVolumeSource {
    return new DataVolumeSource(DataVolumeSourceKind.UPLOAD, { upload: {} });
  }

  /** An empty disk. */
  public static blank(): DataVolumeSource {
    return new DataVolumeSource(DataVolumeSourceKind.BLANK, { blank: {} });
  }

  private constructor(public readonly kind: DataVolumeSourceKind, private readonly source: Record<string, object>) {}

  /**
   * Whether the source names an object without a namespace (a PVC clone or snapshot restore
   * in the DataVolume's own namespace): CDI's schema requires the namespace, so it is filled in
   * from the DataVolume's, which must then be known.
   */
  public get needsNamespace(): boolean {
    const ref = (this.source.pvc ?? this.source.snapshot) as { namespace?: string } | undefined;
    return ref !== undefined && ref.namespace === undefined;
  }

  /** The `spec.source` of a DataVolume in `namespace`. @internal */
  public _toKube(namespace?: string): Record<string, object> {
    const source = structuredClone(this.source) as Record<string, { namespace?: string }>;
    for (const key of ['pvc', 'snapshot']) {
      if (source[key] && source[key].namespace === undefined) source[key].namespace = namespace;
    }
    return source;
  }
}
