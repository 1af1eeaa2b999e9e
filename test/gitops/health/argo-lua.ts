// Runs Argo CD health scripts the way Argo CD does (argoproj/argo-cd@v3.5.1:util/lua/lua.go):
// a fresh Lua state per evaluation with only the base, table and package libraries (os is a
// reduced copy there and unused here), the object as the global `obj` built like decodeValue
// (JSON null is nil, so absent), the chunk's return value as the result. wasmoon runs Lua 5.4,
// not gopher-lua's 5.1: LUA_52_ONLY_SYNTAX below keeps the scripts inside 5.1.
//
// The Lua runs in one plain node process per batch: wasmoon's loader calls import(), which
// jest's module VM refuses unless node runs with --experimental-vm-modules.
import { execFileSync } from 'child_process';

/** Health statuses Argo CD accepts from a script (anything else becomes Unknown). */
export const ARGO_HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'] as const;

export type ArgoHealthStatus = typeof ARGO_HEALTH_STATUSES[number];

/** What a health script returned. */
export interface ArgoHealth {
  readonly status: string;
  readonly message: string;
}

// The string metatable goes too: without the string library gopher-lua has none, so
// ("x"):upper() fails there and must fail here.
const ARGO_CD_SANDBOX = 'debug.setmetatable("", nil) string = nil math = nil io = nil os = nil debug = nil coroutine = nil utf8 = nil';

// The child: reads [{ script, objLiteral }] on stdin, writes [{ result } | { error }] on stdout.
const CHILD = `
const { LuaFactory } = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const factory = new LuaFactory();
  const results = [];
  for (const { script, objLiteral } of cases) {
    const engine = await factory.createEngine({ injectObjects: false, enableProxy: false });
    try {
      engine.doStringSync(${JSON.stringify(ARGO_CD_SANDBOX)});
      engine.doStringSync('obj = ' + objLiteral);
      const result = await engine.doString(script);
      results.push({ result: result === undefined ? null : result });
    } catch (e) {
      results.push({ error: String(e && e.message ? e.message : e) });
    } finally {
      engine.global.close();
    }
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => { console.error(e); process.exit(1); });
`;

function luaString(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : `\\${byte.toString().padStart(3, '0')}`;
  }
  return `${out}"`;
}

/**
 * A Lua table constructor for a JSON value, as Argo CD's decodeValue builds it: objects are
 * tables with string keys, arrays are sequences, null entries are left out (gopher-lua keeps
 * no nil in a table), integers print without a fraction as gopher-lua prints them.
 */
export function luaLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return luaString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`luaLiteral: ${value} is not a JSON number`);
    return String(value);
  }
  if (Array.isArray(value)) {
    return `{ ${value.filter((item) => item !== null && item !== undefined).map(luaLiteral).join(', ')} }`;
  }
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== null && item !== undefined)
      .map(([key, item]) => `[${luaString(key)}] = ${luaLiteral(item)}`);
    return `{ ${fields.join(', ')} }`;
  }
  throw new Error(`luaLiteral: a ${typeof value} is not a JSON value`);
}

function asHealth(result: unknown): ArgoHealth {
  if (result === null || typeof result !== 'object') {
    throw new Error(`the script returned ${JSON.stringify(result)}, not a table`);
  }
  const { status, message } = result as Record<string, unknown>;
  return { status: String(status), message: typeof message === 'string' ? message : `(message is ${JSON.stringify(message)})` };
}

/**
 * Health script runs collected while jest collects the tests, then run together
 * (`runAll()` in a beforeAll) and read back by the handle `add()` gave.
 */
export class ArgoLuaBatch {
  private readonly cases: Array<{ script: string; objLiteral: string }> = [];
  private results?: Array<{ result?: unknown; error?: string }>;

  /** Queues `script` with `obj` bound; returns the handle of its result. */
  public add(script: string, obj: unknown): number {
    this.cases.push({ script, objLiteral: luaLiteral(obj) });
    return this.cases.length - 1;
  }

  /** Runs every queued script, each in a fresh Lua state. */
  public runAll(): void {
    const stdout = execFileSync(process.execPath, ['-e', CHILD, require.resolve('wasmoon')], {
      input: JSON.stringify(this.cases),
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    this.results = JSON.parse(stdout.toString('utf8'));
  }

  /** The script's `{ status, message }`; throws the Lua error when the script failed. */
  public health(handle: number): ArgoHealth {
    if (!this.results) throw new Error('ArgoLuaBatch: runAll() has not run');
    const { result, error } = this.results[handle];
    if (error !== undefined) throw new Error(error);
    return asHealth(result);
  }
}

/** Lua 5.2+ constructs that gopher-lua (Lua 5.1) rejects or reads differently. */
export const LUA_52_ONLY_SYNTAX: ReadonlyArray<{ readonly name: string; readonly pattern: RegExp }> = [
  { name: 'integer division //', pattern: /\/\// },
  { name: 'goto or labels', pattern: /\bgoto\b|::\w+::/ },
  { name: 'bitwise operators', pattern: /[&|]|<<|>>|~(?!=)/ },
  { name: 'attributes <const>/<close>', pattern: /<\s*(const|close)\s*>/ },
  { name: 'escapes \\z, \\x, \\u{}', pattern: /\\[zxu]/ },
];

/** Standard-library calls Argo CD does not allow by default (it opens only base, table, package, os). */
export const CLOSED_LIBRARY_CALLS = /\b(string|math|io|debug|coroutine|utf8)\s*\.|:\s*(format|sub|gsub|find|match|gmatch|upper|lower|len|rep|byte|reverse)\s*\(/;
