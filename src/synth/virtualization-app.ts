import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, Names, YamlOutputType } from 'cdk8s';
import { allObjects, synthesizeApp } from './app-synthesis';
import { resourceFileNames } from './resource-file-names';
import { stringifyYamlDocuments, writeYamlDocuments } from './yaml-writer';
import { checkedAppProps } from '../common/errors';

/**
 * A cdk8s `App` whose `synth()` writes the same files, byte for byte, as cdk8s' App, in less time:
 * every object is rendered once and validated once (cdk8s renders and validates again for each
 * chart), and the YAML is written by a faster writer that produces cdk8s' bytes.
 *
 * Use it in place of `new App()`; every `AppProps` works, every `YamlOutputType` is written as
 * cdk8s writes it, and `cdk8s synth` runs it as any app.
 */
export class VirtualizationApp extends App {
  private readonly recordsMetadata: boolean;

  public constructor(props: AppProps = {}) {
    super(checkedAppProps(props, 'VirtualizationApp', 'AppProps'));
    this.recordsMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  /** Validates every construct, then writes the manifests to `outdir` as cdk8s' `App.synth` does. */
  public synth(): void {
    fs.mkdirSync(this.outdir, { recursive: true });
    const synthesized = synthesizeApp(this);
    const indexed = (name: string, i: number) => (synthesized.hasDependantCharts ? `${String(i).padStart(4, '0')}-${name}` : name);
    switch (this.yamlOutputType) {
      case YamlOutputType.FILE_PER_APP:
        if (synthesized.charts.length > 0) writeYamlDocuments(path.join(this.outdir, `app${this.outputFileExtension}`), allObjects(synthesized));
        break;
      case YamlOutputType.FILE_PER_CHART:
        synthesized.charts.forEach(({ chart, objects }, i) => {
          writeYamlDocuments(path.join(this.outdir, indexed(Names.toDnsLabel(chart), i) + this.outputFileExtension), objects.map((o) => o.json));
        });
        break;
      case YamlOutputType.FILE_PER_RESOURCE:
        this.writeFilePerResource(this.outdir, allObjects(synthesized));
        break;
      case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE:
        synthesized.charts.forEach(({ chart, objects }, i) => {
          const folder = path.join(this.outdir, indexed(Names.toDnsLabel(chart), i));
          fs.mkdirSync(folder, { recursive: true });
          this.writeFilePerResource(folder, objects.map((o) => o.json));
        });
        break;
      default:
        break;
    }
    if (this.recordsMetadata) {
      const resources: Record<string, { path: string }> = {};
      for (const { objects } of synthesized.charts) {
        for (const { construct } of objects) resources[construct.name] = { path: construct.node.path };
      }
      fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
    }
  }

  /** One file per object in `folder`, named as cdk8s names it unless two objects would share a file. */
  private writeFilePerResource(folder: string, objects: any[]): void {
    const names = resourceFileNames(objects, this.outputFileExtension);
    objects.forEach((object, i) => writeYamlDocuments(path.join(folder, names[i]), [object]));
  }

  /** The app as one YAML string, as cdk8s' `App.synthYaml` returns it. */
  public synthYaml(): string {
    return stringifyYamlDocuments(allObjects(synthesizeApp(this)));
  }
}
