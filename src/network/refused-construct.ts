import { IConstruct } from 'constructs';
import { AddressRegistry } from './address-registry';

/**
 * Takes a construct whose constructor is refusing its input out of the app: what it created so
 * far is neither validated nor written, the addresses it claimed are free again, and its id can
 * be used by another try. Call it in the constructor's catch, then rethrow.
 */
export function withdrawRefused(scope: IConstruct, id: string, refused: IConstruct): void {
  AddressRegistry.release(refused);
  scope.node.tryRemoveChild(id);
}
