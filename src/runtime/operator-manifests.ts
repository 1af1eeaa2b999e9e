import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { withoutNamespace } from '../common/cluster-scoped';
import { show } from '../common/errors';
import { DeploymentPhase, setDeploymentPhase } from '../gitops/deployment-phase';

/** A Kubernetes object as parsed from YAML. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/**
 * An operator's release manifests (e.g. `kubevirt-operator.yaml` of kubevirt/kubevirt, or
 * `cdi-operator.yaml` of kubevirt/containerized-data-importer), included in the output as they
 * are. They are read from a local file or given as objects, because air-gapped clusters install
 * from mirrored files; nothing is downloaded at synth time.
 */
export class OperatorManifests {
  /** Reads a multi-document YAML file. */
  public static fromFile(file: string): OperatorManifests {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`OperatorManifests.fromFile: cannot read ${show(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): download the release manifest once (e.g. kubevirt-operator.yaml from the KubeVirt release page) and pass its path`);
    }
    const objects = parseAllDocuments(text).map((doc, i) => {
      if (doc.errors.length > 0) throw new Error(`OperatorManifests.fromFile: ${show(file)} document ${i}: ${doc.errors[0].message.split('\n')[0].replace(/:$/, '')}`);
      return doc.toJS();
    });
    return OperatorManifests.check(`OperatorManifests.fromFile: ${show(file)}`, objects);
  }

  /** Objects already parsed (from a package, another tool, a test). */
  public static fromObjects(objects: unknown[]): OperatorManifests {
    return OperatorManifests.check('OperatorManifests.fromObjects', objects);
  }

  private static check(where: string, documents: unknown[]): OperatorManifests {
    const objects = documents.filter((d) => d !== null && d !== undefined) as ManifestObject[];
    objects.forEach((obj, i) => {
      const name = (obj as { metadata?: { name?: unknown } })?.metadata?.name;
      if (typeof obj !== 'object' || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof name !== 'string') {
        throw new Error(`${where}: object ${i} is not a Kubernetes object (it needs apiVersion, kind and metadata.name)`);
      }
    });
    if (objects.length === 0) throw new Error(`${where}: no objects: pass the operator's release manifest`);
    return new OperatorManifests(JSON.parse(JSON.stringify(objects)));
  }

  private constructor(private readonly objects: ManifestObject[]) {}

  /** The objects, in file order. */
  public get items(): ManifestObject[] {
    return structuredClone(this.objects);
  }

  /** Whether the manifests define the CRD `name` (e.g. "kubevirts.kubevirt.io"). */
  public definesCrd(name: string): boolean {
    return this.objects.some((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === name);
  }

  /**
   * Adds the objects under `scope`, in the operators' deployment phase. An object without a
   * namespace is written without one (the chart's default namespace is not applied).
   * @internal
   */
  public _addTo(scope: Construct): void {
    setDeploymentPhase(scope, DeploymentPhase.OPERATORS);
    this.objects.forEach((obj, i) => {
      const apiObject = new ApiObject(scope, `${i}-${obj.kind}-${obj.metadata.name}`, structuredClone(obj) as never);
      if (obj.metadata.namespace === undefined) withoutNamespace(apiObject);
    });
  }
}

/**
 * Checks that `manifests` are an operator's release manifests (they define `crd`) and adds them
 * under `scope`, or throws `errorFor(problem)`; `releaseFile` and `crFile` name the right and the
 * usual wrong release asset for the message.
 */
export function includeOperatorManifests(
  scope: Construct,
  manifests: OperatorManifests,
  expected: { crd: string; releaseFile: string; crFile: string; release: string },
  errorFor: (problem: string) => Error,
): void {
  if (!(manifests instanceof OperatorManifests)) throw errorFor('operatorManifests must be OperatorManifests.fromFile(...) or .fromObjects(...)');
  if (!manifests.definesCrd(expected.crd)) {
    throw errorFor(`operatorManifests do not define the CRD ${expected.crd}: pass ${expected.releaseFile} from the ${expected.release} release (not ${expected.crFile})`);
  }
  manifests._addTo(new Construct(scope, 'Operator'));
}
