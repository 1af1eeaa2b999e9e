import * as fs from 'fs';
import * as path from 'path';
import { AppProps, Chart } from 'cdk8s';
import { SyncWaveOptions, addSyncWaves } from './sync-waves';
import { show } from '../common/errors';
import { synthesizeApp } from '../synth/app-synthesis';
import { VirtualizationApp } from '../synth/virtualization-app';
import { stringifyYamlDocument } from '../synth/yaml-writer';

/** Properties of `GitOpsApp`. */
export interface GitOpsAppProps extends AppProps {
  /**
   * Argo CD sync waves and dry-run skipping (see `addSyncWaves`); `false` leaves them out.
   * @default - the default waves
   */
  readonly syncWaves?: SyncWaveOptions | false;
}

/**
 * A cdk8s App that writes a repository layout GitOps controllers read as is: one folder per
 * chart, one file per object (`<kind>-<name>.yaml`, plus the namespace when names repeat), a
 * `kustomization.yaml` in each folder and one at the top listing the folders. Point an Argo CD
 * Application or a Flux Kustomization at the top folder, or at one chart's folder.
 *
 * `cdk8s synth` runs it like any app; the output goes to the app's outdir (`dist/`, or
 * `CDK8S_OUTDIR`). A chart's folder is emptied before it is written, so deleted objects do not linger.
 */
export class GitOpsApp extends VirtualizationApp {
  private readonly syncWaves: SyncWaveOptions | false;

  public constructor(props: GitOpsAppProps = {}) {
    super(props);
    this.syncWaves = props.syncWaves ?? {};
  }

  /** Validates every construct, then writes the layout. */
  public synth(): void {
    if (this.syncWaves !== false) addSyncWaves(this, this.syncWaves);
    const synthesized = synthesizeApp(this);
    const folders: string[] = [];
    for (const { chart, objects: rendered } of synthesized.charts) {
      const folder = chartFolder(chart);
      if (folders.includes(folder)) throw new Error(`GitOpsApp: two charts would write the folder ${show(folder)}: give the charts distinct ids`);
      folders.push(folder);
      const dir = path.join(this.outdir, folder);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const objects = rendered.map((o) => o.json);
      const files = fileNames(objects);
      objects.forEach((obj, i) => fs.writeFileSync(path.join(dir, files[i]), stringifyYamlDocument(obj)));
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization(files));
    }
    fs.writeFileSync(path.join(this.outdir, 'kustomization.yaml'), kustomization(folders));
  }
}

function chartFolder(chart: Chart): string {
  return chart.node.path.replace(/\//g, '-').replace(/[^A-Za-z0-9._-]/g, '').toLowerCase() || 'chart';
}

/** `<kind>-<name>.yaml`, with the namespace where that repeats, and a counter as a last resort. */
function fileNames(objects: any[]): string[] {
  const base = (obj: any, withNamespace: boolean) => [obj.kind, withNamespace ? obj.metadata?.namespace : undefined, obj.metadata?.name]
    .filter((part) => part !== undefined && part !== '')
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-');
  const simple = objects.map((o) => base(o, false));
  const names = objects.map((o, i) => (simple.indexOf(simple[i]) !== simple.lastIndexOf(simple[i]) ? base(o, true) : simple[i]));
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return `${count === 1 ? name : `${name}-${count}`}.yaml`;
  });
}

function kustomization(resources: string[]): string {
  return stringifyYamlDocument({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}
