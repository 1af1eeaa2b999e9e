import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { gateList } from './kubevirt';
import { NodePlacement, renderNodePlacement } from './node-placement';
import { OperatorManifests, checkOperatorManifests } from './operator-manifests';
import * as cdi from '../../imports/cdi.kubevirt.io';
import { withoutNamespace } from '../common/cluster-scoped';
import { assertPropsObject, constructError, show } from '../common/errors';
import { dnsSubdomainProblem } from '../common/names';
import { compact } from '../common/objects';
import { urlProtocol } from '../common/url';
import { KubeResource } from '../core/kube-resource';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';
import { withdrawRefused } from '../network/refused-construct';

/** Space CDI leaves free on Filesystem volumes for the filesystem itself (0 to 1). */
export interface FilesystemOverhead {
  /** @default - CDI's default (0.055, i.e. 5.5%) */
  readonly global?: number;
  /** Per storage class, by name. @default - none */
  readonly storageClasses?: Record<string, number>;
}

/** Properties of `Cdi`. */
export interface CdiProps {
  /**
   * The operator's release manifest (`cdi-operator.yaml`), included in the output.
   * @default - none: the operator is installed some other way
   */
  readonly operatorManifests?: OperatorManifests;
  /** Storage class for scratch space during imports. @default - the default class */
  readonly scratchSpaceStorageClass?: string;
  /**
   * The URL `virtctl image-upload` reaches the upload proxy at, e.g. an Ingress or Route.
   * @default - none (virtctl must be given --uploadproxy-url)
   */
  readonly uploadProxyUrl?: string;
  /** @default - CDI's default (5.5%) */
  readonly filesystemOverhead?: FilesystemOverhead;
  /** CDI feature gates, e.g. `["HonorWaitForFirstConsumer"]`. @default - none */
  readonly featureGates?: string[];
  /** Where CDI's control plane runs. @default - any node */
  readonly infra?: NodePlacement;
}

/**
 * The Containerized Data Importer's `CDI` CR (`cdi.kubevirt.io/v1beta1`, cluster-scoped, named
 * "cdi") and, optionally, the operator's release manifests.
 *
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/cdi-config.md
 */
export class Cdi extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'cdis';
  /** The CDI CR. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: CdiProps = {}) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'CdiProps', '{ featureGates: ["HonorWaitForFirstConsumer"] }');
      const errorFor = (problem: string) => constructError(this, problem);
      const operatorManifests = props.operatorManifests === undefined ? undefined : checkOperatorManifests(this, 'operatorManifests', props.operatorManifests, {
        crd: 'cdis.cdi.kubevirt.io', releaseFile: 'cdi-operator.yaml', crFile: 'cdi-cr.yaml', release: 'CDI',
      });
      const spec = cdiSpec(props, errorFor);

      operatorManifests?._addTo(new Construct(this, 'Operator'));
      this.apiObject = withoutNamespace(new ApiObject(this, 'Resource', {
        ...cdi.Cdi.GVK,
        metadata: { name: 'cdi' },
        spec,
      }));
      setDeploymentPhase(this, DeploymentPhase.CLUSTER);
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one.
      withdrawRefused(scope, id, this);
      throw error;
    }
  }
}

/** Checks the props of a CDI CR and returns its `spec`, or throws `errorFor(problem)`. */
function cdiSpec(props: CdiProps, errorFor: (problem: string) => Error): Record<string, unknown> {
  const scratch = props.scratchSpaceStorageClass;
  const scratchProblem = scratch === undefined ? undefined : dnsSubdomainProblem(scratch);
  if (scratchProblem) throw errorFor(`scratchSpaceStorageClass ${show(scratch)} ${scratchProblem}`);
  if (props.uploadProxyUrl !== undefined) {
    if (urlProtocol(props.uploadProxyUrl) !== 'https:') {
      throw errorFor(`uploadProxyUrl ${show(props.uploadProxyUrl)} is not an https URL: give the address virtctl reaches the upload proxy at, e.g. "https://cdi-uploadproxy.apps.example.com"`);
    }
  }
  return compact({
    config: compact({
      scratchSpaceStorageClass: scratch,
      uploadProxyURLOverride: props.uploadProxyUrl,
      filesystemOverhead: props.filesystemOverhead ? renderFilesystemOverhead(props.filesystemOverhead, errorFor) : undefined,
      featureGates: gateList('featureGates', props.featureGates, errorFor),
    }),
    infra: props.infra ? renderNodePlacement('infra', props.infra, errorFor) : undefined,
  }) ?? {};
}

/** Checks and renders `filesystemOverhead` (fractions as CDI's decimal strings). */
function renderFilesystemOverhead(overhead: FilesystemOverhead, errorFor: (problem: string) => Error): Record<string, unknown> | undefined {
  const fraction = (field: string, value: number): string => {
    if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
      throw errorFor(`${field} ${show(value)} must be a fraction from 0 up to (not including) 1, e.g. 0.055 for 5.5%`);
    }
    // CDI's schema wants a decimal string with at most 3 decimals.
    return String(Math.round(value * 1000) / 1000);
  };
  const storageClass = overhead.storageClasses ? Object.fromEntries(Object.entries(overhead.storageClasses).map(([name, value]) => {
    const problem = dnsSubdomainProblem(name);
    if (problem) throw errorFor(`filesystemOverhead.storageClasses: ${show(name)} ${problem}`);
    return [name, fraction(`filesystemOverhead.storageClasses[${show(name)}]`, value)];
  })) : undefined;
  return compact({ global: overhead.global === undefined ? undefined : fraction('filesystemOverhead.global', overhead.global), storageClass });
}
