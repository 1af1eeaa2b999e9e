import * as fs from 'fs';
import * as path from 'path';

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(path.join(folder, file))).filter(accept);
    if (exported.length !== 1) {
      throw new Error(`${path.join(folder, file)} exports ${exported.length} of the values this folder holds: export exactly one`);
    }
    return { name: file.slice(0, -extension.length), value: exported[0] };
  });
}
