import * as fs from 'fs';
import * as path from 'path';

/** The top folders a Fleet owns in its output folder; nothing else there is touched. */
export const FLEET_FOLDERS = ['clusters', 'argocd', 'flux'] as const;

const STAGING = '.fleet-staging';

/**
 * The folder a Fleet renders into before anything of the previous output is touched: inside the
 * output folder (so moving it into place is a rename), emptied first.
 */
export function prepareStaging(outdir: string): string {
  const staging = path.join(path.resolve(outdir), STAGING);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  return staging;
}

/**
 * Replaces the Fleet's folders of the previous run with the staged ones: a cluster removed from
 * the fleet leaves Git with them. Called only once every cluster rendered without an error.
 */
export function publishStaging(outdir: string, staging: string): void {
  const root = path.resolve(outdir);
  for (const folder of FLEET_FOLDERS) {
    const target = path.join(root, folder);
    fs.rmSync(target, { recursive: true, force: true });
    const staged = path.join(staging, folder);
    if (fs.existsSync(staged)) fs.renameSync(staged, target);
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Removes the staging folder (after an error: the previous output is left as it was). */
export function discardStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}
