import * as fs from 'fs';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import { requireWithCodeCache } from './code-cache';

/**
 * The index scripts/precompile-validators.ts writes beside the generated modules: a module, as the
 * package's `files` list takes only .js and .d.ts files from lib/.
 */
export const PRECOMPILED_INDEX_FILE = 'index.js';

/** One kind of the schemas/ folder, as the index records it. */
export interface PrecompiledKind {
  /** The `SchemaSource` that validates the kind. */
  readonly source: string;
  /** The generated module's file name; absent when the kind compiles at run time. */
  readonly module?: string;
  /** The module's export that validates the kind, in a module shared by kinds; absent when the module is the validator. */
  readonly export?: string;
}

/** What the index exports. */
export interface PrecompiledIndex {
  /** The Ajv version that generated the code. */
  readonly ajvVersion: string;
  /** Every kind the schemas/ folder knows, by the store's key (`group/version/kind`, kind in lower case). */
  readonly kinds: Readonly<Record<string, PrecompiledKind>>;
}

/** The Ajv this process would compile with at run time. */
function installedAjvVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ajv/package.json').version;
}

/**
 * Validators generated at build time with Ajv's standalone code (lib/src/validation/precompiled/),
 * loaded one module per kind on first use. The index lists every kind the schemas know, so an
 * unknown kind is answered without reading a schema.
 */
export class PrecompiledValidators {
  /**
   * The validators generated into `dir`; undefined when there are none, or when another Ajv
   * version generated them (its error objects could differ from this Ajv's: compile at run time).
   */
  public static load(dir: string): PrecompiledValidators | undefined {
    const file = path.join(dir, PRECOMPILED_INDEX_FILE);
    if (!fs.existsSync(file)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const index: PrecompiledIndex = require(file);
    return index.ajvVersion === installedAjvVersion() ? new PrecompiledValidators(dir, index) : undefined;
  }

  private constructor(private readonly dir: string, private readonly index: PrecompiledIndex) {}

  /** Whether the schemas know this kind at all. */
  public knows(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.index.kinds, key);
  }

  /** The source recorded for a kind, or undefined for an unknown kind. */
  public sourceOf(key: string): string | undefined {
    return this.knows(key) ? this.index.kinds[key].source : undefined;
  }

  /** The generated validator, or undefined when the kind was not precompiled. */
  public validatorFor(key: string): ValidateFunction | undefined {
    const kind = this.knows(key) ? this.index.kinds[key] : undefined;
    if (kind?.module === undefined) return undefined;
    const loaded = requireWithCodeCache(path.join(this.dir, kind.module));
    return kind.export === undefined ? loaded : loaded[kind.export];
  }
}
