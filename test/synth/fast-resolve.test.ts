import { ApiObject, App, Chart, Duration, IResolver, Lazy, ResolutionContext, Size } from 'cdk8s';
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
