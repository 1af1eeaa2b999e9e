/**
 * How fast `validateObjects` checks a fleet of rdqm-shaped VMs (schemas plus cross-object rules,
 * live-migration readiness included). Prints a markdown table; the target is under 2 s for
 * 10,000 VMs. Run with `npm run bench`.
 */
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildFleet } from './fleet';
import { AppValidation, validateObjects } from '../src';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);

function main(): void {
  const rows: string[] = [];
  for (const count of SIZES) {
    const app = buildFleet(count, new App({ outdir: path.join(os.tmpdir(), 'kvc-bench') }));
    const { objects } = AppValidation.of(app).render();
    // The first call compiles the schemas (once per process); time a warm run like synth's.
    if (rows.length === 0) validateObjects(objects.slice(0, 10));
    const started = process.hrtime.bigint();
    const report = validateObjects(objects);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    if (!report.valid) throw new Error(`the fleet should be valid: ${report.errors[0].message}`);
    rows.push(`| ${count.toLocaleString('en-US')} | ${objects.length.toLocaleString('en-US')} | ${millis.toFixed(0)} | ${Math.round(objects.length / (millis / 1000)).toLocaleString('en-US')} |`);
  }
  console.log(`validateObjects on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`);
  console.log('| VMs | objects | validation (ms) | objects/s |');
  console.log('|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

main();
