import { createHash } from 'crypto';

/** Options of `hoistLargeSubschemas`. */
export interface HoistOptions {
  /**
   * A subschema is hoisted only when its JSON (descriptions left out) is larger than this:
   * a small one costs less inline than as a function call. At 1,000 the precompiled modules
   * measured 0.4 MB less than at 2,000 (affinity and selector terms of the KubeVirt and HCO
   * kinds), and no kind validated slower.
   * @default 1000
   */
  readonly minBytes?: number;
  /**
   * A subschema met once is hoisted too when its JSON is larger than this: it becomes a function
   * of its own, and V8 compiles a function on its first call. The parts of a large schema an
   * app's objects never reach (in a VM: probes, affinity, most volume sources and devices) are
   * then never compiled: the VirtualMachine validator's first call took ~10.5 ms unsplit and ~5.3 ms
   * split at 2,000 bytes, with no change in later calls.
   * @default 2000
   */
  readonly minSingleBytes?: number;
}

/** The prefix of the definitions this transform adds: `#/definitions/dedupe-<16 hex digits of the content hash>`. */
export const HOISTED_PREFIX = 'dedupe-';

/** Keywords (draft-07) whose value is a map of subschemas, one subschema, or a list of them. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_ONE = new Set(['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

type Schema = Record<string, any>;

interface NodeInfo {
  readonly digest: string;
  /** The size of the node's JSON without descriptions, near enough to compare with minBytes. */
  readonly bytes: number;
}

/** A piece of a node's hashed text, and the size of the JSON it stands for. */
interface Part {
  readonly text: string;
  readonly size: number;
}

function joined(parts: readonly Part[]): Part {
  return { text: `[${parts.map((part) => part.text).join(',')}]`, size: parts.reduce((sum, part) => sum + part.size + 1, 1) };
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON with object keys sorted: equal values, equal strings. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  return JSON.stringify(value, (_key, v) => (isSchema(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/**
 * The subschemas that may be hoisted: those that apply to a field of their own, under `properties`,
 * `items` (one schema) or `additionalProperties`; never one inside `anyOf`/`oneOf`/`allOf`/`not`,
 * `patternProperties` or `definitions`, which checks a location its parent or a sibling also checks.
 * A function Ajv calls reports schemaPaths from its own root, and validateManifests compares
 * schemaPath prefixes of errors at one location (an anyOf and the type errors under it): hoisted
 * this way, the errors at one location still come from one function.
 */
function eachPlacedChild(node: Schema, visit: (child: Schema, replace: (by: Schema) => void) => void): void {
  if (isSchema(node.properties)) {
    const properties = node.properties;
    for (const name of Object.keys(properties)) {
      if (isSchema(properties[name])) visit(properties[name], (by) => { properties[name] = by; });
    }
  }
  if (isSchema(node.items)) visit(node.items, (by) => { node.items = by; });
  if (isSchema(node.additionalProperties)) visit(node.additionalProperties, (by) => { node.additionalProperties = by; });
}

/**
 * Content hashes of schema nodes (a Merkle hash: a node's hash covers its children's hashes),
 * memoized per node. Descriptions are left out: the precompiled path drops them, and both paths
 * must hoist the same subschemas under the same names.
 */
class SchemaDigests {
  /** Set when the schema holds what moving a subschema would break: a local `$ref` or an `$id`. */
  public unmovable = false;
  private readonly known = new Map<Schema, NodeInfo>();
  // The copies of a repeated subschema give one text: hashed once.
  private readonly byText = new Map<string, string>();

  public of(node: Schema): NodeInfo {
    const cached = this.known.get(node);
    if (cached) return cached;
    if (node.$id !== undefined || (typeof node.$ref === 'string' && node.$ref.startsWith('#'))) this.unmovable = true;
    const parts: string[] = [];
    let bytes = 2;
    for (const key of Object.keys(node).sort()) {
      if (key === 'description' && typeof node.description === 'string') continue;
      const { text, size } = this.valueOf(key, node[key]);
      parts.push(`${JSON.stringify(key)}:${text}`);
      bytes += key.length + 4 + size;
    }
    const text = parts.join(',');
    let digest = this.byText.get(text);
    if (digest === undefined) {
      digest = createHash('sha256').update(text).digest('hex');
      this.byText.set(text, digest);
    }
    const info = { digest, bytes };
    this.known.set(node, info);
    return info;
  }

  private valueOf(key: string, value: unknown): Part {
    if (SCHEMA_MAPS.has(key) && isSchema(value)) return joined(Object.keys(value).sort().map((name) => this.childOf(value[name], name)));
    if (SCHEMA_ONE.has(key)) return this.childOf(value);
    if (SCHEMA_LIST.has(key) && Array.isArray(value)) return joined(value.map((child) => this.childOf(child)));
    const text = canonicalJson(value);
    // Schemas in values not walked (a list of `items`, `dependencies`) are only read.
    if (typeof value === 'object' && (text.includes('"$ref":"#') || text.includes('"$id":'))) this.unmovable = true;
    return { text, size: text.length };
  }

  /** A subschema stands for its digest (a value that is no schema, such as `false`, for itself). */
  private childOf(value: unknown, name?: string): Part {
    const label = name === undefined ? '' : `${JSON.stringify(name)}:`;
    if (!isSchema(value)) {
      const { text, size } = this.valueOf('', value);
      return { text: label + text, size: label.length + size };
    }
    const { digest, bytes } = this.of(value);
    return { text: `${label}#${digest}`, size: label.length + bytes };
  }
}

/**
 * The subschemas to hoist: each large one compiled twice or more with the repeats hoisted (a copy
 * inside a hoisted subschema counts once, however often its container repeats), and each very
 * large one.
 */
function hoistedDigests(root: Schema, digests: SchemaDigests, minBytes: number, minSingleBytes: number): Set<string> {
  const raw = new Map<string, number>();
  const countAll = (node: Schema): void => eachPlacedChild(node, (child) => {
    const { digest } = digests.of(child);
    raw.set(digest, (raw.get(digest) ?? 0) + 1);
    countAll(child);
  });
  countAll(root);
  const uses = new Map<string, number>();
  const large = new Set<string>();
  const countOnce = (node: Schema): void => eachPlacedChild(node, (child) => {
    const { digest, bytes } = digests.of(child);
    if ((raw.get(digest)! >= 2 && bytes > minBytes) || bytes > minSingleBytes) {
      uses.set(digest, (uses.get(digest) ?? 0) + 1);
      if (bytes > minSingleBytes) large.add(digest);
      // A further copy becomes a $ref: what is inside it is compiled with the first one.
      if (uses.get(digest)! > 1) return;
    }
    countOnce(child);
  });
  countOnce(root);
  return new Set([...uses].filter(([digest, n]) => n >= 2 || large.has(digest)).map(([digest]) => digest));
}

/**
 * Moves every large subschema that occurs twice or more into the root's `definitions`, once,
 * and puts `{ $ref: '#/definitions/dedupe-<hash>' }` in each place it was: Ajv then compiles it
 * once, as its own function, instead of once per place (the Argo CD ApplicationSet CRD repeats
 * the Application template 24 times and each generator in its matrix and merge generators).
 * A very large subschema (`minSingleBytes`) is moved there even when it occurs once, to be a
 * function V8 compiles only when an object reaches it.
 * Repeats inside a repeated subschema are hoisted too. The schema is changed in place; one
 * without repeats, or with a local `$ref` or an `$id` (which moving could break), is left as it is.
 * Definitions are named by content hash and added in the order they are first met: the same
 * schema gives the same result, with or without its descriptions.
 */
export function hoistLargeSubschemas<T extends object>(schema: T, options: HoistOptions = {}): T {
  const root = schema as Schema;
  const digests = new SchemaDigests();
  digests.of(root);
  const hoisted = digests.unmovable ? new Set<string>() : hoistedDigests(root, digests, options.minBytes ?? 1000, options.minSingleBytes ?? 2000);
  if (hoisted.size === 0) return schema;
  if (new Set([...hoisted].map((digest) => digest.slice(0, 16))).size !== hoisted.size) {
    throw new Error('hoistLargeSubschemas: two subschemas share the first 16 digits of their hash; lengthen the names');
  }
  const definitions: Record<string, Schema> = {};
  const rewrite = (node: Schema): void => eachPlacedChild(node, (child, replace) => {
    const { digest } = digests.of(child);
    if (!hoisted.has(digest)) return rewrite(child);
    const name = `${HOISTED_PREFIX}${digest.slice(0, 16)}`;
    if (definitions[name] === undefined) {
      definitions[name] = child;
      rewrite(child);
    }
    replace({ $ref: `#/definitions/${name}` });
  });
  rewrite(root);
  root.definitions = { ...root.definitions, ...definitions };
  return schema;
}
