import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertRepoURL } from './application';
import * as argo from '../../../imports/argoproj.io';
import { assertPropsObject, constructError, show } from '../../common/errors';
import { dnsSubdomainProblem } from '../../common/names';
import { KubeResource } from '../../core/kube-resource';
import { ARGO_SYNC_WAVE } from '../sync-waves';

/** Properties of `ArgoCdAppProject`. */
export interface ArgoCdAppProjectProps {
  /** Name of the project. */
  readonly name: string;
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /** What the project is for. @default - none */
  readonly description?: string;
  /** The only Git repositories its Applications may read. */
  readonly sourceRepos: string[];
  /** The only cluster its Applications may deploy to (any namespace). @default 'https://kubernetes.default.svc' */
  readonly destinationServer?: string;
  /** The cluster, by its name in Argo CD, the project's Applications deploy to (instead of `destinationServer`). @default - by server */
  readonly destinationName?: string;
  /** Sync wave of the project itself (before its Applications). @default - none */
  readonly syncWave?: number;
}

/**
 * An Argo CD AppProject (`argoproj.io/v1alpha1`) for a virtualization stack: its Applications may
 * read only the given repositories and deploy to one cluster. Cluster-scoped kinds are allowed:
 * the stack installs operators (CRDs, Namespaces), CDI and MigrationPolicies.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
export class ArgoCdAppProject extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'appprojects';
  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: ArgoCdAppProjectProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'ArgoCdAppProjectProps', '{ name: "vms", sourceRepos: ["https://git.example.com/vms.git"] }');
      const problem = dnsSubdomainProblem(props.name);
      if (problem) throw constructError(this, `name ${show(props.name)} ${problem}`);
      if (!Array.isArray(props.sourceRepos) || props.sourceRepos.length === 0) {
        throw constructError(this, `sourceRepos ${show(props.sourceRepos)} must list the Git repositories the project's Applications read`);
      }
      props.sourceRepos.forEach((url) => assertRepoURL(this, url));
      if (props.destinationName !== undefined && props.destinationServer !== undefined) {
        throw constructError(this, 'destinationServer and destinationName are both given: an Argo CD destination is one cluster, by server or by name');
      }
      if (props.syncWave !== undefined && !Number.isInteger(props.syncWave)) {
        throw constructError(this, `syncWave ${show(props.syncWave)} must be a whole number (lower waves are applied first)`);
      }
      this.apiObject = new argo.AppProject(this, 'Resource', {
        metadata: {
          name: props.name,
          namespace: props.namespace ?? 'argocd',
          annotations: props.syncWave !== undefined ? { [ARGO_SYNC_WAVE]: String(props.syncWave) } : undefined,
        },
        spec: {
          description: props.description,
          sourceRepos: [...props.sourceRepos],
          destinations: [props.destinationName !== undefined
            ? { name: props.destinationName, namespace: '*' }
            : { server: props.destinationServer ?? 'https://kubernetes.default.svc', namespace: '*' }],
          clusterResourceWhitelist: [{ group: '*', kind: '*' }],
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
