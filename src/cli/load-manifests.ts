import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** One object read from a file, and where it came from. */
export interface LoadedObject {
  readonly file: string;
  /** Position of the YAML document in the file (0-based); items of a `List` share it. */
  readonly document: number;
  readonly object: unknown;
}

/** A file or document that could not be read. */
export interface LoadProblem {
  readonly file: string;
  readonly document?: number;
  readonly message: string;
}

/** What `loadManifests` found. */
export interface LoadedManifests {
  readonly objects: LoadedObject[];
  readonly problems: LoadProblem[];
  readonly files: string[];
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Files under `target` (itself, if a file), sorted so output is stable. */
function manifestFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  return (fs.readdirSync(target, { recursive: true }) as string[])
    .filter((entry) => MANIFEST_EXTENSIONS.includes(path.extname(entry).toLowerCase()))
    .map((entry) => path.join(target, entry))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
}

/**
 * Reads every YAML/JSON document from files and folders (recursively): multi-document YAML,
 * kubectl's `kind: List`, Helm output. Empty documents are skipped; unreadable ones are
 * reported, never dropped silently.
 */
export function loadManifests(targets: string[]): LoadedManifests {
  const objects: LoadedObject[] = [];
  const problems: LoadProblem[] = [];
  const files: string[] = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      problems.push({ file: target, message: 'no such file or directory' });
      continue;
    }
    for (const file of manifestFiles(target)) {
      files.push(file);
      const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
      const list = Array.isArray(docs) ? docs : [docs];
      list.forEach((doc, document) => {
        if (doc.errors.length > 0) {
          problems.push({ file, document, message: `not valid YAML: ${doc.errors[0].message.split('\n')[0]}` });
          return;
        }
        const value = doc.toJS();
        // Kustomization files are build instructions for kustomize, not objects for the cluster.
        if (value === null || value === undefined || String(value?.apiVersion).startsWith('kustomize.config.k8s.io/')) return;
        if (value?.kind === 'List' && Array.isArray(value.items)) {
          for (const item of value.items) objects.push({ file, document, object: item });
        } else {
          objects.push({ file, document, object: value });
        }
      });
    }
  }
  return { objects, problems, files };
}
