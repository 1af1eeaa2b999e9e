/**
 * The library the bench measures: the compiled package (`lib/`, what users install, with its
 * precompiled schema validators), or the TypeScript sources with `BENCH_LIBRARY=src` (the bench's
 * own test, which runs without a build). Modules are loaded on first use, so the baseline's
 * process loads none of them.
 */
import * as fs from 'fs';
import * as path from 'path';

type Library = typeof import('../src');
type Synthesis = typeof import('../src/synth/app-synthesis');
type ChartDeploymentModule = typeof import('../src/pulumi/chart-deployment');
type FirmwareIdentityModule = typeof import('../src/compute/firmware-identity');
type DeploymentPlanModule = typeof import('../src/pulumi/deployment-plan');

const ROOT = path.join(__dirname, '..', process.env.BENCH_LIBRARY === 'src' ? 'src' : path.join('lib', 'src'));

function load<T>(module: string): T {
  if (process.env.BENCH_LIBRARY !== 'src' && !fs.existsSync(path.join(ROOT, 'index.js'))) {
    throw new Error('bench: lib/ is not built: run `npx projen compile` (npm run bench does), or set BENCH_LIBRARY=src');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, module)) as T;
}

export const library = (): Library => load<Library>('index');
export const synthesis = (): Synthesis => load<Synthesis>(path.join('synth', 'app-synthesis'));
export const chartDeployment = (): ChartDeploymentModule => load<ChartDeploymentModule>(path.join('pulumi', 'chart-deployment'));
export const deploymentPlan = (): DeploymentPlanModule => load<DeploymentPlanModule>(path.join('pulumi', 'deployment-plan'));
export const firmwareIdentity = (): FirmwareIdentityModule => load<FirmwareIdentityModule>(path.join('compute', 'firmware-identity'));
