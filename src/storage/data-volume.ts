import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DataVolumeSource } from './data-volume-source';
import { DataVolumeSpecParts, DataVolumeStorageOptions, dataVolumeSpecParts, renderDataVolumeSpec } from './storage-options';
import * as cdi from '../../imports/cdi.kubevirt.io';
import { assertFactoryValue, assertPropsObject, constructError } from '../common/errors';
import { KubeResource } from '../core/kube-resource';
import { ProducerOf } from '../core/producer-of';
import { protectFromPrune } from '../gitops/prune-protection';
import { withdrawRefused } from '../network/refused-construct';

/** Properties of a `DataVolume`. */
export interface DataVolumeProps extends DataVolumeStorageOptions {
  /**
   * Name, namespace, labels and annotations.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** Where CDI takes the disk's content from. */
  readonly source: DataVolumeSource;
  /**
   * Keep GitOps controllers from deleting the disk when it leaves Git or the application is
   * deleted (Argo CD `Prune=false,Delete=false`, Flux `prune: disabled`).
   * @default true
   */
  readonly pruneProtection?: boolean;
}

/**
 * A CDI DataVolume (`cdi.kubevirt.io/v1beta1`): a PVC that CDI fills from an image, a registry,
 * another PVC, a snapshot or an upload. Unlike a DataVolume template it lives on its own, so
 * deleting a VM leaves it (and its data) in place. Attach it with `VolumeSource.dataVolume(dv)`.
 *
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md
 */
export class DataVolume extends KubeResource {
  private static specOf(dv: DataVolume): cdi.DataVolumeSpec {
    return renderDataVolumeSpec(dv.parts, dv.namespace, (q) => cdi.DataVolumeSpecStorageResourcesRequests.fromString(q)) as cdi.DataVolumeSpec;
  }

  /** @see kplus.Resource */
  public readonly resourceType = 'datavolumes';
  /** Where the content comes from. */
  public readonly source: DataVolumeSource;
  /** The validated storage request. */
  public readonly storage: DataVolumeSpecParts['storage'];

  protected readonly apiObject: ApiObject;
  private readonly parts: DataVolumeSpecParts;

  public constructor(scope: Construct, id: string, props: DataVolumeProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'DataVolumeProps', '{ source: DataVolumeSource.blank(), size: "10Gi" }');
      assertFactoryValue(this, 'source', props.source);
      const parts = dataVolumeSpecParts(props.source, props, (problem) => constructError(this, problem));
      this.assertMetadataName(props.metadata);
      if (props.source.needsNamespace && this.plannedNamespace(props.metadata) === undefined) {
        throw constructError(this, `the ${props.source.kind} source has no namespace and neither has this DataVolume: give the namespace to DataVolumeSource.${props.source.kind}(name, namespace), or set metadata.namespace (or the chart's namespace)`);
      }
      this.source = props.source;
      this.storage = parts.storage;
      this.parts = parts;
      this.apiObject = new cdi.DataVolume(this, 'Resource', {
        metadata: props.metadata,
        spec: Lazy.any(new ProducerOf(this, DataVolume.specOf)) as unknown as cdi.DataVolumeSpec,
      });
      if (props.pruneProtection ?? true) protectFromPrune(this.apiObject);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }
}
