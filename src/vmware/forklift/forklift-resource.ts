import { ApiObject, ApiObjectMetadata, GroupVersionKind, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AppValidation } from '../../validation/app-validation';

/**
 * What the Forklift constructs share: one object (child `Resource`) whose spec is rendered at
 * synth, so maps filled after construction reach the output, and checks run at synth.
 */
export abstract class ForkliftResource extends Construct {
  /** The Forklift object. */
  public readonly apiObject: ApiObject;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, metadata: ApiObjectMetadata | undefined) {
    super(scope, id);
    AppValidation.of(this);
    this.apiObject = new ApiObject(this, 'Resource', {
      ...gvk,
      metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  public get name(): string {
    return this.apiObject.name;
  }

  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** The object's `spec`, from the current state. */
  protected abstract renderSpec(): object;

  /** Rules checked at synth. */
  protected abstract problems(): string[];
}
