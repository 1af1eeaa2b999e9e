import { ApiObject } from 'cdk8s';
import { ARGO_SYNC_OPTIONS, FLUX_PRUNE } from '../model/prune-protection';

export { ARGO_SYNC_OPTIONS, FLUX_PRUNE };

/**
 * Adds Argo CD sync options to an object, keeping the ones already there (from the user's
 * metadata or other constructs). A later value for the same key wins; the order is stable.
 */
export function addArgoSyncOptions(obj: ApiObject, ...options: string[]): void {
  const existing: string | undefined = obj.metadata.toJson().annotations?.[ARGO_SYNC_OPTIONS];
  const merged = new Map<string, string>();
  for (const option of [...(existing ?? '').split(','), ...options]) {
    const trimmed = option.trim();
    if (trimmed === '') continue;
    merged.set(trimmed.split('=')[0], trimmed);
  }
  obj.metadata.addAnnotation(ARGO_SYNC_OPTIONS, [...merged.values()].join(','));
}

/**
 * Keeps a GitOps controller from deleting an object that holds data (a disk) when it
 * disappears from Git or when the application is deleted: Argo CD `Prune=false,Delete=false`,
 * Flux `prune: disabled`. The object is left in the cluster for a human to remove.
 */
export function protectFromPrune(obj: ApiObject): void {
  addArgoSyncOptions(obj, 'Prune=false', 'Delete=false');
  obj.metadata.addAnnotation(FLUX_PRUNE, 'disabled');
}
