/**
 * The library the bench measures: the compiled package (`lib/`, what users install, with its
 * precompiled schema validators), or the TypeScript sources with `BENCH_LIBRARY=src`, which is
 * also the default under jest (tests run without a build). Modules are loaded on first use, so
 * the baseline's process loads none of them.
 */
import * as fs from 'fs';
import * as path from 'path';

type Library = typeof import('../src');
type Synthesis = typeof import('../src/synth/app-synthesis');
type ChartDeploymentModule = typeof import('../src/pulumi/chart-deployment');
type FirmwareIdentityModule = typeof import('../src/compute/firmware-identity');
type DeploymentPlanModule = typeof import('../src/pulumi/deployment-plan');
type CliModule = typeof import('../src/cli/main');
type CodeCacheModule = typeof import('../src/validation/code-cache');

/** Whether the sources are measured (read at each load: a test sets it after importing). */
function fromSources(): boolean {
  const choice = process.env.BENCH_LIBRARY;
  return choice === 'src' || (choice === undefined && process.env.JEST_WORKER_ID !== undefined);
}

/** The folder the library is loaded from: the sources, or the compiled package (which must be built). */
function libraryRoot(): string {
  const root = path.join(__dirname, '..', fromSources() ? 'src' : path.join('lib', 'src'));
  if (!fromSources() && !fs.existsSync(path.join(root, 'index.js'))) {
    throw new Error('bench: lib/ is not built: run `npx projen compile` (npm run bench does), or set BENCH_LIBRARY=src');
  }
  return root;
}

function load<T>(module: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(libraryRoot(), module)) as T;
}

export const library = (): Library => load<Library>('index');
export const synthesis = (): Synthesis => load<Synthesis>(path.join('synth', 'app-synthesis'));
export const chartDeployment = (): ChartDeploymentModule => load<ChartDeploymentModule>(path.join('pulumi', 'chart-deployment'));
export const deploymentPlan = (): DeploymentPlanModule => load<DeploymentPlanModule>(path.join('pulumi', 'deployment-plan'));
export const cli = (): CliModule => load<CliModule>(path.join('cli', 'main'));
export const codeCache = (): CodeCacheModule => load<CodeCacheModule>(path.join('validation', 'code-cache'));

/** Node's arguments that run the CLI as its bin does: the compiled entry, or the sources through ts-node. */
export function cliEntry(): string[] {
  const main = path.join(libraryRoot(), 'cli', fromSources() ? 'main.ts' : 'main.js');
  return fromSources() ? ['-r', 'ts-node/register/transpile-only', main] : [main];
}

export const firmwareIdentity = (): FirmwareIdentityModule => load<FirmwareIdentityModule>(path.join('compute', 'firmware-identity'));
