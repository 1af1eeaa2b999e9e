import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { GitOpsApp, VirtualizationApp } from '../../src';
import { AppValidation } from '../../src/validation/app-validation';

const WIDGET_WARNING = '[first/widget] warning: Widget gadgets/w (root): no schema for example.com/v1 Widget: it is not a kind this package knows, so it cannot be checked';

/** An app with two charts, one of them holding an object of a kind with no schema (a warning). */
function twoCharts<T extends App>(app: T): { app: T; warnings: string[] } {
  const warnings: string[] = [];
  AppValidation.of(app).configure({ onWarnings: (lines) => warnings.push(...lines) });
  const first = new Chart(app, 'first', { namespace: 'gadgets' });
  new ApiObject(first, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
  const second = new Chart(app, 'second', { namespace: 'gadgets' });
  new ApiObject(second, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } } as any);
  return { app, warnings };
}

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'warnings-'));
}

/** Lets the current job end: what a program does between two syntheses. */
const nextJob = () => new Promise((resolve) => setImmediate(resolve));

describe('each warning is reported once per synthesis (cdk8s validates the app again for every chart)', () => {
  test.each([
    ['cdk8s App', () => new App({ outdir: outdir() })],
    ['VirtualizationApp', () => new VirtualizationApp({ outdir: outdir() })],
    ['GitOpsApp', () => new GitOpsApp({ outdir: outdir() })],
  ] as const)('%s: synth() and synthYaml() each report the warning once', async (_name, create) => {
    const { app, warnings } = twoCharts(create());
    app.synth();
    expect(warnings).toEqual([WIDGET_WARNING]);
    await nextJob();
    app.synthYaml();
    expect(warnings).toEqual([WIDGET_WARNING, WIDGET_WARNING]);
  });

  test('a VirtualizationApp reports again in a second synth in the same job', () => {
    const { app, warnings } = twoCharts(new VirtualizationApp({ outdir: outdir() }));
    app.synthYaml();
    app.synthYaml();
    expect(warnings).toEqual([WIDGET_WARNING, WIDGET_WARNING]);
  });

  test('distinct warnings are all reported, each once', () => {
    const { app, warnings } = twoCharts(new App({ outdir: outdir() }));
    new ApiObject(app.node.findChild('second') as Chart, 'gizmo', { apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'g' } });
    app.synthYaml();
    expect(warnings).toEqual([
      WIDGET_WARNING,
      '[second/gizmo] warning: Gizmo gadgets/g (root): no schema for example.com/v1 Gizmo: it is not a kind this package knows, so it cannot be checked',
    ]);
  });
});
