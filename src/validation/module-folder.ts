import * as fs from 'fs';
import * as path from 'path';
import { requireWithCodeCache } from './code-cache';
import { show } from '../common/errors';

/** A value one module of a folder exports, and the module's name (its file name without extension). */
export interface FolderExport<T> {
  readonly name: string;
  readonly value: T;
}

/**
 * The one value each module of `folder` exports that `accept` picks, in file-name order, so a
 * registry needs no hand-kept list. Reads `.ts` files when this code runs from source (ts-node,
 * jest) and `.js` files when it runs compiled (`lib/`); subfolders are not read.
 */
export function exportsOfFolder<T>(folder: string, accept: (value: unknown) => value is T): Array<FolderExport<T>> {
  const extension = path.extname(__filename);
  const files = fs.readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts'))
    .map((entry) => entry.name)
    .sort();
  return files.map((file) => {
    const exported = Object.values(requireWithCodeCache(path.join(folder, file))).filter(accept);
    if (exported.length !== 1) {
      throw new Error(`${path.join(folder, file)} exports ${exported.length} of the values this folder holds: export exactly one`);
    }
    return { name: file.slice(0, -extension.length), value: exported[0] };
  });
}

/** What a registry folder holds: values named by their file, run in `order`. */
export interface OrderedEntry {
  readonly id: string;
  readonly order: number;
}

/**
 * The entries of a registry folder (`exportsOfFolder`), sorted by `order`. Each file must be
 * named after its entry's id, and no two entries may share an order (`what` names them in errors).
 */
export function orderedEntriesOfFolder<T extends OrderedEntry>(folder: string, what: string, accept: (value: unknown) => value is T): T[] {
  const found = exportsOfFolder(folder, accept);
  const orders = new Map<number, string>();
  for (const { name, value } of found) {
    if (name !== value.id) throw new Error(`${path.join(folder, name)}: the ${what}'s id is ${show(value.id)}: name its file ${value.id}`);
    const other = orders.get(value.order);
    if (other !== undefined) throw new Error(`${what}s ${show(other)} and ${show(value.id)} both have order ${value.order}: give each its own`);
    orders.set(value.order, value.id);
  }
  return found.map((e) => e.value).sort((a, b) => a.order - b.order);
}
