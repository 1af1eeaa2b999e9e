/**
 * hoistLargeSubschemas: a large subschema that a schema repeats is compiled once, from the
 * root's definitions; what is not repeated, small, or placed where moving it would change what
 * validateManifests reads stays where it is.
 */
import Ajv from 'ajv';
import { HOISTED_PREFIX, hoistLargeSubschemas } from '../../src/validation/schema-dedupe';

const MIN = { minBytes: 200 };

/** An object schema of `fields` string properties: about 30 bytes each. */
function record(fields: number, tag = 'f', extra: Record<string, unknown> = {}): Record<string, any> {
  const properties = Object.fromEntries(Array.from({ length: fields }, (_, i) => [`${tag}${i}`, { type: 'string' }]));
  return { type: 'object', properties, additionalProperties: false, ...extra };
}

function root(properties: Record<string, unknown>): Record<string, any> {
  return { type: 'object', properties, additionalProperties: false };
}

const refOf = (schema: unknown) => (schema as { $ref?: string }).$ref;
const hoistedNames = (schema: Record<string, any>) => Object.keys(schema.definitions ?? {});

describe('hoistLargeSubschemas', () => {
  test('a large subschema met twice is moved to the definitions once and referenced from both places', () => {
    const schema = hoistLargeSubschemas(root({ a: record(10), b: { type: 'array', items: record(10) }, c: record(10, 'g') }), MIN);
    const [name] = hoistedNames(schema);
    expect(hoistedNames(schema)).toEqual([name]);
    expect(name).toMatch(new RegExp(`^${HOISTED_PREFIX}[0-9a-f]{16}$`));
    expect(schema.properties.a).toEqual({ $ref: `#/definitions/${name}` });
    expect(schema.properties.b).toEqual({ type: 'array', items: { $ref: `#/definitions/${name}` } });
    expect(schema.definitions[name]).toEqual(record(10));
    // Met once: left in place.
    expect(schema.properties.c).toEqual(record(10, 'g'));
  });

  test('small repeats and a schema without repeats are left as they are', () => {
    const small = root({ a: record(2), b: record(2) });
    expect(hoistLargeSubschemas(structuredClone(small), MIN)).toEqual(small);
    const single = root({ a: record(10), b: record(10, 'g') });
    expect(hoistLargeSubschemas(structuredClone(single), MIN)).toEqual(single);
  });

  test('a repeat inside a repeated subschema is hoisted too when it is also used elsewhere', () => {
    const inner = () => record(10, 'i');
    const outer = () => record(3, 'o', { properties: { ...record(3, 'o').properties, inner: inner() } });
    const schema = hoistLargeSubschemas(root({ a: outer(), b: outer(), c: inner() }), MIN);
    const [outerName, innerName] = hoistedNames(schema);
    expect(hoistedNames(schema)).toHaveLength(2);
    expect([refOf(schema.properties.a), refOf(schema.properties.b)]).toEqual([`#/definitions/${outerName}`, `#/definitions/${outerName}`]);
    expect(schema.definitions[outerName].properties.inner).toEqual({ $ref: `#/definitions/${innerName}` });
    expect(refOf(schema.properties.c)).toBe(`#/definitions/${innerName}`);
    expect(schema.definitions[innerName]).toEqual(inner());
  });

  test('a repeat only ever met inside one repeated subschema stays inside its definition', () => {
    const outer = () => ({ type: 'object', properties: { inner: record(10, 'i'), more: record(10, 'm') }, additionalProperties: false });
    const schema = hoistLargeSubschemas(root({ a: outer(), b: outer() }), MIN);
    expect(hoistedNames(schema)).toHaveLength(1);
    expect(schema.definitions[hoistedNames(schema)[0]]).toEqual(outer());
  });

  test('descriptions do not count: copies that differ in them are one definition, named the same with or without descriptions', () => {
    const described = (text: string) => ({ ...record(10), description: text });
    const withText = hoistLargeSubschemas(root({ a: described('one'), b: described('two') }), MIN);
    const without = hoistLargeSubschemas(root({ a: record(10), b: record(10) }), MIN);
    expect(hoistedNames(withText)).toEqual(hoistedNames(without));
    expect(hoistedNames(withText)).toHaveLength(1);
    // The first copy is the one kept.
    expect(withText.definitions[hoistedNames(withText)[0]].description).toBe('one');
  });

  test('subschemas where moving them would change the schemaPaths compared by validateManifests are not hoisted', () => {
    // Under anyOf, oneOf, allOf or not, a subschema checks the instance location its parent
    // checks; under patternProperties it can meet a field properties also check.
    const placed = root({
      u: { anyOf: [record(10), { type: 'string' }] },
      o: { oneOf: [record(10), { type: 'string' }] },
      x: { allOf: [record(10)] },
      n: { not: record(10) },
      p: { type: 'object', patternProperties: { '^a': record(10) } },
    });
    expect(hoistLargeSubschemas(structuredClone(placed), MIN)).toEqual(placed);
  });

  test('a schema with a local $ref or an $id is left as it is', () => {
    const local = { ...root({ a: record(10), b: record(10), c: { $ref: '#/properties/a' } }) };
    expect(hoistLargeSubschemas(structuredClone(local), MIN)).toEqual(local);
    const withId = root({ a: record(10), b: record(10), c: { $id: 'https://example.com/c', type: 'string' } });
    expect(hoistLargeSubschemas(structuredClone(withId), MIN)).toEqual(withId);
    const inTuple = root({ a: record(10), b: record(10), c: { type: 'array', items: [{ $ref: '#/properties/a' }] } });
    expect(hoistLargeSubschemas(structuredClone(inTuple), MIN)).toEqual(inTuple);
  });

  test('the same schema gives the same definitions in the same order; existing definitions are kept', () => {
    const make = () => ({ ...root({ a: record(10), b: record(12, 'g'), c: record(10), d: record(12, 'g') }), definitions: { kept: { type: 'string' } } });
    const once = hoistLargeSubschemas(make(), MIN);
    expect(JSON.stringify(hoistLargeSubschemas(make(), MIN))).toBe(JSON.stringify(once));
    const names = hoistedNames(once);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe('kept');
    const definitions: Record<string, unknown> = once.definitions;
    expect(definitions[names[1]]).toEqual(record(10));
    expect(definitions[names[2]]).toEqual(record(12, 'g'));
  });

  test('the default size limit leaves subschemas of 1,000 bytes or less in place', () => {
    const atLimit = root({ a: record(20), b: record(20) });
    const size = JSON.stringify(record(20)).length;
    expect(size).toBeLessThan(1000);
    expect(hoistLargeSubschemas(structuredClone(atLimit))).toEqual(atLimit);
    expect(hoistedNames(hoistLargeSubschemas(root({ a: record(60), b: record(60) })))).toHaveLength(1);
  });

  test('a subschema met once is hoisted when it is larger than minSingleBytes, nested ones too, each its own definition', () => {
    const big = () => record(4, 'b', { properties: { ...record(4, 'b').properties, inner: record(30, 'i') } });
    const schema = hoistLargeSubschemas(root({ a: big(), s: record(3, 's') }), { ...MIN, minSingleBytes: 700 });
    const [outerName, innerName] = hoistedNames(schema);
    expect(hoistedNames(schema)).toHaveLength(2);
    expect(refOf(schema.properties.a)).toBe(`#/definitions/${outerName}`);
    expect(schema.definitions[outerName].properties.inner).toEqual({ $ref: `#/definitions/${innerName}` });
    expect(schema.definitions[innerName]).toEqual(record(30, 'i'));
    // Small ones stay in place; under the default (8,000 bytes) nothing of this size moves.
    expect(schema.properties.s).toEqual(record(3, 's'));
    expect(hoistLargeSubschemas(root({ a: big() }), MIN)).toEqual(root({ a: big() }));
  });

  test('Ajv reports the same errors, schemaPath aside, for the schema and its hoisted form', () => {
    const make = () => root({ a: record(10), b: { type: 'array', items: record(10) }, port: { anyOf: [{ type: 'integer' }, { type: 'string' }] } });
    const ajv = new Ajv({ allErrors: true, strict: false, inlineRefs: false });
    const plain = ajv.compile(make());
    const hoisted = ajv.compile(hoistLargeSubschemas(make(), MIN));
    const split = ajv.compile(hoistLargeSubschemas(make(), { ...MIN, minSingleBytes: 100 }));
    const objects = [
      { a: { f1: 'x' }, b: [{ f2: 'y' }], port: 80 },
      { a: { f1: 1, zz: true }, b: [{}, { f3: [] }], port: true },
      { a: 'x', b: {} },
    ];
    const errorsOf = (validate: typeof plain, object: unknown) => (validate(object) ? [] : validate.errors!.map(({ schemaPath, ...rest }) => rest));
    for (const object of objects) {
      expect(errorsOf(hoisted, object)).toEqual(errorsOf(plain, object));
      expect(errorsOf(split, object)).toEqual(errorsOf(plain, object));
    }
    expect(errorsOf(hoisted, objects[1]).map((e) => `${e.instancePath} ${e.keyword}`)).toEqual([
      '/a additionalProperties', '/a/f1 type', '/b/1/f3 type', '/port type', '/port type', '/port anyOf',
    ]);
  });
});
