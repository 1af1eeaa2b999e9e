import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ARGO_CD_FOLDER, FLUX_FOLDER, PHASES_FOLDER, RepositoryLayout } from './repository-layout';
import { show } from '../common/errors';
import { writeYamlDocuments } from '../synth/yaml-writer';

/**
 * Writes a planned layout into `outdir`. The folders the previous run wrote (the chart folders
 * its top `kustomization.yaml` listed, and `phases/`, `argocd/`, `flux/`) are removed first, so an
 * object or a chart that is gone from the program is gone from Git too. Nothing outside `outdir`
 * is touched: every path is checked before the first file is removed.
 */
export function writeRepositoryLayout(outdir: string, layout: RepositoryLayout): void {
  const root = path.resolve(outdir);
  const inside = (relative: string) => {
    const target = path.resolve(root, relative);
    if (!target.startsWith(root + path.sep)) {
      throw new Error(`GitOpsApp: ${show(relative)} is not inside the output folder ${show(root)}; nothing was written`);
    }
    return target;
  };
  const stale = [...previousChartFolders(root), PHASES_FOLDER, ARGO_CD_FOLDER, FLUX_FOLDER].map(inside);
  const targets = [...layout.files.keys()].map((file) => [inside(file), layout.files.get(file)!] as const);
  for (const folder of stale) fs.rmSync(folder, { recursive: true, force: true });
  const made = new Set<string>();
  for (const [file, content] of targets) {
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    // Objects are rendered as they are written: the YAML of a whole cluster is never held at once.
    if (typeof content === 'string') fs.writeFileSync(file, content);
    else writeYamlDocuments(file, content.documents);
  }
}

/** The folders the top `kustomization.yaml` of a previous run lists (plain names only). */
function previousChartFolders(root: string): string[] {
  const file = path.join(root, 'kustomization.yaml');
  if (!fs.existsSync(file)) return [];
  let resources: unknown;
  try {
    resources = parse(fs.readFileSync(file, 'utf8'))?.resources;
  } catch {
    return [];
  }
  if (!Array.isArray(resources)) return [];
  // Only names a GitOpsApp could have written: a hand-edited entry such as `../x` is left alone.
  return resources.filter((r): r is string => typeof r === 'string' && /^[a-z0-9._-]+$/.test(r) && !/^\.+$/.test(r));
}
