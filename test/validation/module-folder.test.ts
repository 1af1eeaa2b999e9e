import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OrderedEntry, orderedEntriesOfFolder } from '../../src/validation/module-folder';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** A registry folder holding one module per entry, each exporting `{ id, order }`. */
function folderWith(files: Record<string, OrderedEntry>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
  folders.push(folder);
  for (const [name, entry] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, `${name}.ts`), `export const entry = ${JSON.stringify(entry)};\n`);
  }
  return folder;
}

const isEntry = (value: unknown): value is OrderedEntry => typeof (value as OrderedEntry)?.id === 'string';

describe('orderedEntriesOfFolder', () => {
  test('entries come sorted by order, whatever their file names', () => {
    const folder = folderWith({ a: { id: 'a', order: 200 }, b: { id: 'b', order: 100 } });
    expect(orderedEntriesOfFolder(folder, 'rule', isEntry).map((e) => e.id)).toEqual(['b', 'a']);
  });

  test('a file named otherwise than its entry\'s id is refused', () => {
    const folder = folderWith({ a: { id: 'not-a', order: 100 } });
    expect(() => orderedEntriesOfFolder(folder, 'rule', isEntry)).toThrow(`${path.join(folder, 'a')}: the rule's id is "not-a": name its file not-a`);
  });

  test('two entries with one order are refused', () => {
    const folder = folderWith({ a: { id: 'a', order: 100 }, b: { id: 'b', order: 100 } });
    expect(() => orderedEntriesOfFolder(folder, 'live-migration check', isEntry)).toThrow('live-migration checks "a" and "b" both have order 100: give each its own');
  });
});
