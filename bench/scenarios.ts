/**
 * One measurement, run in a process of its own so its peak RSS is its own:
 * `ts-node --transpile-only bench/scenarios.ts <scenario> <VMs>` prints one JSON line.
 * `bench/run.ts` starts these and prints the tables.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as pulumiType from '@pulumi/pulumi';
import { App } from 'cdk8s';
import { buildFleet } from './fleet';
import { chartDeployment, cli, cliEntry, codeCache, deploymentPlan, library, synthesis } from './library';
import { buildRawFleet } from './raw-fleet';

/** What a scenario measured. */
export interface Measurement {
  readonly scenario: string;
  readonly vms: number;
  readonly objects: number;
  /** Wall time of the measured work, in milliseconds. */
  readonly millis: number;
  /** Peak resident set size of the whole process, in MiB. */
  readonly peakRssMib: number;
  /** Bytes of YAML written (synth scenarios): for fleets, of the objects' files. */
  readonly bytes?: number;
  /** Clusters the VMs are spread over (fleet scenarios). */
  readonly clusters?: number;
  /** Each run's wall time, when the scenario ran several times (`millis` and `peakRssMib` are then the medians). */
  readonly runs?: number[];
  /** Ours: the validation modules loaded from the package's V8 code cache, and the caches V8 refused. */
  readonly codeCache?: { readonly used: number; readonly rejected: number };
}

/** The median of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const SCENARIOS = ['synth-ours', 'synth-baseline', 'validation', 'pulumi-chart-deployment', 'pulumi-bare'] as const;
/**
 * The validate CLI and validation start-up (issue 15): `validate` as a process of its own on one
 * file (wall time, start-up included), `validate` in one process on a file (parsing included),
 * and the first validation in a process, as a one-VM app's synth pays it.
 */
export const CLI_SCENARIOS = ['cli-validate-process', 'cli-validate-file', 'validation-cold'] as const;
/** Fleet scenarios: `<VMs>` spread evenly over `<clusters>`, one GitOps folder per cluster. */
export const FLEET_SCENARIOS = ['fleet-ours', 'fleet-baseline'] as const;
export type Scenario = typeof SCENARIOS[number] | typeof FLEET_SCENARIOS[number] | typeof CLI_SCENARIOS[number];

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
  if (scenario === 'synth-ours') library();
  const started = now();
  const app = scenario === 'synth-ours' ? buildFleet(vms, new (library().VirtualizationApp)({ outdir: dir })) : buildRawFleet(vms, new App({ outdir: dir }));
  app.synth();
  const millis = now() - started;
  const cache = scenario === 'synth-ours' ? codeCache().codeCacheUse() : undefined;
  const file = path.join(dir, 'fleet.k8s.yaml');
  const bytes = fs.statSync(file).size;
  const objects = fs.readFileSync(file, 'utf8').split('\n---\n').length;
  fs.rmSync(dir, { recursive: true, force: true });
  return { scenario, vms, objects, millis, peakRssMib: peakRssMib(), bytes, codeCache: cache };
}

/**
 * The objects written under `dir` (every YAML document but kustomizations and the Argo CD and
 * Flux objects a Fleet adds per cluster): their count and bytes.
 */
function writtenObjects(dir: string): { objects: number; bytes: number } {
  let objects = 0;
  let bytes = 0;
  for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.yaml') || file.endsWith('kustomization.yaml') || /(^|\/)(argocd|flux)\//.test(file)) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const documents = text.split(/^---\n/m).filter((d) => d.length > 0);
    objects += documents.length;
    bytes += documents.reduce((sum, d) => sum + Buffer.byteLength(d), 0);
  }
  return { objects, bytes };
}

/**
 * A fleet of `clusters` clusters of `vms / clusters` VMs each, one folder per cluster: ours
 * through `Fleet` (a GitOpsApp per cluster, with its Argo CD and Flux objects, an objects.yaml
 * per folder); the baseline as a cdk8s user without this library writes it, an App per cluster
 * of raw ApiObjects with the same annotations, written as cdk8s writes by default (a file per chart).
 */
function fleet(scenario: Scenario, vms: number, clusters: number): Measurement {
  const dir = outdir(scenario, vms);
  const perCluster = vms / clusters;
  const names = Array.from({ length: clusters }, (_, i) => `cluster-${i}`);
  // Each side's library is loaded before the clock starts, as cdk8s is for both.
  const ours = scenario === 'fleet-ours' ? library() : undefined;
  const started = now();
  if (ours) {
    new ours.Fleet({
      outdir: dir,
      clusters: names.map((name) => ({ name, platform: ours.VirtualizationPlatform.OPENSHIFT })),
      build: (_, app) => buildFleet(perCluster, app),
      argoCd: { repoURL: 'https://git.example.com/fleet.git', path: 'fleet' },
      flux: { path: 'fleet' },
    }).synth();
  } else {
    for (const cluster of names) buildRawFleet(perCluster, new App({ outdir: path.join(dir, 'clusters', cluster) }), { cluster }).synth();
  }
  const millis = now() - started;
  const peak = peakRssMib();
  const cache = ours ? codeCache().codeCacheUse() : undefined;
  const { objects, bytes } = writtenObjects(path.join(dir, 'clusters'));
  fs.rmSync(dir, { recursive: true, force: true });
  return { scenario, vms, clusters, objects, millis, peakRssMib: peak, bytes, codeCache: cache };
}

/** `validateObjects` on the rendered fleet, schemas compiled first (once per process, as in a synth). */
function validation(vms: number): Measurement {
  const { validateObjects } = library();
  const { allObjects, synthesizeApp } = synthesis();
  const objects = allObjects(synthesizeApp(buildFleet(vms, new App({ outdir: outdir('validation', vms) }))));
  validateObjects(objects.slice(0, 10));
  const started = now();
  const report = validateObjects(objects);
  const millis = now() - started;
  if (!report.valid) throw new Error(`the fleet should be valid: ${report.errors[0].message}`);
  return { scenario: 'validation', vms, objects: objects.length, millis, peakRssMib: peakRssMib() };
}

/** The fleet of `vms` VMs as one YAML file (written by a synth, outside the clock), and its object count. */
function fleetFile(scenario: string, vms: number): { file: string; objects: number } {
  const dir = outdir(scenario, vms);
  buildFleet(vms, new App({ outdir: dir })).synth();
  const file = path.join(dir, 'fleet.k8s.yaml');
  return { file, objects: fs.readFileSync(file, 'utf8').split('\n---\n').length };
}

/** `kubevirt-constructs validate <file>` as a user runs it: a process of its own, start-up included. */
function validateProcess(vms: number): Measurement {
  const { file, objects } = fleetFile('cli-validate-process', vms);
  const started = now();
  execFileSync(process.execPath, [...cliEntry(), 'validate', file], { stdio: 'ignore' });
  const millis = now() - started;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { scenario: 'cli-validate-process', vms, objects, millis, peakRssMib: peakRssMib() };
}

/** `validate <file>` in this process: reading, parsing, validating and printing the report. */
async function validateFile(vms: number): Promise<Measurement> {
  const { file, objects } = fleetFile('cli-validate-file', vms);
  const { main: runCli } = cli();
  const sink = { write: () => true };
  const started = now();
  const code = await runCli(['validate', file], { stdout: sink, stderr: { ...sink, isTTY: false } });
  const millis = now() - started;
  if (code !== 0) throw new Error(`validate exited ${code} on the fleet`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { scenario: 'cli-validate-file', vms, objects, millis, peakRssMib: peakRssMib() };
}

/** The first `validateObjects` of a process on a small app's objects: what its synth spends validating. */
function validationCold(vms: number): Measurement {
  const { AppValidation, validateObjects } = library();
  const { allObjects, synthesizeApp } = synthesis();
  const app = new App({ outdir: outdir('validation-cold', vms) });
  AppValidation.of(app).configure({ enabled: false });
  const objects = allObjects(synthesizeApp(buildFleet(vms, app)));
  const started = now();
  const report = validateObjects(objects);
  const millis = now() - started;
  if (!report.valid) throw new Error(`the app should be valid: ${report.errors[0].message}`);
  return { scenario: 'validation-cold', vms, objects: objects.length, millis, peakRssMib: peakRssMib() };
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
  const { ChartDeployment, resourceNameOf } = chartDeployment();
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
    // The objects ChartDeployment registers: the VMs' DataVolume templates as DataVolumes of their own, the namespace.
    const rendered = deploymentPlan().planDeployment({ chart: app, splitTemplates: true }).entries.map((entry) => entry.object);
    objects = rendered.length;
    started = now();
    const urns = rendered.map((object) => new k8s.apiextensions.CustomResource(resourceNameOf(object), object as pulumiType.Unwrap<any>).urn);
    await settled(pulumi.all(urns));
  }
  return { scenario, vms, objects, millis: now() - started, peakRssMib: peakRssMib() };
}

async function main(): Promise<void> {
  const [scenario, count, clusterCount] = process.argv.slice(2);
  const vms = Number(count);
  const clusters = Number(clusterCount ?? 1);
  const known = [...SCENARIOS, ...FLEET_SCENARIOS, ...CLI_SCENARIOS] as string[];
  if (!known.includes(scenario) || !Number.isInteger(vms) || vms < 1 || !Number.isInteger(clusters) || clusters < 1 || vms % clusters !== 0) {
    throw new Error(`usage: scenarios.ts <${known.join('|')}> <VMs> [clusters dividing VMs]`);
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
    case 'fleet-ours':
    case 'fleet-baseline':
      measurement = fleet(scenario as Scenario, vms, clusters);
      break;
    case 'cli-validate-process':
      measurement = validateProcess(vms);
      break;
    case 'cli-validate-file':
      measurement = await validateFile(vms);
      break;
    case 'validation-cold':
      measurement = validationCold(vms);
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
