import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as argo from '../../../imports/argoproj.io';
import { assertPropsObject, constructError, show } from '../../common/errors';
import { dnsSubdomainProblem } from '../../common/names';
import { KubeResource } from '../../core/kube-resource';
import { ARGO_SYNC_WAVE } from '../sync-waves';

/** The Kubernetes API server an Application deploys to. */
export interface ArgoCdDestination {
  /** The cluster's API URL. @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in), unless `name` is given */
  readonly server?: string;
  /** The cluster's name in Argo CD (instead of `server`). @default - by server */
  readonly name?: string;
  /** Namespace of objects written without one. @default - none: every namespaced object carries its own */
  readonly namespace?: string;
}

/** How Argo CD retries a failed sync (a CRD not yet created by an operator, a webhook not yet up). */
export interface ArgoCdRetry {
  /** Attempts before giving up. @default 10 */
  readonly limit?: number;
  /** The first wait. @default 15 seconds */
  readonly backoff?: Duration;
  /** Each wait is the previous one times this (a whole number). @default 2 */
  readonly factor?: number;
  /** The longest wait. @default 5 minutes */
  readonly maxBackoff?: Duration;
}

/** A resource field Argo CD leaves out of its comparison (`spec.ignoreDifferences`). */
export interface ArgoCdIgnoreDifference {
  readonly group: string;
  readonly kind: string;
  /** Only the object of this name. @default - every object of the kind */
  readonly name?: string;
  /** Only objects in this namespace. @default - any namespace */
  readonly namespace?: string;
  /** JSON pointers (RFC 6901) to the ignored fields. */
  readonly jsonPointers?: string[];
  /** jq path expressions selecting ignored fields (for fields inside array items). */
  readonly jqPathExpressions?: string[];
}

/** Properties of `ArgoCdApplication`. */
export interface ArgoCdApplicationProps {
  /** Name of the Application. */
  readonly name: string;
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /** The AppProject. @default 'default' */
  readonly project?: string;
  /** The Git repository (URL as Argo CD knows it). */
  readonly repoURL: string;
  /** Branch, tag or commit. @default 'HEAD' */
  readonly targetRevision?: string;
  /** Folder inside the repository (relative, no `..`). */
  readonly path: string;
  /** @default - the cluster Argo CD runs in */
  readonly destination?: ArgoCdDestination;
  /** Sync wave of the Application itself, when an app-of-apps applies it. @default - none */
  readonly syncWave?: number;
  /** Sync on every change, prune what left Git, undo manual changes. @default true */
  readonly automated?: boolean;
  /** @default - 10 attempts, 15 s doubling to 5 min */
  readonly retry?: ArgoCdRetry;
  /** Application-wide sync options (`Key=value`). @default - none */
  readonly syncOptions?: string[];
  /** Fields Argo CD does not compare. @default - none */
  readonly ignoreDifferences?: ArgoCdIgnoreDifference[];
}

/**
 * An Argo CD Application (`argoproj.io/v1alpha1`): a folder of a Git repository kept in sync
 * with a cluster, retried with backoff (a fresh cluster's first sync fails until the operators
 * have created their CRDs).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
 */
export class ArgoCdApplication extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'applications';
  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'ArgoCdApplicationProps', '{ name: "vms", repoURL: "https://git.example.com/vms.git", path: "dist" }');
      const spec = this.validateProps(props);
      this.apiObject = new argo.Application(this, 'Resource', {
        metadata: {
          name: props.name,
          namespace: props.namespace ?? 'argocd',
          annotations: props.syncWave !== undefined ? { [ARGO_SYNC_WAVE]: String(props.syncWave) } : undefined,
        },
        spec,
      });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one
      // (it claims no addresses, so removing it from the tree is all it takes).
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  private validateProps(props: ArgoCdApplicationProps): argo.ApplicationSpec {
    const nameProblem = dnsSubdomainProblem(props.name);
    if (nameProblem) throw constructError(this, `name ${show(props.name)} ${nameProblem}`);
    assertRepoURL(this, props.repoURL);
    assertRepositoryPath(this, 'path', props.path);
    if (props.syncWave !== undefined && !Number.isInteger(props.syncWave)) {
      throw constructError(this, `syncWave ${show(props.syncWave)} must be a whole number (lower waves are applied first)`);
    }
    return {
      project: props.project ?? 'default',
      source: { repoUrl: props.repoURL, targetRevision: props.targetRevision ?? 'HEAD', path: props.path },
      destination: destinationSpec(props.destination),
      syncPolicy: syncPolicySpec(this, props),
      ignoreDifferences: props.ignoreDifferences !== undefined && props.ignoreDifferences.length > 0
        ? props.ignoreDifferences.map((d) => ({ ...d }))
        : undefined,
    };
  }
}

/**
 * Argo CD's `syncPolicy.retry` for `retry` (defaults filled in); throws naming `scope` for a bad
 * limit or factor. Shared with `ArgoCdApplicationSet`'s template, not part of the package API.
 * @internal
 */
export function argoCdRetryPolicy(scope: Construct, retry: ArgoCdRetry, field = 'retry'): ArgoCdRetryPolicy {
  const limit = retry.limit ?? 10;
  const factor = retry.factor ?? 2;
  if (!Number.isInteger(limit) || limit < 1) throw constructError(scope, `${field}.limit ${show(limit)} must be a whole number of at least 1`);
  if (!Number.isInteger(factor) || factor < 1) throw constructError(scope, `${field}.factor ${show(factor)} must be a whole number of at least 1 (Argo CD reads it as an integer)`);
  return {
    limit,
    backoff: { duration: seconds(retry.backoff ?? Duration.seconds(15)), factor, maxDuration: seconds(retry.maxBackoff ?? Duration.minutes(5)) },
  };
}

/** An Application's `destination`: by name, or by server (the cluster Argo CD runs in by default). @internal */
export function destinationSpec(destination: ArgoCdDestination = {}): { server?: string; name?: string; namespace?: string } {
  return {
    server: destination.name === undefined ? destination.server ?? 'https://kubernetes.default.svc' : destination.server,
    name: destination.name,
    namespace: destination.namespace,
  };
}

/**
 * An Application's `syncPolicy`: automated prune and self-heal unless `automated` is false, the
 * retry policy (`retryField` names it in messages), the sync options when there are any. @internal
 */
export function syncPolicySpec(
  scope: Construct, options: { readonly automated?: boolean; readonly retry?: ArgoCdRetry; readonly syncOptions?: string[] }, retryField = 'retry',
): { automated?: { prune: boolean; selfHeal: boolean }; retry: ArgoCdRetryPolicy; syncOptions?: string[] } {
  return {
    automated: (options.automated ?? true) ? { prune: true, selfHeal: true } : undefined,
    retry: argoCdRetryPolicy(scope, options.retry ?? {}, retryField),
    syncOptions: options.syncOptions !== undefined && options.syncOptions.length > 0 ? [...options.syncOptions] : undefined,
  };
}

/** `syncPolicy.retry` as Argo CD reads it (Go durations). @internal */
export interface ArgoCdRetryPolicy {
  readonly limit: number;
  readonly backoff: { readonly duration: string; readonly factor: number; readonly maxDuration: string };
}

/** A Go duration in whole seconds ("90s"), as Argo CD and Flux parse them. */
export function seconds(duration: Duration): string {
  return `${duration.toSeconds()}s`;
}

/** Why `url` is not a Git URL Argo CD and Flux accept (https, ssh, git@host:path), if it is not. */
export function repoUrlProblem(url: unknown): string | undefined {
  if (typeof url === 'string' && /^(https?:\/\/|ssh:\/\/|git@[^:\s]+:)\S+$/.test(url)) return undefined;
  return `repoURL ${show(url)} is not a Git repository URL: give https://host/org/repo.git or git@host:org/repo.git`;
}

/** Why `value` is not a folder path inside a repository (relative, no `..`, no empty part), if it is not. */
export function repositoryPathProblem(field: string, value: unknown): string | undefined {
  const parts = typeof value === 'string' ? value.replace(/^\.\//, '').split('/') : [];
  if (typeof value === 'string' && !value.startsWith('/') && parts.every((p) => p !== '' && p !== '..')) return undefined;
  return `${field} ${show(value)} must be a folder inside the repository, relative to its root (e.g. "dist" or "clusters/prod"), without ".." or a leading "/"`;
}

/** Throws (naming `scope`) unless `url` is a Git URL. */
export function assertRepoURL(scope: Construct, url: unknown): void {
  const problem = repoUrlProblem(url);
  if (problem) throw constructError(scope, problem);
}

/** Throws (naming `scope`) unless `value` is a folder path inside a repository. */
export function assertRepositoryPath(scope: Construct, field: string, value: unknown): void {
  const problem = repositoryPathProblem(field, value);
  if (problem) throw constructError(scope, problem);
}
