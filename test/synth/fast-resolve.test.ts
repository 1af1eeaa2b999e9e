import { ApiObject, App, Chart, Duration, IResolver, JsonPatch, Lazy, ResolutionContext, Size } from 'cdk8s';
import * as kubevirt from '../../imports/kubevirt.io';
import { withFastResolve } from '../../src/synth/fast-resolve';

/** A number-or-string union as cdk8s import generates them. */
class Quantity {
  public static fromString(value: string) {
    return new Quantity(value);
  }
  private constructor(public readonly value: string) {}
}

/** Values of every shape cdk8s' resolvers handle, nested. */
function props(): any {
  const lazyList = Lazy.any({ produce: () => [1, 'two', Lazy.any({ produce: () => ({ three: 3 }) })] });
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', labels: { app: Lazy.any({ produce: () => 'web' }) }, annotations: { empty: '' } },
    data: {
      plain: 'text',
      number: 5,
      flag: false,
      nothing: null,
      missing: undefined,
      zero: 0,
      list: lazyList,
      nested: [[{ a: Lazy.any({ produce: () => undefined }) }], []],
      quantity: Quantity.fromString('5Gi'),
      token: { resolve: () => ({ resolved: Lazy.any({ produce: () => 'deep' }) }) },
      size: Size.gibibytes(2).toGibibytes(),
      duration: Duration.minutes(1).toSeconds(),
      sparse: [1, , 3], // eslint-disable-line no-sparse-arrays
    },
  };
}

test('renders every object exactly as cdk8s does', () => {
  const chart = new Chart(new App(), 'c');
  const objects = [
    new ApiObject(chart, 'cm', props()),
    new kubevirt.VirtualMachine(chart, 'vm', {
      metadata: { name: 'vm' },
      spec: { runStrategy: 'Always', template: { spec: { domain: { devices: {}, resources: { requests: { memory: kubevirt.VirtualMachineSpecTemplateSpecDomainResourcesRequests.fromString('1Gi') } } } } } } as any,
    }),
  ];
  objects[0].addJsonPatch();
  const lookups = jest.spyOn(App, 'of');
  for (const object of objects) {
    lookups.mockClear();
    const expected = JSON.stringify(object.toJson());
    const byValue = lookups.mock.calls.length;
    lookups.mockClear();
    expect(JSON.stringify(withFastResolve(() => object.toJson()))).toBe(expected);
    // cdk8s looks the app up for every value; the fast path once per object part (metadata, body).
    expect(lookups.mock.calls.length).toBeLessThan(byValue / 4);
  }
  lookups.mockRestore();
});

test('an app with resolvers of its own resolves through cdk8s, with them', () => {
  const upper: IResolver = {
    resolve(context: ResolutionContext) {
      if (context.value === 'on' && context.key[context.key.length - 1] === 'mode') context.replaceValue('ON');
    },
  };
  const object = new ApiObject(new Chart(new App({ resolvers: [upper] }), 'c'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', data: { mode: 'on' } });
  expect(withFastResolve(() => object.toJson()).data).toEqual({ mode: 'ON' });
});

test('cdk8s\' resolve is back in place afterwards, also after an error', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require('cdk8s/lib/resolve');
  const before = module.resolve;
  expect(() => withFastResolve(() => {
    expect(module.resolve).not.toBe(before);
    throw new Error('boom');
  })).toThrow('boom');
  expect(module.resolve).toBe(before);
});

/** A deterministic pseudo-random value of the shapes manifests and tokens take. */
function randomValue(next: () => number, depth: number): any {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 11));
  switch (pick) {
    case 0: return null;
    case 1: return undefined;
    case 2: return Math.floor(next() * 100) - 50;
    case 3: return ['a', '', 'true', '0', 'x y'][Math.floor(next() * 5)];
    case 4: return next() > 0.5;
    case 5: return Quantity.fromString(`${Math.floor(next() * 9)}Gi`);
    case 6: {
      const inner = randomValue(next, depth + 1);
      return Lazy.any({ produce: () => inner });
    }
    case 7: {
      const inner = randomValue(next, depth + 1);
      return { resolve: () => inner };
    }
    case 8: return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const keys = ['b', 'a', '10', '2', 'Z', 'spec', 'x-y'];
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--) out[keys[Math.floor(next() * keys.length)]] = randomValue(next, depth + 1);
      return out;
    }
  }
}

test.each([false, true])('2,000 random objects render as cdk8s renders them (CDK8S_DISABLE_SORT: %s)', (disableSort) => {
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const previous = process.env.CDK8S_DISABLE_SORT;
  if (disableSort) process.env.CDK8S_DISABLE_SORT = '1';
  try {
    const chart = new Chart(new App(), 'c');
    for (let i = 0; i < 2000; i++) {
      const labels = next() > 0.5 ? { app: 'x', empty: Lazy.any({ produce: () => undefined }) } : undefined;
      // Metadata of every part toJson sanitizes: maps and lists that may be empty, and attributes of any shape.
      const metadata = {
        labels,
        annotations: next() > 0.7 ? randomValue(next, 1) : undefined,
        finalizers: next() > 0.8 ? Array.from({ length: Math.floor(next() * 2) }, () => 'f') : undefined,
        [`attribute${i % 4}`]: randomValue(next, 1),
      };
      const object = new ApiObject(chart, `o${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: randomValue(next, 0), [`extra${i % 3}`]: randomValue(next, 1) });
      if (i % 7 === 0) object.addJsonPatch(JsonPatch.add('/added', { n: i }));
      let expected: string;
      try {
        expected = JSON.stringify(object.toJson());
      } catch (error) {
        expected = `error: ${(error as Error).message}`;
      }
      let actual: string;
      try {
        actual = JSON.stringify(withFastResolve(() => object.toJson()));
      } catch (error) {
        actual = `error: ${(error as Error).message}`;
      }
      expect(actual).toBe(expected);
    }
  } finally {
    if (previous === undefined) delete process.env.CDK8S_DISABLE_SORT;
    else process.env.CDK8S_DISABLE_SORT = previous;
  }
});

test('objects cdk8s refuses to render are refused with cdk8s\' own message', () => {
  const chart = new Chart(new App(), 'c');
  for (const odd of [new Date(0), Object.create(null), new (class Custom {})()]) {
    const object = new ApiObject(chart, `o${chart.node.children.length}`, { apiVersion: 'v1', kind: 'ConfigMap', data: { odd } });
    let expected = '';
    try { object.toJson(); } catch (error) { expected = (error as Error).message; }
    expect(expected).not.toBe('');
    expect(() => withFastResolve(() => object.toJson())).toThrow(expected);
  }
});
