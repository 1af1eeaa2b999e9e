import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** The construct that answers for an object: a cdk8s-plus style construct keeps it as its child `Resource`. */
export function ownerOf(object: ApiObject): IConstruct {
  const parent = object.node.scope;
  return object.node.id === 'Resource' && parent ? parent : object;
}
