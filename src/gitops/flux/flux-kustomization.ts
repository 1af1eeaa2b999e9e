import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as flux from '../../../imports/kustomize.toolkit.fluxcd.io';
import { assertPropsObject, constructError, notOneOf, show } from '../../common/errors';
import { dnsSubdomainProblem } from '../../common/names';
import { KubeResource } from '../../core/kube-resource';
import { assertRepositoryPath, seconds } from '../argo-cd/application';
import { FluxHealthCheckExpr } from '../health/flux-health-checks';

export { FluxHealthCheckExpr };

/** Kinds of Flux sources a Kustomization reads. */
export enum FluxSourceKind {
  GIT_REPOSITORY = 'GitRepository',
  OCI_REPOSITORY = 'OCIRepository',
  BUCKET = 'Bucket',
}

/** The Flux source (a GitRepository, usually) a Kustomization reads. */
export interface FluxSourceRef {
  /** @default FluxSourceKind.GIT_REPOSITORY */
  readonly kind?: FluxSourceKind;
  readonly name: string;
  /** @default - the Kustomization's namespace */
  readonly namespace?: string;
}

/** A Secret holding the kubeconfig of a remote cluster (`spec.kubeConfig.secretRef`). */
export interface FluxKubeConfig {
  /** The Secret, in the Kustomization's namespace. */
  readonly secretName: string;
  /** The Secret's key holding the kubeconfig. @default - "value", else "value.yaml" (kustomize-controller v1.9.4 looks these up) */
  readonly key?: string;
}

/** Properties of `FluxKustomization`. */
export interface FluxKustomizationProps {
  /** Name of the Kustomization. */
  readonly name: string;
  /** @default 'flux-system' */
  readonly namespace?: string;
  /** Folder inside the source, relative to its root (e.g. "./dist/phases/cluster"). */
  readonly path: string;
  /** @default { kind: GitRepository, name: 'flux-system' } (what `flux bootstrap` creates) */
  readonly sourceRef?: FluxSourceRef;
  /** How often Flux reconciles. @default 10 minutes */
  readonly interval?: Duration;
  /** How long Flux waits for the objects to be ready. @default 15 minutes */
  readonly timeout?: Duration;
  /** How soon Flux retries a failed reconciliation. @default 1 minute */
  readonly retryInterval?: Duration;
  /** Kustomizations (same namespace) that must be ready first. @default - none */
  readonly dependsOn?: string[];
  /** Custom health checks for kinds kstatus cannot judge. @default - none */
  readonly healthCheckExprs?: FluxHealthCheckExpr[];
  /**
   * Apply to a remote cluster with the kubeconfig in this Secret (the Kustomization stays in
   * the cluster Flux runs in, e.g. a management cluster). @default - the cluster Flux runs in
   */
  readonly kubeConfig?: FluxKubeConfig;
}

/**
 * A Flux Kustomization (`kustomize.toolkit.fluxcd.io/v1`): applies a folder of a source, prunes
 * what left it (objects marked `kustomize.toolkit.fluxcd.io/prune: disabled` are kept), and is
 * ready only when every object it applied is ready (`wait`), so a Kustomization that `dependsOn`
 * it waits for the runtime.
 *
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/
 */
export class FluxKustomization extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'kustomizations';
  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: FluxKustomizationProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'FluxKustomizationProps', '{ name: "vms", path: "dist" }');
      const problem = dnsSubdomainProblem(props.name);
      if (problem) throw constructError(this, `name ${show(props.name)} ${problem}`);
      assertRepositoryPath(this, 'path', props.path);
      const sourceRef = props.sourceRef ?? { name: 'flux-system' };
      const badKind = notOneOf(sourceRef.kind ?? FluxSourceKind.GIT_REPOSITORY, FluxSourceKind);
      if (badKind) throw constructError(this, `sourceRef.kind ${show(sourceRef.kind)} ${badKind}`);
      this.apiObject = new flux.Kustomization(this, 'Resource', {
        metadata: { name: props.name, namespace: props.namespace ?? 'flux-system' },
        spec: {
          path: props.path.startsWith('./') ? props.path : `./${props.path}`,
          sourceRef: {
            kind: (sourceRef.kind ?? FluxSourceKind.GIT_REPOSITORY) as string as flux.KustomizationSpecSourceRefKind,
            name: sourceRef.name,
            namespace: sourceRef.namespace,
          },
          interval: seconds(props.interval ?? Duration.minutes(10)),
          timeout: seconds(props.timeout ?? Duration.minutes(15)),
          retryInterval: seconds(props.retryInterval ?? Duration.minutes(1)),
          prune: true,
          wait: true,
          dependsOn: props.dependsOn !== undefined && props.dependsOn.length > 0 ? props.dependsOn.map((name) => ({ name })) : undefined,
          healthCheckExprs: (props.healthCheckExprs ?? []).length > 0 ? props.healthCheckExprs!.map((e) => ({ ...e })) : undefined,
          kubeConfig: props.kubeConfig === undefined ? undefined : { secretRef: kubeConfigSecretRef(this, props.kubeConfig) },
        },
      });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one
      // (it claims no addresses, so removing it from the tree is all it takes).
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}

/** `spec.kubeConfig.secretRef` for `kubeConfig`, or throws naming `scope`. */
function kubeConfigSecretRef(scope: Construct, kubeConfig: FluxKubeConfig): flux.KustomizationSpecKubeConfigSecretRef {
  if (typeof kubeConfig !== 'object' || kubeConfig === null || Array.isArray(kubeConfig)) {
    throw constructError(scope, `kubeConfig ${show(kubeConfig)} must be an object, e.g. { secretName: "prod-kubeconfig" }`);
  }
  if (typeof kubeConfig.secretName !== 'string') {
    throw constructError(scope, `kubeConfig.secretName ${show(kubeConfig.secretName)} must name the Secret holding the kubeconfig, e.g. { secretName: "prod-kubeconfig" }`);
  }
  const nameProblem = dnsSubdomainProblem(kubeConfig.secretName);
  if (nameProblem) throw constructError(scope, `kubeConfig.secretName ${show(kubeConfig.secretName)} ${nameProblem}`);
  const key: unknown = kubeConfig.key;
  // A Secret's data keys (apimachinery IsConfigMapKey): the API server refuses others, so the key could never exist.
  if (key !== undefined && (typeof key !== 'string' || key.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(key) || key === '.' || key.startsWith('..'))) {
    throw constructError(scope, `kubeConfig.key ${show(key)} is not a Secret key: use letters, digits, '-', '_' and '.' (e.g. "value"), or leave it out for "value"`);
  }
  return { name: kubeConfig.secretName, key: kubeConfig.key };
}
