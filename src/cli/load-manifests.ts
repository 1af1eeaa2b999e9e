import * as fs from 'fs';
import * as path from 'path';
import { expandList, parseManifestStream } from './kubectl-yaml';

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
  /** Input that could not be used: unreadable files, binary content, YAML that does not parse. */
  readonly problems: LoadProblem[];
  /** Paths given that do not exist. */
  readonly missing: string[];
  readonly files: string[];
}

/** Where `-` reads from (stdin by default; tests give their own). */
export type StdinReader = () => Buffer | string;

/** The name `-` gets in messages. */
export const STDIN_NAME = '<stdin>';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** A file to read, or why it cannot be. */
type Source = { readonly file: string; readonly read: () => Buffer | string } | LoadProblem;

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = { EACCES: 'permission denied', EISDIR: 'is a folder', ELOOP: 'too many symbolic links', ENOENT: 'no such file or directory' };
  return (code && known[code]) ?? (error as Error).message.split('\n')[0];
}

/** A symbolic link whose target is missing, or undefined. */
function brokenLink(file: string): string | undefined {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? `broken symbolic link (to ${fs.readlinkSync(file)})` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The manifest files in a folder, recursively and sorted so output is stable. Entries that are
 * not regular files (FIFOs, sockets) are left out; a broken symbolic link is reported.
 */
function folderSources(folder: string): Source[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((entry) => MANIFEST_EXTENSIONS.includes(path.extname(entry).toLowerCase()))
    .sort()
    .flatMap((entry): Source[] => {
      const file = path.join(folder, entry);
      try {
        return fs.statSync(file).isFile() ? [{ file, read: () => fs.readFileSync(file) }] : [];
      } catch (error) {
        return [{ file, message: brokenLink(file) ?? `cannot read: ${reason(error)}` }];
      }
    });
}

/**
 * What a target stands for: `-` is stdin; a folder, its manifest files; anything else (a file,
 * a FIFO, `/dev/null`, a process substitution such as `<(helm template ...)`) is read whole.
 */
function sourcesOf(target: string, readStdin: StdinReader): Source[] | 'missing' {
  if (target === '-') return [{ file: STDIN_NAME, read: readStdin }];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    const link = brokenLink(target);
    if (link) return [{ file: target, message: link }];
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : [{ file: target, message: `cannot read: ${reason(error)}` }];
  }
  return stat.isDirectory() ? folderSources(target) : [{ file: target, read: () => fs.readFileSync(target) }];
}

/** Binary content (a NUL byte near the start, as git and grep judge it) is not a manifest. */
function isBinary(content: Buffer | string): boolean {
  const head = typeof content === 'string' ? content.slice(0, 8000) : content.subarray(0, 8000);
  return typeof head === 'string' ? head.includes('\0') : head.includes(0);
}

/**
 * Reads every YAML/JSON document from files, folders (recursively) and stdin as kubectl reads
 * them (see kubectl-yaml.ts): multi-document streams, `List` and typed `XxxList`, Helm output.
 * Empty documents and kustomize's own files are skipped; unreadable input is reported, never
 * dropped silently.
 */
export function loadManifests(targets: string[], readStdin: StdinReader = () => fs.readFileSync(0)): LoadedManifests {
  const objects: LoadedObject[] = [];
  const problems: LoadProblem[] = [];
  const missing: string[] = [];
  const files: string[] = [];
  for (const target of targets) {
    const sources = sourcesOf(target, readStdin);
    if (sources === 'missing') {
      missing.push(target);
      continue;
    }
    for (const source of sources) {
      if ('message' in source) {
        problems.push(source);
        continue;
      }
      files.push(source.file);
      let content: Buffer | string;
      try {
        content = source.read();
      } catch (error) {
        problems.push({ file: source.file, message: `cannot read: ${reason(error)}` });
        continue;
      }
      if (isBinary(content)) {
        problems.push({ file: source.file, message: 'binary content, not YAML or JSON' });
        continue;
      }
      parseManifestStream(content.toString()).forEach((parsed, document) => {
        if ('error' in parsed) {
          problems.push({ file: source.file, document, message: `not valid YAML: ${parsed.error}` });
          return;
        }
        const value = parsed.value as { apiVersion?: unknown } | null | undefined;
        // Kustomization files are build instructions for kustomize, not objects for the cluster.
        if (value === null || value === undefined || String(value.apiVersion).startsWith('kustomize.config.k8s.io/')) return;
        for (const object of expandList(value)) objects.push({ file: source.file, document, object });
      });
    }
  }
  return { objects, problems, missing, files };
}
