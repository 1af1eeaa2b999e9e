import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** The ApiObjects under `scope` (itself included), in tree order, from one walk without a list of every construct. */
export function apiObjectsUnder(scope: IConstruct): ApiObject[] {
  const objects: ApiObject[] = [];
  const visit = (construct: IConstruct) => {
    if (construct instanceof ApiObject) objects.push(construct);
    for (const child of construct.node.children) visit(child);
  };
  visit(scope);
  return objects;
}
