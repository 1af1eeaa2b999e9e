import { ApiObject } from 'cdk8s';
import { KubeObject } from './object-index';

/** Argo CD's per-object sync options annotation (a comma-separated list of `Key=value`). */
export const ARGO_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
/** Flux kustomize-controller's per-object garbage-collection switch. */
export const FLUX_PRUNE = 'kustomize.toolkit.fluxcd.io/prune';

/** Calls `each` with the key and the whole `Key=value` text of every option of a sync-options annotation, in order. */
function forEachSyncOption(text: unknown, each: (key: string, option: string) => void): void {
  if (typeof text !== 'string') return;
  for (const option of text.split(',')) {
    const trimmed = option.trim();
    if (trimmed !== '') each(trimmed.split('=')[0], trimmed);
  }
}

/** The options of a sync-options annotation (`Key=value,...`), each `Key=value` by its key; a later one wins. */
function parseSyncOptions(text: unknown): Map<string, string> {
  const options = new Map<string, string>();
  forEachSyncOption(text, (key, option) => options.set(key, option));
  return options;
}

/** The `Key=value` sync options an object's Argo CD annotation holds: the value of each, by key. */
export function argoSyncOptionsOf(object: KubeObject): Map<string, string> {
  const options = parseSyncOptions(object.metadata?.annotations?.[ARGO_SYNC_OPTIONS]);
  return new Map([...options].map(([key, option]) => [key, option.slice(key.length + 1)]));
}

/**
 * The value of one Argo CD sync option of an object (the last one given for `key`), as
 * `argoSyncOptionsOf(object).get(key)` reads it without building the maps: GitOps synth asks this
 * of every object.
 */
function argoSyncOption(object: KubeObject, key: string): string | undefined {
  let value: string | undefined;
  forEachSyncOption(object.metadata?.annotations?.[ARGO_SYNC_OPTIONS], (optionKey, option) => {
    if (optionKey === key) value = option.slice(key.length + 1);
  });
  return value;
}

/** Whether Argo CD keeps the object when its Application is deleted (`Delete=false`). */
export function keptByArgoCd(object: KubeObject): boolean {
  return argoSyncOption(object, 'Delete') === 'false';
}

/** Whether Flux keeps the object when it leaves Git or its Kustomization is deleted. */
export function keptByFlux(object: KubeObject): boolean {
  return object.metadata?.annotations?.[FLUX_PRUNE] === 'disabled';
}

/** Whether a GitOps controller is told to keep the object (a disk, or a VM that owns one). */
export function protectedFromPrune(object: KubeObject): boolean {
  return keptByArgoCd(object) || keptByFlux(object);
}

/** Whether both controllers keep the object: what a Namespace holding protected data needs. */
export function fullyProtectedFromPrune(object: KubeObject): boolean {
  return keptByArgoCd(object) && argoSyncOption(object, 'Prune') === 'false' && keptByFlux(object);
}

/**
 * The annotations of an ApiObject as they will be rendered. Plain strings are read where cdk8s
 * keeps them; when one is a token (a Lazy, a reference), the metadata is resolved as synth will.
 * Reading is hot: GitOps synth reads every object's annotations several times, and resolving a
 * metadata costs about ten microseconds.
 */
export function annotationsOf(obj: ApiObject): Record<string, string> {
  const stored: unknown = (obj.metadata as unknown as { annotations?: unknown }).annotations;
  if (typeof stored === 'object' && stored !== null && plainStrings(stored as Record<string, unknown>)) return stored as Record<string, string>;
  return obj.metadata.toJson().annotations ?? {};
}

/** Whether every value is a string that holds no token. */
function plainStrings(values: Record<string, unknown>): boolean {
  for (const key in values) {
    const value = values[key];
    if (typeof value !== 'string' || value.includes('${Token[')) return false;
  }
  return true;
}

/**
 * Adds Argo CD sync options to an object, keeping the ones already there (from the user's
 * metadata or other constructs). A later value for the same key wins; the order is stable.
 */
export function addArgoSyncOptions(obj: ApiObject, ...options: string[]): void {
  const existing: string | undefined = annotationsOf(obj)[ARGO_SYNC_OPTIONS];
  const merged = parseSyncOptions(existing === undefined ? options.join(',') : [existing, ...options].join(','));
  obj.metadata.addAnnotation(ARGO_SYNC_OPTIONS, sharedSyncOptions([...merged.values()].join(',')));
}

/** Annotation values already written, by value: an app has a few, on thousands of objects. */
const syncOptionValues = new Map<string, string>();
const SYNC_OPTION_VALUES_LIMIT = 1000;

/** One string object per distinct value (each object held its own copy: about 50 bytes each, three per VM of a fleet). */
function sharedSyncOptions(value: string): string {
  const known = syncOptionValues.get(value);
  if (known !== undefined) return known;
  if (syncOptionValues.size < SYNC_OPTION_VALUES_LIMIT) syncOptionValues.set(value, value);
  return value;
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
