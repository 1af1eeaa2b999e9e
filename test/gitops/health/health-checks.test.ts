import { ARGO_HEALTH_STATUSES, ArgoLuaBatch, CLOSED_LIBRARY_CALLS, LUA_52_ONLY_SYNTAX, luaLiteral } from './argo-lua';
import { PRINTABLE_STATUS_HEALTH, SAMPLES_BY_KIND, virtualMachine } from './samples';
import {
  ARGO_CD_HEALTH_CHECKS,
  argoCdHealthCustomizationKey,
  argoCdHealthCustomizations,
  HealthCheck,
} from '../../../src/gitops/health/health-checks';

// Every script run of this file, queued while jest collects the tests and run in one go.
const lua = new ArgoLuaBatch();
beforeAll(() => lua.runAll());

function checkOf(groupKind: string): HealthCheck {
  const found = ARGO_CD_HEALTH_CHECKS.find((check) => `${check.group}/${check.kind}` === groupKind);
  if (!found) throw new Error(`no health check for ${groupKind}`);
  return found;
}

describe('ARGO_CD_HEALTH_CHECKS', () => {
  test('one check per emitted kind, sorted by group then kind', () => {
    expect(ARGO_CD_HEALTH_CHECKS.map((check) => `${check.group}/${check.kind}`)).toEqual([
      'argoproj.io/Application',
      'cdi.kubevirt.io/CDI',
      'cdi.kubevirt.io/DataVolume',
      'hco.kubevirt.io/HyperConverged',
      'kubevirt.io/KubeVirt',
      'kubevirt.io/VirtualMachine',
      'kubevirt.io/VirtualMachineInstanceMigration',
      'operators.coreos.com/Subscription',
    ]);
  });

  test('argocd-cm entries are keyed resource.customizations.health.<group>_<kind>', () => {
    const data = argoCdHealthCustomizations();
    expect(Object.keys(data)).toEqual(ARGO_CD_HEALTH_CHECKS.map(argoCdHealthCustomizationKey));
    expect(Object.keys(data)).toContain('resource.customizations.health.hco.kubevirt.io_HyperConverged');
    expect(Object.keys(data)).toContain('resource.customizations.health.argoproj.io_Application');
    expect(data['resource.customizations.health.kubevirt.io_VirtualMachine']).toBe(checkOf('kubevirt.io/VirtualMachine').lua);
  });

  test('every summary is one line', () => {
    for (const check of ARGO_CD_HEALTH_CHECKS) {
      expect(check.summary).toMatch(/^[^\n]{20,300}$/);
    }
  });

  test.each(ARGO_CD_HEALTH_CHECKS.map((check) => [`${check.group}/${check.kind}`, check]))(
    '%s stays within Lua 5.1 and the libraries Argo CD opens',
    (_name, check) => {
      for (const { name, pattern } of LUA_52_ONLY_SYNTAX) {
        expect({ construct: name, found: pattern.exec(check.lua)?.[0] }).toEqual({ construct: name, found: undefined });
      }
      expect(CLOSED_LIBRARY_CALLS.exec(check.lua)?.[0]).toBeUndefined();
      expect(check.lua).toMatch(/return health\(/);
    },
  );

  test('the static checks find what they look for', () => {
    expect(LUA_52_ONLY_SYNTAX.some(({ pattern }) => pattern.test('local half = n // 2'))).toBe(true);
    expect(LUA_52_ONLY_SYNTAX.some(({ pattern }) => pattern.test('local bits = a & 1'))).toBe(true);
    expect(LUA_52_ONLY_SYNTAX.some(({ pattern }) => pattern.test('if a ~= b then end'))).toBe(false);
    expect(CLOSED_LIBRARY_CALLS.test('hs.message = string.format("%d", n)')).toBe(true);
    expect(CLOSED_LIBRARY_CALLS.test('if reason:find("Error") then end')).toBe(true);
    expect(CLOSED_LIBRARY_CALLS.test('table.insert(found, text)')).toBe(false);
  });
});

describe('every sample covers Healthy, Degraded, Progressing and an object without status', () => {
  test.each(Object.entries(SAMPLES_BY_KIND))('%s', (_kind, samples) => {
    const statuses = new Set(samples.map((sample) => sample.argo.status));
    expect([...statuses]).toEqual(expect.arrayContaining(['Healthy', 'Degraded', 'Progressing']));
    expect(samples.some((sample) => sample.obj.status === undefined && sample.argo.status === 'Progressing')).toBe(true);
  });
});

describe.each(Object.entries(SAMPLES_BY_KIND))('Argo CD health of %s', (groupKind, samples) => {
  const runs = samples.map((sample) => [sample.name, sample, lua.add(checkOf(groupKind).lua, sample.obj)] as const);
  test.each(runs)('%s', (_name, sample, run) => {
    expect(lua.health(run)).toEqual(sample.argo);
  });
});

describe('VirtualMachine: every printableStatus of KubeVirt v1.9.0', () => {
  const runs = PRINTABLE_STATUS_HEALTH.map(([printableStatus, expected]) => {
    const obj = virtualMachine({ runStrategy: 'Always' }, {
      printableStatus,
      conditions: [{ type: 'Ready', status: 'False', reason: 'VMINotExists', message: 'VMI does not exist' }],
    });
    return [printableStatus, expected, lua.add(checkOf('kubevirt.io/VirtualMachine').lua, obj)] as const;
  });
  test.each(runs)('%s -> %s', (printableStatus, expected, run) => {
    const result = lua.health(run);
    expect(result.status).toBe(expected);
    expect(result.message).toContain(printableStatus);
  });
});

// Objects a script may meet before any controller wrote a full status: no script may fail on
// them (a failing script leaves the resource's health Unknown and a sync wave waiting on an error).
const SPARSE_OBJECTS: Array<[string, Record<string, unknown>]> = [
  ['only metadata', { metadata: { name: 'x' } }],
  ['an empty status', { metadata: { name: 'x', generation: 1 }, spec: {}, status: {} }],
  ['empty conditions', { metadata: { name: 'x', generation: 1 }, spec: {}, status: { conditions: [] } }],
  ['a condition with only a type', { metadata: { name: 'x', generation: 1 }, spec: {}, status: { conditions: [{ type: 'Ready' }], phase: '' } }],
  ['health without a status', { metadata: { name: 'x' }, status: { health: {}, sync: {} } }],
];

describe('scripts on sparse objects', () => {
  const runs = ARGO_CD_HEALTH_CHECKS.flatMap((check) => SPARSE_OBJECTS.map(([what, obj]) => [`${check.kind}, ${what}`, lua.add(check.lua, obj)] as const));
  test.each(runs)('%s', (_name, run) => {
    const result = lua.health(run);
    expect(ARGO_HEALTH_STATUSES).toContain(result.status);
    expect(result.status).not.toBe('Healthy');
    expect(result.message).toMatch(/\S/);
  });
});

describe('the test Lua state behaves like Argo CD\'s gopher-lua state', () => {
  const report = (expression: string, obj: unknown) => lua.add(`return { status = "Healthy", message = ${expression} }`, obj);
  const text = 'quote " backslash \\ newline \n tab \t unicode ä→';
  const runs = {
    nulls: report('tostring(obj.a == nil) .. " " .. #obj.list', { a: null, list: [1, null, 2] }),
    integer: report('"generation " .. obj.g', { g: 3 }),
    text: report('obj.s', { s: text }),
    stringLibrary: report('string.upper("x")', {}),
    stringMethod: report('("x"):upper()', {}),
    mathLibrary: report('tostring(math.floor(1.5))', {}),
    absentField: report('obj.status.phase', { metadata: {} }),
    notATable: lua.add('return "Healthy"', {}),
  };

  test('JSON null is nil, and left out of arrays', () => {
    expect(lua.health(runs.nulls).message).toBe('true 2');
  });

  test('whole numbers print without a fraction, as gopher-lua prints them', () => {
    expect(lua.health(runs.integer).message).toBe('generation 3');
  });

  test('strings arrive byte for byte', () => {
    expect(luaLiteral(text)).not.toContain('\n');
    expect(lua.health(runs.text).message).toBe(text);
  });

  test('the string and math libraries are closed, as in Argo CD', () => {
    expect(() => lua.health(runs.stringLibrary)).toThrow(/string/);
    expect(() => lua.health(runs.stringMethod)).toThrow(/index a string value/);
    expect(() => lua.health(runs.mathLibrary)).toThrow(/math/);
  });

  test('indexing an absent field fails, so scripts must check for nil', () => {
    expect(() => lua.health(runs.absentField)).toThrow(/attempt to index a nil value/);
  });

  test('a script that returns no table is refused', () => {
    expect(() => lua.health(runs.notATable)).toThrow(/not a table/);
  });
});
