import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CLI_SCENARIOS, FLEET_SCENARIOS, SCENARIOS, median } from '../../bench/scenarios';
import { VirtualizationApp } from '../../src/synth/virtualization-app';

// The bench measures the compiled package; its test runs without a build, on the sources.
process.env.BENCH_LIBRARY = 'src';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildFleet } = require('../../bench/fleet') as typeof import('../../bench/fleet');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildRawFleet } = require('../../bench/raw-fleet') as typeof import('../../bench/raw-fleet');

const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));

// 300 VMs take pool addresses past 10.20.0.255.
test.each([3, 300])('the baseline of raw ApiObjects writes the same bytes as the fleet of constructs (%i VMs)', (vms) => {
  const ours = buildFleet(vms, new VirtualizationApp({ outdir: outdir() })).synthYaml();
  expect(ours.split('\n---\n')).toHaveLength(4 * vms + 1);
  expect(buildRawFleet(vms, new App({ outdir: outdir() })).synthYaml()).toBe(ours);
});

test('the bench reports medians: the middle run, or the mean of the two middle ones', () => {
  expect(median([3900, 2700, 3100])).toBe(3100);
  expect(median([5, 1, 4, 2])).toBe(3);
  expect(median([7])).toBe(7);
});

test('npm run bench measures every scenario in processes of their own and writes the results', () => {
  const results = path.join(outdir(), 'results.json');
  const stdout = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', '..', 'bench', 'run.ts')], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_SIZES: '2', BENCH_REPEATS: '1', BENCH_RESULTS: results, BENCH_LIBRARY: 'src' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(stdout).toContain('| VMs | objects | YAML MiB | ours ms | baseline ms | ours / baseline |');
  expect(stdout).toContain('| target | limit | measured | |');
  const written = JSON.parse(fs.readFileSync(results, 'utf8'));
  expect(written.sizes).toEqual([2]);
  expect(written.measurements.map((m: any) => m.scenario)).toEqual([...SCENARIOS, ...FLEET_SCENARIOS, ...FLEET_SCENARIOS, ...CLI_SCENARIOS]);
  expect(written.measurements.map((m: any) => m.clusters ?? 1)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1]);
  // The validate CLI runs: a VirtualizationApp-free fleet of 2 VMs written as YAML (9 objects), and one VM cold (5).
  expect(written.measurements.slice(-3).map((m: any) => [m.vms, m.objects])).toEqual([[2, 9], [2, 9], [1, 5]]);
  for (const m of written.measurements.slice(0, -3)) {
    // ChartDeployment (and so the bare registration of the same objects) also creates the namespace and deploys each VM's
    // DataVolume template as a DataVolume of its own;
    // a fleet of two clusters holds each one's NAD.
    expect(m.objects).toBe(m.scenario.startsWith('pulumi-') ? 9 + 1 + 2 : m.clusters === 2 ? 10 : 9);
    expect(m.millis).toBeGreaterThan(0);
    expect(m.peakRssMib).toBeGreaterThan(0);
  }
  // Synth and fleets keep each run's time (one here, to keep the test short; npm run bench runs three).
  for (const m of written.measurements) {
    const repeated = m.scenario.startsWith('fleet-') || m.scenario.startsWith('synth-');
    expect(m.runs).toEqual(repeated ? [Math.round(m.millis)] : undefined);
  }
  expect(stdout).toContain('synth and fleets: the median of 1 run of each side, alternating');
  expect(written.measurements.find((m: any) => m.scenario === 'synth-ours').bytes).toBe(written.measurements.find((m: any) => m.scenario === 'synth-baseline').bytes);
  const fleet = written.measurements.filter((m: any) => m.scenario.startsWith('fleet-'));
  expect(fleet[0].bytes).toBe(fleet[1].bytes);
  expect(fleet[2].bytes).toBe(fleet[3].bytes);
  expect(written.targets.map((t: any) => t.target)).toEqual([
    'synth time, ours / baseline, 2 VMs', 'synth peak RSS, 2 VMs', 'validation, 2 VMs', 'ChartDeployment / bare CustomResources, 2 VMs',
    'fleet synth time, ours / baseline, one cluster of 2 VMs', 'fleet synth time, ours / baseline, 2 clusters x 1 VMs',
    '`validate` as a process, 9 objects (wall, start-up included)', '`validate` in one process, 9 objects (parsing included)',
    'first validation in a process, one-VM app (5 objects)',
  ]);
}, 120_000);
