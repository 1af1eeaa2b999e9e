import { execFileSync } from 'child_process';
import * as path from 'path';
import { moduleOnFirstUse } from '../../src/core/module-on-first-use';

test('loads the module on the first call only', () => {
  const load = jest.fn(() => ({ value: 42 }));
  const get = moduleOnFirstUse(load);
  expect(load).not.toHaveBeenCalled();
  expect(get().value).toBe(42);
  expect(get()).toBe(get());
  expect(load).toHaveBeenCalledTimes(1);
});

// Which generated L1 modules a program loads (a node of its own: jest's registry is not node's require.cache).
function loadedImports(code: string): string[] {
  const script = `${code}; console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/imports/')).map((f) => require('path').basename(f, '.ts')).sort()))`;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const ON_FIRST_USE = ['forklift.konveyor.io', 'hco.kubevirt.io', 'instancetype.kubevirt.io', 'operators.coreos.com', 'pool.kubevirt.io'];

test('loading the library leaves the L1 classes of HyperConverged, OLM, pools, Forklift and instancetypes unloaded', () => {
  const loaded = loadedImports("require('./src')");
  expect(loaded).toContain('kubevirt.io');
  for (const name of ON_FIRST_USE) expect(loaded).not.toContain(name);
});

test('building a HyperConverged loads its L1 classes', () => {
  const loaded = loadedImports(`const { App, Chart } = require('cdk8s'); const kvc = require('./src');
    new kvc.HyperConverged(new Chart(new App(), 'c'), 'hco', {});`);
  expect(loaded).toContain('hco.kubevirt.io');
  expect(loaded).not.toContain('pool.kubevirt.io');
});
