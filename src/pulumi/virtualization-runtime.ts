import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ApiObject, Chart } from 'cdk8s';
import { ChartDeployment, PULUMI_WAIT_FOR, inMemoryApp } from './chart-deployment';
import { asResourceError } from './resource-error';
import { show } from '../common/errors';
import { Cdi } from '../runtime/cdi';
import { KubeVirt } from '../runtime/kubevirt';
import { OpenShiftVirtualization } from '../runtime/openshift-virtualization';
import { OperatorManifests } from '../runtime/operator-manifests';

/** Arguments of `VirtualizationRuntime` (flat, so every Pulumi language can pass them). */
export interface VirtualizationRuntimeArgs {
  /** `"openshift"` (OpenShift Virtualization through OLM) or `"kubevirt"` (upstream KubeVirt and CDI). */
  mode: string;
  /**
   * Software emulation for nodes without hardware virtualization (/dev/kvm).
   * @default false
   */
  emulation?: boolean;
  /**
   * openshift: the OLM channel.
   * @default "stable"
   */
  channel?: string;
  /**
   * openshift: the catalog.
   * @default "redhat-operators"
   */
  source?: string;
  /**
   * openshift: pin the operator version, e.g. "kubevirt-hyperconverged-operator.v4.18.3".
   * @default - the channel's latest
   */
  startingCsv?: string;
  /**
   * kubevirt: the KubeVirt release, e.g. "v1.6.2"; its `kubevirt-operator.yaml` release asset is
   * fetched by the Kubernetes provider during `pulumi up`.
   * @default - required in kubevirt mode unless kubevirtOperatorManifest is given
   */
  kubevirtVersion?: string;
  /**
   * kubevirt: the CDI release, e.g. "v1.62.0" (`cdi-operator.yaml` of containerized-data-importer).
   * @default - required in kubevirt mode unless cdiOperatorManifest is given
   */
  cdiVersion?: string;
  /**
   * kubevirt: a local file (air-gapped clusters) or URL with the KubeVirt operator manifest.
   * @default - the release asset of kubevirtVersion
   */
  kubevirtOperatorManifest?: string;
  /**
   * kubevirt: a local file or URL with the CDI operator manifest.
   * @default - the release asset of cdiVersion
   */
  cdiOperatorManifest?: string;
}

/** The release asset URLs upstream publishes for each version. */
export function kubevirtOperatorUrl(version: string): string {
  return `https://github.com/kubevirt/kubevirt/releases/download/${version}/kubevirt-operator.yaml`;
}
export function cdiOperatorUrl(version: string): string {
  return `https://github.com/kubevirt/containerized-data-importer/releases/download/${version}/cdi-operator.yaml`;
}

const VERSION = /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function isUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/** Where an operator manifest comes from: fetched by the provider (URL) or read here (file). */
function manifestSource(
  field: string, explicit: string | undefined, versionField: string, version: string | undefined, url: (v: string) => string,
): { url?: string; file?: string } {
  if (explicit !== undefined) {
    if (typeof explicit !== 'string' || explicit.trim() === '') throw new Error(`VirtualizationRuntime: ${field} must be a file path or an https URL`);
    return isUrl(explicit) ? { url: explicit } : { file: explicit };
  }
  if (version === undefined) {
    throw new Error(`VirtualizationRuntime: mode "kubevirt" needs ${versionField} (e.g. "v1.6.2") or ${field} (a local file or URL)`);
  }
  if (!VERSION.test(version)) throw new Error(`VirtualizationRuntime: ${versionField} ${show(version)} is not a release tag: write it like "v1.6.2"`);
  return { url: url(version) };
}

/** The KubeVirt and CDI CRs (with the operator manifests read here, when they are local files) and where the manifests come from. */
function declareKubeVirt(chart: Chart, args: VirtualizationRuntimeArgs) {
  const kubevirtSource = manifestSource('kubevirtOperatorManifest', args.kubevirtOperatorManifest, 'kubevirtVersion', args.kubevirtVersion, kubevirtOperatorUrl);
  const cdiSource = manifestSource('cdiOperatorManifest', args.cdiOperatorManifest, 'cdiVersion', args.cdiVersion, cdiOperatorUrl);
  const kubevirt = new KubeVirt(chart, 'kubevirt', {
    emulation: args.emulation,
    operatorManifests: kubevirtSource.file !== undefined ? OperatorManifests.fromFile(kubevirtSource.file) : undefined,
  });
  const cdi = new Cdi(chart, 'cdi', {
    operatorManifests: cdiSource.file !== undefined ? OperatorManifests.fromFile(cdiSource.file) : undefined,
  });
  return { kubevirt, cdi, kubevirtSource, cdiSource };
}

/**
 * Installs the virtualization runtime with `pulumi up`, rendered by the same cdk8s constructs as
 * the GitOps output, and waits until it is ready: resources that `dependsOn` this component are
 * created only after the operator runs and its CRs report `Available`.
 *
 * - `openshift`: Namespace `openshift-cnv`, OperatorGroup, Subscription (waits for the installed
 *   CSV), then HyperConverged (waits for `condition=Available`).
 * - `kubevirt`: the KubeVirt and CDI operator manifests (release assets fetched by the Kubernetes
 *   provider, or local files read here), then the KubeVirt and CDI CRs (waiting for `Available`).
 */
export class VirtualizationRuntime extends pulumi.ComponentResource {
  /** The URNs of the deployed objects by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;

  public constructor(name: string, args: VirtualizationRuntimeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:VirtualizationRuntime', name, {}, opts);
    if (args.emulation !== undefined && typeof args.emulation !== 'boolean') {
      throw new pulumi.ResourceError(`VirtualizationRuntime: emulation ${show(args.emulation)} must be true or false`, this);
    }
    const app = inMemoryApp();
    const chart = new Chart(app, name);
    // Fields of a multi-language component are its outputs and must be Outputs: these stay local.
    let deployment: ChartDeployment;
    const operatorManifests: k8s.yaml.v2.ConfigFile[] = [];
    const waitFor = (object: ApiObject | undefined, condition: string) => object?.metadata.addAnnotation(PULUMI_WAIT_FOR, condition);

    if (args.mode === 'openshift') {
      const runtime = asResourceError(this, () => new OpenShiftVirtualization(chart, 'runtime', {
        emulation: args.emulation,
        subscription: { channel: args.channel, source: args.source, startingCSV: args.startingCsv },
      }));
      // OLM creates the HyperConverged CRD when it installs the CSV.
      waitFor(runtime.subscription, 'jsonpath={.status.installedCSV}');
      waitFor(runtime.hyperConverged.apiObject, 'condition=Available');
      deployment = new ChartDeployment(`${name}-objects`, { chart: app, createNamespaces: false }, { parent: this });
    } else if (args.mode === 'kubevirt') {
      const { kubevirt, cdi, kubevirtSource, cdiSource } = asResourceError(this, () => declareKubeVirt(chart, args));
      waitFor(kubevirt.apiObject, 'condition=Available');
      waitFor(cdi.apiObject, 'condition=Available');
      // Release assets are fetched by the provider at `pulumi up` (yaml/v2 runs server-side), and
      // depending on the component waits for every object in it.
      for (const [id, source] of [['kubevirt-operator', kubevirtSource], ['cdi-operator', cdiSource]] as const) {
        if (source.url !== undefined) {
          operatorManifests.push(new k8s.yaml.v2.ConfigFile(`${name}-${id}`, { file: source.url }, { parent: this }));
        }
      }
      // The release manifests create the namespaces of the KubeVirt and CDI CRs.
      deployment = new ChartDeployment(`${name}-objects`, { chart: app, createNamespaces: false }, { parent: this, dependsOn: operatorManifests });
    } else {
      throw new pulumi.ResourceError(`VirtualizationRuntime: mode ${show(args.mode)} is not one of "openshift", "kubevirt"`, this);
    }
    this.urns = deployment.urns;
    this.registerOutputs({ urns: this.urns });
  }
}
