import { ApiObject, ApiObjectMetadata, GroupVersionKind, Lazy } from 'cdk8s';
import { KubeResource } from '../../core/kube-resource';

/**
 * What the Forklift constructs share: one object (child `Resource`) whose spec is rendered at
 * synth, so maps filled after construction reach the output, and checks run at synth.
 */
export abstract class ForkliftResource extends KubeResource {
  /** The Forklift object. */
  public abstract readonly apiObject: ApiObject;

  /**
   * Creates the object and registers the synth-time checks: called by each subclass once its
   * props are checked, so a constructor that throws leaves neither behind.
   */
  protected createResource(gvk: GroupVersionKind, metadata: ApiObjectMetadata | undefined): ApiObject {
    const apiObject = new ApiObject(this, 'Resource', {
      ...gvk,
      metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.node.addValidation({ validate: () => this.problems() });
    return apiObject;
  }

  /** The object's `spec`, from the current state. */
  protected abstract renderSpec(): object;

  /** Rules checked at synth. */
  protected abstract problems(): string[];
}
