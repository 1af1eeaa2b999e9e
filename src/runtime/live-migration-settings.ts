import { Duration, Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { show } from '../common/errors';
import { byteQuantity, canonicalQuantity } from '../common/quantity';
import { INetworkAttachment, isNetworkAttachment } from '../network/network-attachment';

/** How live migrations behave (cluster-wide, or for the VMs a MigrationPolicy selects). */
export interface MigrationTuning {
  /**
   * Bandwidth limit of one migration, per second, e.g. `Size.mebibytes(256)` or `"1Gi"`.
   * @default - unlimited
   */
  readonly bandwidthPerMigration?: Size | string;
  /**
   * How long a migration may take per GiB of guest memory before it is cancelled
   * (a Duration, or a number of seconds).
   * @default - KubeVirt's default (150 seconds; the HyperConverged operator sets 20)
   */
  readonly completionTimeoutPerGiB?: Duration | number;
  /**
   * Slow the guest's vCPUs down when memory is dirtied faster than it is copied.
   * @default false
   */
  readonly allowAutoConverge?: boolean;
  /**
   * Switch to post-copy when pre-copy does not converge (a failed post-copy loses the VM).
   * @default false
   */
  readonly allowPostCopy?: boolean;
}

/** Cluster-wide live-migration configuration. */
export interface LiveMigrationSettings extends MigrationTuning {
  /**
   * How many migrations run at once in the cluster.
   * @default 5
   */
  readonly parallelMigrationsPerCluster?: number;
  /**
   * How many migrations may leave one node at once.
   * @default 2 (KubeVirt), 1 (the HyperConverged operator)
   */
  readonly parallelOutboundMigrationsPerNode?: number;
  /**
   * Cancel a migration that makes no progress for this long (a Duration, or a number of seconds).
   * @default 150 seconds
   */
  readonly progressTimeout?: Duration | number;
  /**
   * A dedicated network for migration traffic: a NetworkAttachmentDefinition declared in this app
   * (or referenced with `NetworkAttachmentDefinition.fromName`) in the operator's namespace.
   * @default - the pod network
   */
  readonly network?: INetworkAttachment;
}

/**
 * Checks live-migration settings and returns them in the API's field names (times in seconds),
 * or throws `errorFor(problem)`. `networkNamespace` is where the operator looks for the migration
 * network; `scope` (the construct the settings belong to) lets a network of another app be refused.
 */
export function renderLiveMigration(
  field: string,
  settings: LiveMigrationSettings,
  networkNamespace: string | undefined,
  errorFor: (problem: string) => Error,
  scope?: IConstruct,
): Record<string, unknown> {
  const fail = (problem: string): never => {
    throw errorFor(`${field}.${problem}`);
  };
  for (const key of ['parallelMigrationsPerCluster', 'parallelOutboundMigrationsPerNode'] as const) {
    const value = settings[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) fail(`${key} ${show(value)} must be a whole number of at least 1`);
  }
  const tuning = renderMigrationTuning(field, settings, errorFor);
  let progressTimeout: number | undefined;
  if (settings.progressTimeout !== undefined) {
    progressTimeout = seconds(settings.progressTimeout);
    if (!(Number.isInteger(progressTimeout) && progressTimeout >= 1)) {
      fail(`progressTimeout of ${progressTimeout} seconds must be a whole number of seconds, at least 1`);
    }
  }
  const network = settings.network === undefined ? undefined : migrationNetworkName(settings.network, networkNamespace, fail, scope);
  return {
    ...tuning,
    parallelMigrationsPerCluster: settings.parallelMigrationsPerCluster,
    parallelOutboundMigrationsPerNode: settings.parallelOutboundMigrationsPerNode,
    progressTimeout,
    network,
  };
}

/** The name of the migration network, after checking it is one the operator will find. */
function migrationNetworkName(net: unknown, networkNamespace: string | undefined, fail: (problem: string) => never, scope?: IConstruct): string {
  if (typeof net === 'string') {
    fail(`network ${show(net)} is a bare name: declare the network (new NetworkAttachmentDefinition(...)) and pass it, or reference one that exists with NetworkAttachmentDefinition.fromName(${show(net)}, ${show(networkNamespace)})`);
  }
  if (!isNetworkAttachment(net)) {
    fail('network must be a NetworkAttachmentDefinition declared in this app, or NetworkAttachmentDefinition.fromName("...")');
  }
  const attachment = net as INetworkAttachment;
  // A NAD construct of another App is written into that App's manifests, not these.
  if (scope && Construct.isConstruct(attachment) && attachment.node.root !== scope.node.root) {
    fail(`network ${show(attachment.name)} is the NetworkAttachmentDefinition at [${attachment.node.path}] of another cdk8s App, whose manifests this App's do not include: declare the migration network in this App, or reference it with NetworkAttachmentDefinition.fromName(${show(attachment.name)}) when the other App deploys it`);
  }
  if (attachment.namespace !== undefined && attachment.namespace !== networkNamespace) {
    fail(`network ${show(attachment.name)} is declared in namespace ${show(attachment.namespace)}, but the operator looks for it in ${show(networkNamespace)}: declare the migration network in ${show(networkNamespace)}`);
  }
  return attachment.name;
}

/** Checks and renders the tuning knobs shared with MigrationPolicy. */
export function renderMigrationTuning(field: string, tuning: MigrationTuning, errorFor: (problem: string) => Error): Record<string, unknown> {
  let bandwidth: string | undefined;
  if (tuning.bandwidthPerMigration !== undefined) {
    const { quantity, problem } = byteQuantity(tuning.bandwidthPerMigration);
    if (problem) throw errorFor(`${field}.bandwidthPerMigration ${show(tuning.bandwidthPerMigration)} ${problem}`);
    // As the operators store it once they have written the CR back.
    bandwidth = canonicalQuantity(quantity!);
  }
  let completion: number | undefined;
  if (tuning.completionTimeoutPerGiB !== undefined) {
    completion = seconds(tuning.completionTimeoutPerGiB);
    if (!(Number.isInteger(completion) && completion >= 1)) {
      throw errorFor(`${field}.completionTimeoutPerGiB of ${completion} seconds must be a whole number of seconds, at least 1`);
    }
  }
  return {
    bandwidthPerMigration: bandwidth,
    completionTimeoutPerGiB: completion,
    allowAutoConverge: tuning.allowAutoConverge,
    allowPostCopy: tuning.allowPostCopy,
  };
}

/** A Duration or a number of seconds, in seconds (possibly fractional or negative, for the checks to report). */
export function seconds(duration: Duration | number): number {
  return typeof duration === 'number' ? duration : duration.toMilliseconds() / 1000;
}
