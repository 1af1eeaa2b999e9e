/**
 * `npm run bench`: synth, validation and Pulumi registration at fleet scale, for rdqm-shaped VMs
 * (a DataVolume template on RWX storage, a DataVolume, masquerade pod network and a bridge
 * secondary network with a static IP from a pool, cloud-init in a Secret, a Service).
 *
 * Every measurement runs in a child process of its own (bench/scenarios.ts), one after the
 * other, so each peak RSS is that measurement's and no two compete for the CPU. Prints markdown
 * tables and writes bench/results.json. Nothing here fails on a missed target: CI times nothing.
 *
 * Ours and the baseline of synth and fleets run BENCH_REPEATS times each (default 3), alternating, and
 * the tables show each side's median: a single run on a 2-core VM varies by up to 15% (more when
 * the disk is busy), and alternating lets both sides meet the same moments of a busy machine.
 *
 * BENCH_SIZES=100,1000 picks the fleet sizes; BENCH_RESULTS=<file> writes the JSON elsewhere.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI_SCENARIOS, FLEET_SCENARIOS, Measurement, SCENARIOS, Scenario, median } from './scenarios';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const RESULTS = process.env.BENCH_RESULTS ?? path.join(__dirname, 'results.json');
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
// Pulumi's engine state for 40,000 resources under mocks needs about 9 GiB of heap.
const HEAP_MIB = 16384;

/**
 * V8 flags of a scenario's process: only Pulumi's needs a larger heap. Synth, fleet and validation
 * processes run as `cdk8s synth` runs a program, without flags (under which V8 refuses the
 * package's code caches, as it would for a user's NODE_OPTIONS), and without NODE_OPTIONS.
 */
function v8FlagsOf(scenario: Scenario): string[] {
  return scenario.startsWith('pulumi-') ? [`--max-old-space-size=${HEAP_MIB}`] : [];
}

function measure(scenario: Scenario, vms: number, clusters = 1): Measurement {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const out = execFileSync(process.execPath, [
    ...v8FlagsOf(scenario), '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'scenarios.ts'), scenario, String(vms), String(clusters),
  ], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

/**
 * Ours and the baseline of one comparison, REPEATS times each, alternating: each side's median
 * time and median peak RSS, with every run's time.
 */
function measurePair(scenarios: readonly [Scenario, Scenario], vms: number, clusters = 1): Measurement[] {
  const runs: Measurement[][] = [[], []];
  for (let round = 0; round < REPEATS; round++) {
    scenarios.forEach((scenario, side) => {
      process.stderr.write(`bench: ${scenario} with ${fmt(vms)} VMs${clusters > 1 ? ` in ${clusters} clusters` : ''} (run ${round + 1} of ${REPEATS})\n`);
      runs[side].push(measure(scenario, vms, clusters));
    });
  }
  return runs.map((sideRuns) => ({
    ...sideRuns[0],
    millis: median(sideRuns.map((m) => m.millis)),
    peakRssMib: median(sideRuns.map((m) => m.peakRssMib)),
    runs: sideRuns.map((m) => Math.round(m.millis)),
  }));
}

/** The column saying how ours' validation modules were loaded: from the package's V8 code cache, or compiled. */
const CODE_CACHE_COLUMN = 'ours: modules from code cache / refused';

function codeCacheCell(m: Measurement): string {
  return m.codeCache === undefined ? '-' : `${m.codeCache.used} / ${m.codeCache.rejected}`;
}

interface Target {
  readonly target: string;
  readonly limit: string;
  readonly measured: string;
  readonly met: boolean;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---:').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

type MeasurementOf = (scenario: Scenario, vms: number, clusters?: number) => Measurement;

/** VMs for one `validate` call: 112 make ~450 objects (no more than the largest fleet size asked for). */
const oneCallVms = () => Math.min(112, Math.max(...SIZES));

/** The sizes of the validate-CLI runs: ~450 objects for one call, the largest fleet for throughput, one VM cold. */
function cliRuns(): Array<{ scenario: typeof CLI_SCENARIOS[number]; vms: number }> {
  return [
    { scenario: 'cli-validate-process', vms: oneCallVms() },
    { scenario: 'cli-validate-file', vms: Math.max(...SIZES) },
    { scenario: 'validation-cold', vms: 1 },
  ];
}

/** The targets of issue 15: a quick `validate`, fast end-to-end throughput, a cheap first validation. */
function cliTargetsOf(get: MeasurementOf): Target[] {
  const oneCall = get('cli-validate-process', oneCallVms());
  const file = get('cli-validate-file', Math.max(...SIZES));
  const perSecond = file.objects / (file.millis / 1000);
  const cold = get('validation-cold', 1);
  return [
    { target: `\`validate\` as a process, ${fmt(oneCall.objects)} objects (wall, start-up included)`, limit: '≤ 500 ms', measured: `${fmt(oneCall.millis)} ms`, met: oneCall.millis <= 500 },
    { target: `\`validate\` in one process, ${fmt(file.objects)} objects (parsing included)`, limit: '≥ 20,000 objects/s', measured: `${fmt(perSecond)} objects/s`, met: perSecond >= 20000 },
    { target: `first validation in a process, one-VM app (${fmt(cold.objects)} objects)`, limit: '≤ 50 ms', measured: `${fmt(cold.millis)} ms`, met: cold.millis <= 50 },
  ];
}

/** The fleets measured: each size as one cluster, and the largest spread over 50 clusters (or as many as it divides into). */
function fleetRuns(): Array<{ vms: number; clusters: number }> {
  const largest = Math.max(...SIZES);
  const spread = [50, 10, 2].find((n) => largest % n === 0 && largest / n >= 1) ?? 1;
  return [...SIZES.map((vms) => ({ vms, clusters: 1 })), ...(spread > 1 ? [{ vms: largest, clusters: spread }] : [])];
}

/** The fleet targets of issue 21: half the baseline's time at scale, no fixed cost, linear growth, no more memory. */
function fleetTargetsOf(get: MeasurementOf): Target[] {
  const targets: Target[] = [];
  const ratio = (vms: number, clusters: number) => get('fleet-ours', vms, clusters).millis / get('fleet-baseline', vms, clusters).millis;
  const label = (vms: number, clusters: number) => (clusters === 1 ? `one cluster of ${fmt(vms)} VMs` : `${clusters} clusters x ${fmt(vms / clusters)} VMs`);
  for (const { vms, clusters } of fleetRuns()) {
    const limit = vms >= 10000 ? 0.5 : vms <= 100 ? 1.0 : undefined;
    if (limit === undefined) continue;
    const r = ratio(vms, clusters);
    targets.push({ target: `fleet synth time, ours / baseline, ${label(vms, clusters)}`, limit: `≤ ${limit.toFixed(1)}`, measured: fmt(r, 2), met: r <= limit });
    if (vms >= 10000) {
      const ours = get('fleet-ours', vms, clusters).peakRssMib;
      const baseline = get('fleet-baseline', vms, clusters).peakRssMib;
      targets.push({ target: `fleet synth peak RSS, ${label(vms, clusters)}`, limit: `≤ baseline (${fmt(baseline)} MiB)`, measured: `${fmt(ours)} MiB`, met: ours <= baseline });
    }
  }
  if (SIZES.includes(1000) && SIZES.includes(10000)) {
    const growth = get('fleet-ours', 10000, 1).millis / get('fleet-ours', 1000, 1).millis;
    targets.push({ target: 'fleet synth time growth, 10,000 / 1,000 VMs', limit: '≤ 11', measured: fmt(growth, 1), met: growth <= 11 });
  }
  return targets;
}

/** The targets, measured at the largest fleet size (and the growth from 1,000 to 10,000 VMs when both ran). */
function targetsOf(get: MeasurementOf): Target[] {
  const largest = Math.max(...SIZES);
  const targets: Target[] = [];
  const ours = get('synth-ours', largest);
  const synthRatio = ours.millis / get('synth-baseline', largest).millis;
  targets.push({ target: `synth time, ours / baseline, ${fmt(largest)} VMs`, limit: '≤ 1.0', measured: fmt(synthRatio, 2), met: synthRatio <= 1 });
  if (SIZES.includes(1000) && SIZES.includes(10000)) {
    const growth = get('synth-ours', 10000).millis / get('synth-ours', 1000).millis;
    targets.push({ target: 'synth time growth, 10,000 / 1,000 VMs', limit: '≤ 12', measured: fmt(growth, 1), met: growth <= 12 });
  }
  targets.push({ target: `synth peak RSS, ${fmt(largest)} VMs`, limit: '≤ 1,024 MiB', measured: `${fmt(ours.peakRssMib)} MiB`, met: ours.peakRssMib <= 1024 });
  const validation = get('validation', largest);
  const perSecond = validation.objects / (validation.millis / 1000);
  targets.push({ target: `validation, ${fmt(largest)} VMs`, limit: '≥ 10,000 objects/s', measured: `${fmt(perSecond)} objects/s`, met: perSecond >= 10000 });
  const pulumiRatio = get('pulumi-chart-deployment', largest).millis / get('pulumi-bare', largest).millis;
  targets.push({ target: `ChartDeployment / bare CustomResources, ${fmt(largest)} VMs`, limit: '≤ 1.2', measured: fmt(pulumiRatio, 2), met: pulumiRatio <= 1.2 });
  return targets;
}

function main(): void {
  const machine = {
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    memoryGib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
  const measurements: Measurement[] = [];
  for (const vms of SIZES) {
    measurements.push(...measurePair(['synth-ours', 'synth-baseline'], vms));
    for (const scenario of SCENARIOS.filter((s) => s !== 'synth-ours' && s !== 'synth-baseline')) {
      process.stderr.write(`bench: ${scenario} with ${fmt(vms)} VMs\n`);
      measurements.push(measure(scenario, vms));
    }
  }
  for (const { vms, clusters } of fleetRuns()) measurements.push(...measurePair(FLEET_SCENARIOS, vms, clusters));
  for (const { scenario, vms } of cliRuns()) {
    process.stderr.write(`bench: ${scenario} with ${fmt(vms)} VMs\n`);
    measurements.push(measure(scenario, vms));
  }
  const get: MeasurementOf = (scenario, vms, clusters = 1) => measurements
    .find((m) => m.scenario === scenario && m.vms === vms && (m.clusters ?? 1) === clusters)!;
  const fleetRows = fleetRuns().map(({ vms, clusters }) => {
    const ours = get('fleet-ours', vms, clusters);
    const baseline = get('fleet-baseline', vms, clusters);
    return [fmt(clusters), fmt(vms), fmt(ours.objects), fmt(ours.bytes! / 2 ** 20, 1), fmt(ours.millis), fmt(baseline.millis),
      fmt(ours.millis / baseline.millis, 2), fmt(ours.peakRssMib), fmt(baseline.peakRssMib), codeCacheCell(ours)];
  });

  const synthRows = SIZES.map((vms) => {
    const ours = get('synth-ours', vms);
    const baseline = get('synth-baseline', vms);
    return [fmt(vms), fmt(ours.objects), fmt(ours.bytes! / 2 ** 20, 1), fmt(ours.millis), fmt(baseline.millis), fmt(ours.millis / baseline.millis, 2),
      fmt(ours.peakRssMib), fmt(baseline.peakRssMib), codeCacheCell(ours)];
  });
  const validationRows = SIZES.map((vms) => {
    const m = get('validation', vms);
    return [fmt(vms), fmt(m.objects), fmt(m.millis), fmt(m.objects / (m.millis / 1000))];
  });
  const pulumiRows = SIZES.map((vms) => {
    const deployment = get('pulumi-chart-deployment', vms);
    const bare = get('pulumi-bare', vms);
    return [fmt(vms), fmt(deployment.objects), fmt(deployment.millis), fmt(bare.millis), fmt(deployment.millis / bare.millis, 2),
      fmt(deployment.peakRssMib), fmt(bare.peakRssMib)];
  });

  const targets = [...targetsOf(get), ...fleetTargetsOf(get), ...cliTargetsOf(get)];
  const cliRows = cliRuns().map(({ scenario, vms }) => {
    const m = get(scenario, vms);
    return [scenario, fmt(vms), fmt(m.objects), fmt(m.millis), fmt(m.objects / (m.millis / 1000)), fmt(m.peakRssMib)];
  });

  const report = [
    `Machine: ${machine.cpus}, ${machine.memoryGib} GiB, Node ${machine.node}, ${machine.os}. One child process per measurement; `
      + `synth and fleets: the median of ${REPEATS} run${REPEATS === 1 ? '' : 's'} of each side, alternating; `
      + `the library is the compiled package (${process.env.BENCH_LIBRARY === 'src' ? 'here: the TypeScript sources, BENCH_LIBRARY=src' : 'lib/'}), loaded before the clock starts; `
      + 'processes run without V8 flags, as `cdk8s synth` runs a program (Pulumi\'s with a 16 GiB heap).',
    '',
    '**Synth** (build the constructs and write the YAML, as `cdk8s synth` runs a program; validation on). '
      + 'Baseline: the same bytes from raw cdk8s `ApiObject`s and cdk8s\' `App`.',
    '',
    table(['VMs', 'objects', 'YAML MiB', 'ours ms', 'baseline ms', 'ours / baseline', 'ours peak RSS MiB', 'baseline peak RSS MiB', CODE_CACHE_COLUMN], synthRows),
    '',
    '**Fleets** (`Fleet`: a GitOpsApp per cluster, rendered and written one cluster at a time, with its Argo CD and Flux objects; '
      + 'an objects.yaml per folder). Baseline: the same objects from raw cdk8s `ApiObject`s, an `App` per cluster written as cdk8s writes by default.',
    '',
    table(['clusters', 'VMs', 'objects', 'YAML MiB', 'ours ms', 'baseline ms', 'ours / baseline', 'ours peak RSS MiB', 'baseline peak RSS MiB', CODE_CACHE_COLUMN], fleetRows),
    '',
    '**Validation alone** (`validateObjects`: schemas and cross-object rules, schemas compiled before timing).',
    '',
    table(['VMs', 'objects', 'ms', 'objects/s'], validationRows),
    '',
    '**The validate CLI and validation start-up**: `cli-validate-process` runs `node lib/src/cli/main.js validate <file>` (wall time, '
      + 'start-up included); `cli-validate-file` runs `validate` in this process (reading, parsing, validating, printing); '
      + '`validation-cold` is the first `validateObjects` of a process on a one-VM app\'s objects (validators loaded on first use).',
    '',
    table(['scenario', 'VMs', 'objects', 'ms', 'objects/s', 'peak RSS MiB'], cliRows),
    '',
    '**Pulumi registration under mocks** (until every resource has its URN): `ChartDeployment` of the fleet\'s App '
      + '(validation, ordering, dependsOn and secrets included) against the same objects as bare `CustomResource`s.',
    '',
    table(['VMs', 'objects', 'ChartDeployment ms', 'bare ms', 'ratio', 'ChartDeployment peak RSS MiB', 'bare peak RSS MiB'], pulumiRows),
    '',
    '**Targets**',
    '',
    ['| target | limit | measured | |', '|---|---|---|---|', ...targets.map((t) => `| ${t.target} | ${t.limit} | ${t.measured} | ${t.met ? 'met' : 'MISSED'} |`)].join('\n'),
  ].join('\n');
  console.log(report);
  fs.writeFileSync(RESULTS, JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine, sizes: SIZES, measurements, targets }, null, 2) + '\n');
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), RESULTS)}\n`);
}

main();
