import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { IForkliftProvider } from './forklift-provider';
import { assertPropsObject } from '../../common/errors';
import { KubeResource } from '../../core/kube-resource';
import { forkliftL1 } from '../../core/module-on-first-use';
import { withdrawRefused } from '../../network/refused-construct';

/** The provider Forklift creates for the cluster it runs in ("host"), referenced by name. */
class HostProviderReference extends Construct implements IForkliftProvider {
  public readonly providerType = 'openshift';
  public constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string) {
    super(scope, id);
  }
}

/** Properties of `HostProvider`. */
export interface HostProviderProps {
  /**
   * Name and namespace.
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * The migration target: the cluster Forklift runs in (`Provider` of type `openshift` with no
 * URL). Forklift and MTV create one named `host` on install: refer to it with
 * `HostProvider.fromExisting(...)` rather than declaring another.
 */
export class HostProvider extends KubeResource implements IForkliftProvider {
  /** The `host` provider Forklift created in its namespace (`openshift-mtv` for MTV, `konveyor-forklift` upstream). */
  public static fromExisting(scope: Construct, id: string, namespace = 'openshift-mtv', name = 'host'): IForkliftProvider {
    return new HostProviderReference(scope, id, name, namespace);
  }

  /** @see kplus.Resource */
  public readonly resourceType = 'providers';
  public readonly providerType = 'openshift';
  /** The Provider object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: HostProviderProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'HostProviderProps', '{ metadata: { name: "host" } }');
      this.apiObject = new (forkliftL1().Provider)(this, 'Resource', {
        metadata: props.metadata,
        // No URL and an empty secret reference: the cluster Forklift runs in.
        spec: { type: 'openshift', url: '', secret: {} },
      });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }
}
