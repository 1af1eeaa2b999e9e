import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { AppValidation } from '../validation/app-validation';

/** Name and namespace of an object a construct creates next to its own. */
export interface ChildMetadata {
  readonly name: string;
  readonly namespace?: string;
}

/**
 * The base of every construct that stands for one Kubernetes object: its L1 object is the child
 * `Resource`, and, as for cdk8s-plus resources, `x.metadata`, `x.name`, `x.kind` and
 * `x.apiVersion` read it. It also joins the app-wide validation (every synth checks the
 * objects against the upstream schemas and the cross-object rules).
 *
 * Subclasses check their props before creating the L1 object, so a constructor that throws
 * leaves nothing half-built behind.
 */
export abstract class KubeResource extends kplus.Resource {
  /** The L1 object (child `Resource`). */
  protected abstract readonly apiObject: ApiObject;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    AppValidation.of(this);
  }

  /** The namespace, if one is set (explicitly or by the chart). */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** Metadata of an object this construct creates: `name`, in this object's namespace when it has one. */
  protected childMetadata(name: string): ChildMetadata {
    // An explicit `namespace: undefined` would override the chart's namespace: leave the key out.
    const namespace = this.namespace;
    return namespace !== undefined ? { name, namespace } : { name };
  }

  /**
   * The namespace the L1 object will have, known before it exists (cdk8s' `ApiObject` takes
   * `metadata.namespace`, else the chart's), so checks can run before the object is created.
   */
  protected plannedNamespace(metadata?: { readonly namespace?: string }): string | undefined {
    return metadata?.namespace ?? Chart.of(this).namespace;
  }

  /**
   * Throws when an explicit `metadata.name` is not a DNS subdomain. Names cdk8s generates
   * always are, so the check runs before the object is created.
   */
  protected assertMetadataName(metadata?: { readonly name?: string }): void {
    const name = metadata?.name;
    const problem = name === undefined ? undefined : dnsSubdomainProblem(name);
    if (problem) throw constructError(this, `metadata.name ${show(name)} ${problem}`);
  }
}
