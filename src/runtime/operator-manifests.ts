import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { withoutNamespace } from '../common/cluster-scoped';
import { FactoryValue, assertFactoryValue, constructError, show } from '../common/errors';
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
 *
 * A file that cannot be read or parsed is reported by the construct it is given to (`KubeVirt`,
 * `Cdi`), with that construct's path.
 */
export class OperatorManifests extends FactoryValue {
  /** Reads a multi-document YAML file. */
  public static fromFile(file: string): OperatorManifests {
    const factory = 'OperatorManifests.fromFile';
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return OperatorManifests.failed(factory, `cannot read ${show(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): download the release manifest once (e.g. kubevirt-operator.yaml from the KubeVirt release page) and pass its path`);
    }
    const documents = parseAllDocuments(text);
    const broken = documents.findIndex((doc) => doc.errors.length > 0);
    if (broken >= 0) {
      return OperatorManifests.failed(factory, `${show(file)} document ${broken}: ${documents[broken].errors[0].message.split('\n')[0].replace(/:$/, '')}`);
    }
    return new OperatorManifests(factory, `${show(file)}: `, documents.map((doc) => doc.toJS()));
  }

  /** Objects already parsed (from a package, another tool, a test). */
  public static fromObjects(objects: unknown[]): OperatorManifests {
    return new OperatorManifests('OperatorManifests.fromObjects', '', objects);
  }

  /** Manifests that could not be read: no objects, and the problem for the construct to report. */
  private static failed(factory: string, problem: string): OperatorManifests {
    return new OperatorManifests(factory, '', [], problem);
  }

  private readonly objects: ManifestObject[];

  private constructor(factory: string, where: string, documents: unknown[], problem?: string) {
    super();
    const objects = (Array.isArray(documents) ? documents : []).filter((d) => d !== null && d !== undefined) as ManifestObject[];
    const bad = objects.findIndex((obj) => {
      const name = (obj as { metadata?: { name?: unknown } })?.metadata?.name;
      return typeof obj !== 'object' || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof name !== 'string';
    });
    if (problem !== undefined) this._problem(factory, problem);
    else if (bad >= 0) this._problem(factory, `${where}object ${bad} is not a Kubernetes object (it needs apiVersion, kind and metadata.name)`);
    else if (objects.length === 0) this._problem(factory, `${where}no objects: pass the operator's release manifest`);
    this.objects = this._problems.length > 0 ? [] : JSON.parse(JSON.stringify(objects));
  }

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

/** The operator an `OperatorManifests` must install: `crd` it defines; `releaseFile` and `crFile` name the right and the usual wrong release asset. */
export interface ExpectedOperator {
  readonly crd: string;
  readonly releaseFile: string;
  readonly crFile: string;
  readonly release: string;
}

/**
 * Checks that `manifests`, given to `scope` as `field`, are the operator's release manifests
 * (readable, and defining `expected.crd`) and returns them; add them with `_addTo` once every
 * other prop is checked.
 */
export function checkOperatorManifests(
  scope: IConstruct, field: string, manifests: OperatorManifests, expected: ExpectedOperator,
): OperatorManifests {
  if (!(manifests instanceof OperatorManifests)) throw constructError(scope, `${field} must be OperatorManifests.fromFile(...) or .fromObjects(...)`);
  assertFactoryValue(scope, field, manifests);
  if (!manifests.definesCrd(expected.crd)) {
    throw constructError(scope, `${field} do not define the CRD ${expected.crd}: pass ${expected.releaseFile} from the ${expected.release} release (not ${expected.crFile})`);
  }
  return manifests;
}
