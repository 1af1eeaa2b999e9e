import * as pulumi from '@pulumi/pulumi';
import { Chart } from 'cdk8s';
import { ChartDeployment, inMemoryApp, plainResources } from './chart-deployment';
import { isPlatformNamespace } from './namespaces';
import { asResourceError } from './resource-error';
import { notOneOf, show } from '../common/errors';
import { WorkloadNamespace } from '../core/workload-namespace';
import * as storage from '../storage/data-volume';
import { DataVolumeSource } from '../storage/data-volume-source';
import { AccessMode } from '../storage/storage-options';

/** Arguments of the Pulumi `DataVolume` (flat, so every Pulumi language can pass them). */
export interface DataVolumeArgs {
  /**
   * Name of the DataVolume (and of its PersistentVolumeClaim).
   * @default - the Pulumi resource name
   */
  dataVolumeName?: string;
  /**
   * Namespace.
   * @default "default"
   */
  namespace?: string;
  /**
   * Create the namespace first (kept on destroy: it holds the disk). False when it exists.
   * @default true (never for default and the kube-* and openshift-* namespaces)
   */
  createNamespace?: boolean;
  /** Capacity, e.g. "50Gi". */
  size: string;
  /**
   * Import an image over http(s), e.g. "https://images.example.com/rhel9.qcow2".
   * @default - none; a blank disk unless registryImage is given
   */
  sourceUrl?: string;
  /**
   * Import a container disk image, e.g. "docker://quay.io/containerdisks/fedora:40".
   * @default - none
   */
  registryImage?: string;
  /**
   * Storage class.
   * @default - the cluster's default
   */
  storageClass?: string;
  /**
   * The storage class binds late (WaitForFirstConsumer): ready once it waits for a consumer.
   * @default false
   */
  storageBindsLate?: boolean;
  /**
   * "ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany" or "ReadWriteOncePod".
   * @default "ReadWriteMany" (so VMs using it can live-migrate)
   */
  accessMode?: string;
  /**
   * How long the import may take before `pulumi up` fails, e.g. "1h".
   * @default "30m"
   */
  timeout?: string;
  /**
   * Keep the disk on `pulumi destroy` (and when removed from the program).
   * @default true
   */
  keepOnDestroy?: boolean;
  /**
   * Take over a DataVolume that exists; needs a provider with `upsertExistingObjects: true`.
   * @default false
   */
  adoptExisting?: boolean;
}

/**
 * A CDI DataVolume for Pulumi programs in any language, rendered by the cdk8s `DataVolume`
 * construct and deployed with `ChartDeployment`: `pulumi up` waits until it is populated, and
 * `pulumi destroy` keeps it. Attach it to a VM by name; its claim has the same name.
 */
export class DataVolume extends pulumi.ComponentResource {
  /** The DataVolume's name in the cluster. */
  public readonly dataVolumeName: pulumi.Output<string>;
  /** Its namespace. */
  public readonly namespace: pulumi.Output<string>;
  /** The PersistentVolumeClaim CDI creates for it (same name). */
  public readonly claimName: pulumi.Output<string>;
  /** The URNs of the deployed objects by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;

  public constructor(name: string, args: DataVolumeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:DataVolume', name, {}, opts);
    const namespace = args.namespace ?? 'default';
    const dataVolumeName = args.dataVolumeName ?? name;
    const app = inMemoryApp();
    asResourceError(this, () => {
      const chart = new Chart(app, name, { namespace });
      new storage.DataVolume(chart, 'disk', {
        metadata: { name: dataVolumeName },
        source: sourceOf(args),
        size: args.size,
        storageClassName: args.storageClass,
        accessModes: [accessModeOf(args.accessMode)],
      });
      if (args.createNamespace !== false && !isPlatformNamespace(namespace)) new WorkloadNamespace(chart, 'namespace', { name: namespace });
    });
    const deployment = new ChartDeployment(`${name}-objects`, {
      chart: app,
      createNamespaces: false,
      // Other components may put objects into it: destroying this one must not delete them.
      retainNamespaces: true,
      retainDisksOnDelete: args.keepOnDestroy ?? true,
      readiness: { storageBindsLate: args.storageBindsLate, diskTimeout: args.timeout },
      adoptExisting: args.adoptExisting,
    }, { parent: this, dependsOn: plainResources(opts.dependsOn) });
    this.dataVolumeName = pulumi.output(dataVolumeName);
    this.namespace = pulumi.output(namespace);
    this.claimName = this.dataVolumeName;
    this.urns = deployment.urns;
    this.registerOutputs({ dataVolumeName: this.dataVolumeName, namespace: this.namespace, claimName: this.claimName, urns: this.urns });
  }
}

function sourceOf(args: DataVolumeArgs): DataVolumeSource {
  if (args.sourceUrl !== undefined && args.registryImage !== undefined) {
    throw new Error(`DataVolume: give at most one of sourceUrl (${show(args.sourceUrl)}) and registryImage (${show(args.registryImage)})`);
  }
  if (args.sourceUrl !== undefined) return DataVolumeSource.http(args.sourceUrl);
  if (args.registryImage !== undefined) return DataVolumeSource.registry(args.registryImage);
  return DataVolumeSource.blank();
}

function accessModeOf(value: string | undefined): AccessMode {
  if (value === undefined) return AccessMode.READ_WRITE_MANY;
  const problem = notOneOf(value, AccessMode);
  if (problem) throw new Error(`DataVolume: accessMode ${show(value)} ${problem}`);
  return value as AccessMode;
}
