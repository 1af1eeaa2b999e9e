import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DataVolume } from './data-volume';
import { DataSourceReference, DataVolumeSource, DataVolumeSourceKind, IDataSource } from './data-volume-source';
import * as cdi from '../../imports/cdi.kubevirt.io';
import { assertFactoryValue, assertPropsObject, constructError, show } from '../common/errors';
import { KubeResource } from '../core/kube-resource';
import { withdrawRefused } from '../network/refused-construct';

/** Properties of a `DataSource`. */
export interface DataSourceProps {
  /**
   * Name, namespace, labels and annotations. Golden images usually live in one namespace that
   * every project may clone from, e.g. `openshift-virtualization-os-images`.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * What the DataSource points at: a PVC (`DataVolumeSource.pvc(name, namespace)`), a
   * VolumeSnapshot (`DataVolumeSource.snapshot(name, namespace)`), or a `DataVolume` of this
   * app (its PVC has the DataVolume's name, and CDI reports the DataSource ready once the
   * DataVolume has succeeded). Without a namespace, the source is in the DataSource's.
   */
  readonly source: DataVolumeSource | DataVolume;
}

/**
 * A CDI DataSource (`cdi.kubevirt.io/v1beta1`): a stable name for a golden image, pointing at
 * the PVC or VolumeSnapshot that holds it. Disks clone it with
 * `DataVolumeSource.dataSource(dataSource)`; when the image is replaced, only the DataSource
 * changes. A DataSource that a `DataImportCron` keeps up to date is created by CDI: clone from
 * the `DataImportCron` instead of declaring it here.
 *
 * @see https://github.com/kubevirt/containerized-data-importer/blob/v1.66.0/doc/os-image-poll-and-update.md
 */
export class DataSource extends KubeResource implements IDataSource {
  /** @see kplus.Resource */
  public readonly resourceType = 'datasources';
  /** Name and namespace, for `DataVolumeSource.dataSource`. */
  public readonly dataSourceRef: DataSourceReference;
  /** The PVC or snapshot the DataSource points at. */
  public readonly source: DataVolumeSource;

  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: DataSourceProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'DataSourceProps', '{ source: DataVolumeSource.pvc("fedora-41", "os-images") }');
      this.source = this.checkSource(props.source);
      this.assertMetadataName(props.metadata);
      if (this.source.needsNamespace && this.plannedNamespace(props.metadata) === undefined) {
        throw constructError(this, `the ${this.source.kind} source has no namespace and neither has this DataSource: give the namespace to DataVolumeSource.${this.source.kind}(name, namespace), or set metadata.namespace (or the chart's namespace)`);
      }
      this.apiObject = new cdi.DataSource(this, 'Resource', {
        metadata: props.metadata,
        // CDI's schema requires the namespace of the PVC or snapshot: the DataSource's is written when none is given.
        spec: Lazy.any({ produce: () => ({ source: this.source._toKube(this.namespace) }) }),
      });
      this.dataSourceRef = { name: this.name, namespace: this.namespace };
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The source as a PVC or snapshot reference, or an error naming what to give instead. */
  private checkSource(source: unknown): DataVolumeSource {
    if (source instanceof DataVolume) {
      if (source.namespace === undefined) return DataVolumeSource.pvc(source.name);
      return DataVolumeSource.pvc(source.name, source.namespace);
    }
    assertFactoryValue(this, 'source', source);
    const kind = source instanceof DataVolumeSource ? source.kind : undefined;
    if (kind === DataVolumeSourceKind.PVC || kind === DataVolumeSourceKind.SNAPSHOT) return source as DataVolumeSource;
    const what = kind === undefined ? show(source) : `DataVolumeSource.${kind}(...)`;
    throw constructError(this, `source ${what} is not a PVC or a VolumeSnapshot, the only things a DataSource can point at: give DataVolumeSource.pvc(name, namespace), DataVolumeSource.snapshot(name, namespace) or a DataVolume; to import an image, declare a DataVolume (or a DataImportCron, which also keeps a DataSource up to date)`);
  }
}
