import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { IForkliftProvider, providerRefProblems, providerRefs } from './forklift-provider';
import { ForkliftResource } from './forklift-resource';
import { assertPropsObject, constructError, notOneOf, show } from '../../common/errors';
import { dnsSubdomainProblem } from '../../common/names';
import { forkliftL1 } from '../../core/module-on-first-use';
import { withdrawRefused } from '../../network/refused-construct';
import { AccessMode, VolumeMode } from '../../storage/storage-options';

/** Properties of `StorageMap`. */
export interface StorageMapProps {
  /**
   * Name and namespace (the providers' namespace).
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** The vSphere provider whose datastores are mapped. */
  readonly source: IForkliftProvider;
  /** The target provider. */
  readonly destination: IForkliftProvider;
}

/** Where a datastore's disks go. */
export interface StorageTarget {
  /** The storage class of the migrated disks. */
  readonly storageClass: string;
  /**
   * Access mode.
   * @default AccessMode.READ_WRITE_MANY (so migrated VMs can live-migrate)
   */
  readonly accessMode?: AccessMode;
  /** @default - chosen by the storage class's StorageProfile */
  readonly volumeMode?: VolumeMode;
}

/**
 * Where each vSphere datastore's disks go (`StorageMap`, forklift.konveyor.io/v1beta1): a
 * storage class, ReadWriteMany by default so the migrated VMs can live-migrate.
 */
export class StorageMap extends ForkliftResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'storagemaps';
  /** The Forklift object. */
  public readonly apiObject: ApiObject;
  public readonly source: IForkliftProvider;
  public readonly destination: IForkliftProvider;
  private readonly mappings: Array<{ datastore: string; target: Required<Pick<StorageTarget, 'storageClass' | 'accessMode'>> & StorageTarget }> = [];

  public constructor(scope: Construct, id: string, props: StorageMapProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'StorageMapProps', '{ source: vsphere, destination: host }');
      this.source = props.source;
      this.destination = props.destination;
      this.apiObject = this.createResource(forkliftL1().StorageMap.GVK, props.metadata);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }

  /** The datastores mapped so far. */
  public get datastores(): string[] {
    return this.mappings.map((m) => m.datastore);
  }

  /** Sends the disks on datastore `datastore` (its name in vSphere) to a storage class. */
  public map(datastore: string, target: StorageTarget): void {
    const fail = (problem: string): never => {
      throw constructError(this, `map(${show(datastore)}): ${problem}`);
    };
    if (typeof datastore !== 'string' || datastore.trim() === '') fail('the datastore name is empty: give it as vSphere shows it, e.g. "datastore1"');
    if (this.mappings.some((m) => m.datastore === datastore)) fail('the datastore is mapped twice: each datastore goes to one storage class');
    const classProblem = dnsSubdomainProblem(target?.storageClass);
    if (classProblem) fail(`storageClass ${show(target?.storageClass)} ${classProblem}`);
    const accessMode = target.accessMode ?? AccessMode.READ_WRITE_MANY;
    const badMode = notOneOf(accessMode, AccessMode);
    if (badMode) fail(`accessMode ${show(accessMode)} ${badMode}`);
    if (target.volumeMode !== undefined) {
      const badVolumeMode = notOneOf(target.volumeMode, VolumeMode);
      if (badVolumeMode) fail(`volumeMode ${show(target.volumeMode)} ${badVolumeMode}`);
    }
    this.mappings.push({ datastore, target: { ...target, accessMode } });
  }

  protected problems(): string[] {
    const problems: string[] = [];
    if (this.mappings.length === 0) problems.push('maps no datastore: add map("datastore1", { storageClass: "..." })');
    problems.push(...providerRefProblems(this.source, this.destination));
    return problems;
  }

  protected renderSpec(): object {
    return {
      provider: providerRefs(this.source, this.destination),
      map: this.mappings.map((m) => ({
        source: { name: m.datastore },
        destination: {
          storageClass: m.target.storageClass,
          accessMode: m.target.accessMode,
          ...(m.target.volumeMode ? { volumeMode: m.target.volumeMode } : {}),
        },
      })),
    };
  }
}
