import { FactoryValue, show } from '../common/errors';
import { dnsLabelProblem, objectNameProblem } from '../common/names';
import { thumbprintProblem, urlHasCredentials, urlProtocol } from '../common/url';

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

/** Options for `DataVolumeSource.vddk`: one disk of a VM in vSphere, read with VMware's VDDK. */
export interface VddkSourceOptions {
  /** vCenter (or ESXi) SDK endpoint, e.g. `https://vcenter.example.com/sdk`. */
  readonly url: string;
  /** The VM's BIOS UUID in vSphere. */
  readonly uuid: string;
  /** The disk's backing file, e.g. `[datastore1] web-1/web-1.vmdk`. */
  readonly backingFile: string;
  /** SHA-1 thumbprint of the server's certificate, `AB:CD:...` (20 pairs). */
  readonly thumbprint: string;
  /** An existing Secret with `accessKeyId` (user) and `secretKey` (password): credentials never go into the manifest. */
  readonly secretRef: string;
  /**
   * Container image with the VDDK library (you build it from VMware's SDK).
   * @default - the image set in CDI's `v2v-vmware` ConfigMap
   */
  readonly initImageUrl?: string;
}

/** A DataSource (a golden image) named by name and namespace. */
export interface DataSourceReference {
  /** Name of the DataSource, e.g. `fedora`. */
  readonly name: string;
  /**
   * Namespace of the DataSource, e.g. `openshift-virtualization-os-images`. Cloning from
   * another namespace needs the `datavolumes/source` permission there (CDI doc/clone-datavolume.md).
   * @default - the namespace of the DataVolume (or VM) that clones it
   */
  readonly namespace?: string;
}

/** A construct that stands for a DataSource: a `DataSource`, or a `DataImportCron` (the DataSource it manages). */
export interface IDataSource {
  /** Name and namespace of the DataSource. */
  readonly dataSourceRef: DataSourceReference;
}

/** The kinds of data a DataVolume can be populated from. */
export enum DataVolumeSourceKind {
  HTTP = 'http',
  REGISTRY = 'registry',
  PVC = 'pvc',
  SNAPSHOT = 'snapshot',
  UPLOAD = 'upload',
  BLANK = 'blank',
  VDDK = 'vddk',
  /** A clone of a DataSource's current PVC or snapshot (`spec.sourceRef`). */
  DATA_SOURCE = 'dataSource',
}

/**
 * Where CDI takes a DataVolume's content from.
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md
 */
export class DataVolumeSource extends FactoryValue {
  /**
   * Import a disk image over HTTP(S): qcow2, raw, iso, vmdk, optionally gz/xz compressed.
   * CDI detects the format and converts it to raw.
   */
  public static http(url: string, options: HttpSourceOptions = {}): DataVolumeSource {
    const source = new DataVolumeSource(DataVolumeSourceKind.HTTP, { http: { url, ...withoutEmptyStrings(options) } });
    const protocol = urlProtocol(url);
    if (protocol !== 'http:' && protocol !== 'https:') {
      source._problem('DataVolumeSource.http', `url ${show(url)} is not an http(s) URL: pass the full address of the image, e.g. "https://example.com/images/disk.qcow2"`);
    }
    return source._problem('DataVolumeSource.http', credentialsProblem(url));
  }

  /** Import a disk image from a container image (a "containerdisk"), e.g. `docker://quay.io/containerdisks/fedora:40`. */
  public static registry(url: string, options: RegistrySourceOptions = {}): DataVolumeSource {
    const source = new DataVolumeSource(DataVolumeSourceKind.REGISTRY, { registry: { url, ...withoutEmptyStrings(options) } });
    if (typeof url !== 'string' || !/^(docker|oci-archive):\/\/[^\s]+$/.test(url)) {
      const fix = typeof url === 'string' && url !== '' && !url.includes('://') ? `"docker://${url}"` : '"docker://quay.io/containerdisks/fedora:40"';
      source._problem('DataVolumeSource.registry', `url ${show(url)} needs the docker:// (or oci-archive://) scheme CDI expects: write ${fix}`);
    }
    return source._problem('DataVolumeSource.registry', credentialsProblem(url));
  }

  /**
   * Clone an existing PVC: in the DataVolume's namespace unless `namespace` is given
   * (cross-namespace clones need RBAC).
   */
  public static pvc(name: string, namespace?: string): DataVolumeSource {
    return new DataVolumeSource(DataVolumeSourceKind.PVC, { pvc: { name, namespace } })
      .checkNames('DataVolumeSource.pvc', ['claim name', name], ['namespace', namespace]);
  }

  /** Restore from a VolumeSnapshot (in the DataVolume's namespace unless `namespace` is given). */
  public static snapshot(name: string, namespace?: string): DataVolumeSource {
    return new DataVolumeSource(DataVolumeSourceKind.SNAPSHOT, { snapshot: { name, namespace } })
      .checkNames('DataVolumeSource.snapshot', ['snapshot name', name], ['namespace', namespace]);
  }

  /** Wait for an upload (`virtctl image-upload dv ...`). */
  public static upload(): DataVolumeSource {
    return new DataVolumeSource(DataVolumeSourceKind.UPLOAD, { upload: {} });
  }

  /** Copy a disk straight from vSphere with VMware's VDDK (CDI's `vddk` source). */
  public static vddk(options: VddkSourceOptions): DataVolumeSource {
    const given: Partial<VddkSourceOptions> = options ?? {};
    const source = new DataVolumeSource(DataVolumeSourceKind.VDDK, {
      vddk: {
        url: given.url,
        uuid: given.uuid,
        backingFile: given.backingFile,
        thumbprint: typeof given.thumbprint === 'string' ? given.thumbprint.toUpperCase() : given.thumbprint,
        secretRef: given.secretRef,
        // The generated L1 classes write this as initImageURL.
        initImageUrl: given.initImageUrl,
      },
    });
    return source._problem('DataVolumeSource.vddk', vddkProblem(given));
  }

  /**
   * Clone the current image of a DataSource (a golden image), as OpenShift's templates boot
   * RHEL, Fedora or Windows: written as `spec.sourceRef`, which CDI resolves to the PVC or
   * snapshot the DataSource points at when the DataVolume is created. Give a `DataSource` or
   * `DataImportCron` construct, or `{ name, namespace }` for one declared elsewhere. The size
   * may be left out: CDI then takes the source's.
   */
  public static dataSource(ref: IDataSource | DataSourceReference): DataVolumeSource {
    const given = dataSourceReferenceOf(ref);
    const sourceRef = { kind: 'DataSource', name: given?.name, namespace: given?.namespace };
    const source = new DataVolumeSource(DataVolumeSourceKind.DATA_SOURCE, { sourceRef });
    if (given === undefined) {
      return source._problem('DataVolumeSource.dataSource', `ref ${show(ref)} must be a DataSource or DataImportCron construct, or { name, namespace }, e.g. { name: "fedora", namespace: "openshift-virtualization-os-images" }`);
    }
    const namespace = given.namespace === undefined ? undefined : dnsLabelProblem(given.namespace);
    return source._problem('DataVolumeSource.dataSource', objectNameProblem('DataSource name', given.name), namespace && `namespace ${show(given.namespace)} ${namespace}`);
  }

  /** An empty disk. */
  public static blank(): DataVolumeSource {
    return new DataVolumeSource(DataVolumeSourceKind.BLANK, { blank: {} });
  }

  private constructor(public readonly kind: DataVolumeSourceKind, private readonly source: Record<string, object>) {
    super();
  }

  /** Records a problem for each given name that is not an object name. */
  private checkNames(factory: string, ...names: Array<[string, string | undefined]>): this {
    return this._problem(factory, ...names.map(([what, value]) => (value === undefined ? undefined : objectNameProblem(what, value))));
  }

  /**
   * Whether the source names an object without a namespace (a PVC clone or snapshot restore
   * in the DataVolume's own namespace): CDI's schema requires the namespace, so it is filled in
   * from the DataVolume's, which must then be known.
   */
  public get needsNamespace(): boolean {
    const ref = (this.source.pvc ?? this.source.snapshot) as { namespace?: string } | undefined;
    return ref !== undefined && ref.namespace === undefined;
  }

  /**
   * The DataSource a clone names, when this is `DataVolumeSource.dataSource(...)`: its namespace
   * is undefined when it is the DataVolume's.
   */
  public get dataSourceRef(): DataSourceReference | undefined {
    const ref = this.source.sourceRef as DataSourceReference | undefined;
    return ref && { name: ref.name, namespace: ref.namespace };
  }

  /**
   * The source fields of a DataVolume spec in `namespace`: `{ source }`, or `{ sourceRef }` for
   * a DataSource clone (CDI refuses a spec with both). @internal
   */
  public _toSpec(namespace?: string): { source?: Record<string, object>; sourceRef?: Record<string, string> } {
    if (this.kind !== DataVolumeSourceKind.DATA_SOURCE) return { source: this._toKube(namespace) };
    // Left out when not given: CDI reads a missing namespace as the DataVolume's (DataVolumeSourceRef in v1beta1/types.go, v1.66.0).
    const { kind, name, namespace: refNamespace } = this.source.sourceRef as Record<string, string>;
    return { sourceRef: refNamespace === undefined ? { kind, name } : { kind, name, namespace: refNamespace } };
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

/** Name and namespace from a DataSource construct, a DataImportCron, or a plain reference; undefined for anything else. */
function dataSourceReferenceOf(ref: unknown): DataSourceReference | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  // Checked first: a construct also has a name, which for a DataImportCron is not its DataSource's.
  const provided = (ref as Partial<IDataSource>).dataSourceRef;
  const plain = (provided ?? ref) as Partial<DataSourceReference>;
  if (typeof plain !== 'object' || plain === null || !('name' in plain)) return undefined;
  return { name: plain.name as string, namespace: plain.namespace };
}

/**
 * The options without empty strings: CDI's Go types drop them (omitempty) when a controller or
 * the VM mutator writes the DataVolume back, so writing them would show as GitOps drift.
 */
function withoutEmptyStrings<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== '')) as Partial<T>;
}

/**
 * Why a URL must not be written into a DataVolume, when it carries a user or password before
 * its host (`https://user:password@host/...`): the manifest, and Git with it, would hold them in
 * clear text. CDI reads them from a Secret instead (`secretRef`, keys `accessKeyId` and
 * `secretKey`), and a private CA from a ConfigMap (`certConfigMap`). The password is masked in
 * the message, which may end up in CI logs.
 */
function credentialsProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username === '' && parsed.password === '') return undefined;
  const masked = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${parsed.username || '<user>'}${parsed.password ? ':***' : ''}@`);
  return `url ${show(masked)} carries credentials before the host, which would be written in clear text into the DataVolume (and Git): `
    + 'remove them from the URL, put them into a Secret with the keys accessKeyId (user) and secretKey (password), and name it with the secretRef option '
    + '(a private CA goes into a ConfigMap named by certConfigMap)';
}

/** The first problem of VDDK source options, or undefined. */
function vddkProblem(options: Partial<VddkSourceOptions>): string | undefined {
  if (urlProtocol(options.url as string) !== 'https:') return `url ${show(options.url)} is not an https URL: use the SDK endpoint, e.g. "https://vcenter.example.com/sdk"`;
  if (urlHasCredentials(options.url as string)) return 'url carries credentials: put them into the Secret named by secretRef, never into the manifest';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(options.uuid ?? ''))) {
    return `uuid ${show(options.uuid)} is not a VM UUID: use the VM's BIOS UUID, e.g. "42030a8e-2b7f-4b1c-9e3d-6f3a1c2b4d5e"`;
  }
  if (!/^\[[^\]]+\] .+\.vmdk$/.test(String(options.backingFile ?? ''))) {
    return `backingFile ${show(options.backingFile)} is not a datastore path: write it as vSphere shows it, e.g. "[datastore1] web-1/web-1.vmdk"`;
  }
  const thumbprint = thumbprintProblem(options.thumbprint as string);
  if (thumbprint) return `thumbprint ${show(options.thumbprint)} ${thumbprint}`;
  return objectNameProblem('secretRef', options.secretRef as string);
}
