/**
 * One measurement, run in a process of its own so its peak RSS is its own:
 * `ts-node --transpile-only bench/scenarios.ts <scenario> <VMs>` prints one JSON line.
 * `bench/run.ts` starts these and prints the tables.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as pulumiType from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { buildFleet } from './fleet';
import { buildRawFleet } from './raw-fleet';
import { VirtualizationApp, validateObjects } from '../src';
import { allObjects, synthesizeApp } from '../src/synth/app-synthesis';

/** What a scenario measured. */
export interface Measurement {
  readonly scenario: string;
  readonly vms: number;
  readonly objects: number;
  /** Wall time of the measured work, in milliseconds. */
  readonly millis: number;
  /** Peak resident set size of the whole process, in MiB. */
  readonly peakRssMib: number;
  /** Bytes of YAML written (synth scenarios). */
  readonly bytes?: number;
}

export const SCENARIOS = ['synth-ours', 'synth-baseline', 'validation', 'pulumi-chart-deployment', 'pulumi-bare'] as const;
export type Scenario = typeof SCENARIOS[number];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const peakRssMib = () => Math.round(process.resourceUsage().maxRSS / 1024);

function outdir(scenario: string, vms: number): string {
  const dir = path.join(os.tmpdir(), `kvc-bench-${scenario}-${vms}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

/** Builds the constructs and writes the YAML, as `cdk8s synth` runs a program; both are timed. */
function synth(scenario: Scenario, vms: number): Measurement {
  const dir = outdir(scenario, vms);
  const started = now();
  const app = scenario === 'synth-ours' ? buildFleet(vms, new VirtualizationApp({ outdir: dir })) : buildRawFleet(vms, new App({ outdir: dir }));
  app.synth();
  const millis = now() - started;
  const file = path.join(dir, 'fleet.k8s.yaml');
  const bytes = fs.statSync(file).size;
  const objects = fs.readFileSync(file, 'utf8').split('\n---\n').length;
  fs.rmSync(dir, { recursive: true, force: true });
  return { scenario, vms, objects, millis, peakRssMib: peakRssMib(), bytes };
}

/** `validateObjects` on the rendered fleet, schemas compiled first (once per process, as in a synth). */
function validation(vms: number): Measurement {
  const objects = allObjects(synthesizeApp(buildFleet(vms, new App({ outdir: outdir('validation', vms) }))));
  validateObjects(objects.slice(0, 10));
  const started = now();
  const report = validateObjects(objects);
  const millis = now() - started;
  if (!report.valid) throw new Error(`the fleet should be valid: ${report.errors[0].message}`);
  return { scenario: 'validation', vms, objects: objects.length, millis, peakRssMib: peakRssMib() };
}

function settled<T>(output: pulumiType.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => {
    resolve(value);
    return value;
  }));
}

/**
 * Registration under Pulumi's unit-test mocks, until every resource has its URN: a
 * `ChartDeployment` of the fleet's App (validation, ordering, dependsOn, secrets included)
 * against the same objects registered as bare `CustomResource`s.
 */
async function pulumiRegistration(scenario: Scenario, vms: number): Promise<Measurement> {
  if (process.env.BENCH_STACKS !== '1') Error.stackTraceLimit = 0;
  // Loaded here: the Pulumi SDKs take seconds to load, which the synth and validation runs need not pay.
  const pulumi = await import('@pulumi/pulumi');
  const k8s = await import('@pulumi/kubernetes');
  // A require, as the compiled CommonJS does: the type-check reads `import()` of a relative path as an ES module's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ChartDeployment, resourceNameOf } = require('../src/pulumi/chart-deployment') as typeof import('../src/pulumi/chart-deployment');
  await pulumi.runtime.setMocks({
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
  }, 'bench', 'bench', false);
  const app = buildFleet(vms, new App({ outdir: outdir(scenario, vms) }));
  let objects: number;
  let started: number;
  if (scenario === 'pulumi-chart-deployment') {
    started = now();
    const deployment = new ChartDeployment('fleet', { chart: app });
    objects = Object.keys(deployment.resources).length;
    await settled(deployment.urns);
  } else {
    const rendered = allObjects(synthesizeApp(app));
    objects = rendered.length;
    started = now();
    const urns = rendered.map((object) => new k8s.apiextensions.CustomResource(resourceNameOf(object), object).urn);
    await settled(pulumi.all(urns));
  }
  return { scenario, vms, objects, millis: now() - started, peakRssMib: peakRssMib() };
}

async function main(): Promise<void> {
  const [scenario, count] = process.argv.slice(2);
  const vms = Number(count);
  if (!SCENARIOS.includes(scenario as Scenario) || !Number.isInteger(vms) || vms < 1) {
    throw new Error(`usage: scenarios.ts <${SCENARIOS.join('|')}> <VMs>`);
  }
  let measurement: Measurement;
  switch (scenario as Scenario) {
    case 'synth-ours':
    case 'synth-baseline':
      measurement = synth(scenario as Scenario, vms);
      break;
    case 'validation':
      measurement = validation(vms);
      break;
    default:
      measurement = await pulumiRegistration(scenario as Scenario, vms);
  }
  process.stdout.write(JSON.stringify(measurement) + '\n');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
