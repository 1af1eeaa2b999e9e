import * as os from 'os';
import * as path from 'path';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { asResourceError } from './resource-error';
import { DeploymentPhase } from '../gitops/deployment-phase';
import { ARGO_SYNC_WAVE, DEFAULT_SYNC_WAVES, deploymentPhaseOf, deploymentPhaseOfKind } from '../gitops/sync-waves';
import { KubeObject, apiGroupOf, isKubeObject, qualifiedName, vmView } from '../model/object-index';
import { synthesizeApp } from '../synth/app-synthesis';
import { MULTUS_ANNOTATION, parseMultusAnnotation, splitNetworkName } from '../validation/network-addresses';
import { formatValidationIssue, validateObjects } from '../validation/validate-objects';

/** Arguments of `ChartDeployment`. */
export interface ChartDeploymentArgs {
  /**
   * The cdk8s Chart or App to deploy (validated and synthesized in memory, as `cdk8s synth` would).
   * @default - none; give `objects` instead
   */
  readonly chart?: Chart | App;
  /**
   * Plain Kubernetes objects to deploy (e.g. parsed YAML); checked with `validateObjects` first.
   * @default - none
   */
  readonly objects?: KubeObject[];
  /**
   * Keep PersistentVolumeClaims, DataVolumes and VMs that own DataVolume templates in the cluster
   * when they are deleted from the stack (or replaced), so no disk is lost by accident.
   * @default true
   */
  readonly retainDisksOnDelete?: boolean;
  /**
   * Also `protect` those resources: Pulumi refuses to delete or replace them until unprotected.
   * @default false
   */
  readonly protectDisks?: boolean;
}

/** One object to deploy, with where it stands in the deployment order. */
interface PlannedObject {
  readonly key: string;
  readonly object: KubeObject;
  readonly phase: DeploymentPhase;
  readonly wave: number;
  readonly construct?: ApiObject;
}

/** The `pulumi.com/waitFor` annotation: what the Kubernetes provider waits for before dependents proceed. */
export const PULUMI_WAIT_FOR = 'pulumi.com/waitFor';

/** Phases every later object waits for as a whole; they are small (operators and cluster CRs). */
const BARRIER_PHASES = new Set([DeploymentPhase.OPERATORS, DeploymentPhase.CLUSTER]);

/** `Kind/namespace/name`, the key of `ChartDeployment.resources`. */
export function objectKey(object: KubeObject): string {
  return `${object.kind}/${qualifiedName(object.metadata?.namespace, object.metadata?.name)}`;
}

/** A readable, stable Pulumi resource name: `<kind>-<namespace>-<name>` (cluster-scoped: `<kind>-<name>`). */
export function resourceNameOf(object: KubeObject): string {
  const parts = [String(object.kind).toLowerCase(), object.metadata?.namespace, object.metadata?.name].filter((p) => p !== undefined);
  return parts.join('-');
}

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * The @pulumi/kubernetes class of a kind: the typed class for built-in groups (core/v1 Secret
 * is `kubernetes:core/v1:Secret`), `CustomResource` for everything else.
 */
function resourceClassOf(apiVersion: string, kind: string): ResourceClass {
  const group = apiGroupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const builtIn = group === '' || !group.includes('.') || group.endsWith('.k8s.io');
  if (builtIn) {
    const module = group === '' ? 'core' : group.split('.')[0];
    const candidate = (k8s as any)[module]?.[version]?.[kind];
    if (typeof candidate === 'function') return candidate as ResourceClass;
  }
  return k8s.apiextensions.CustomResource as unknown as ResourceClass;
}

/** The wave an object is applied in: its Argo CD sync wave if written, else its phase's. */
function waveOf(object: KubeObject, phase: DeploymentPhase): number {
  const written = object.metadata?.annotations?.[ARGO_SYNC_WAVE];
  return typeof written === 'string' && /^-?\d+$/.test(written) ? Number(written) : DEFAULT_SYNC_WAVES[phase];
}

/** Keys of the objects an object names: claims, DataVolumes, Secrets, ConfigMaps, Multus networks. */
function referencedKeys(object: KubeObject): string[] {
  const namespace = object.metadata?.namespace;
  const keys: string[] = [];
  const named = (kind: string, name: unknown, ns = namespace) => {
    if (typeof name === 'string') keys.push(`${kind}/${qualifiedName(ns, name)}`);
  };
  const networkReference = (reference: string) => {
    const { name, namespace: networkNamespace } = splitNetworkName(reference);
    named('NetworkAttachmentDefinition', name, networkNamespace ?? namespace);
  };
  const vm = vmView(object);
  const podSpec = vm ? undefined : object.kind === 'Pod' ? object.spec : object.spec?.template?.spec;
  const volumes: KubeObject[] = (vm ? vm.spec.volumes : podSpec?.volumes) ?? [];
  for (const volume of volumes) {
    named('PersistentVolumeClaim', volume?.persistentVolumeClaim?.claimName);
    named('DataVolume', volume?.dataVolume?.name);
    named('Secret', volume?.secret?.secretName);
    named('ConfigMap', volume?.configMap?.name);
    const cloudInit = volume?.cloudInitNoCloud ?? volume?.cloudInitConfigDrive;
    named('Secret', cloudInit?.secretRef?.name);
    named('Secret', cloudInit?.networkDataSecretRef?.name);
  }
  if (vm) {
    for (const credential of vm.spec.accessCredentials ?? []) named('Secret', credential?.sshPublicKey?.source?.secret?.secretName);
    for (const network of vm.spec.networks ?? []) {
      if (typeof network?.multus?.networkName === 'string') networkReference(network.multus.networkName);
    }
  }
  const podAnnotations = object.kind === 'Pod' ? object.metadata?.annotations : object.spec?.template?.metadata?.annotations;
  for (const selection of parseMultusAnnotation(podAnnotations?.[MULTUS_ANNOTATION]) ?? []) {
    networkReference(selection.namespace ? `${selection.namespace}/${selection.name}` : selection.name);
  }
  return keys;
}

/** Whether deleting the object would delete a disk: claims, DataVolumes, VMs owning DataVolume templates. */
/** Whether an object holds disks, or is a Namespace of `diskNamespaces` (deleting it deletes them). */
function keepsData(object: KubeObject, diskNamespaces: ReadonlySet<string>): boolean {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') return diskNamespaces.has(object.metadata?.name);
  return holdsDisks(object);
}

function holdsDisks(object: KubeObject): boolean {
  if (object.kind === 'PersistentVolumeClaim' && apiGroupOf(object.apiVersion) === '') return true;
  if (object.kind === 'DataVolume' && apiGroupOf(object.apiVersion) === 'cdi.kubevirt.io') return true;
  return object.kind === 'VirtualMachine' && apiGroupOf(object.apiVersion) === 'kubevirt.io'
    && Array.isArray(object.spec?.dataVolumeTemplates) && object.spec.dataVolumeTemplates.length > 0;
}

/**
 * Secret values become Pulumi secrets, so they are encrypted in the state and masked in output.
 * The typed `core/v1` Secret class does that itself; a Secret of any other version gets it here.
 */
function withSecretData(object: KubeObject, Resource: ResourceClass): KubeObject {
  if (object.kind !== 'Secret' || apiGroupOf(object.apiVersion) !== '' || Resource === (k8s.core.v1.Secret as unknown as ResourceClass)) return object;
  return {
    ...object,
    ...(object.data !== undefined ? { data: pulumi.secret(object.data) } : {}),
    ...(object.stringData !== undefined ? { stringData: pulumi.secret(object.stringData) } : {}),
  };
}

/** A cdk8s App for rendering in memory (nothing is written to its outdir: ChartDeployment never synthesizes files). */
export function inMemoryApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), 'kubevirt-constructs-pulumi') });
}

/**
 * The objects a Chart or App renders, validated and with cdk8s dependencies resolved as
 * `cdk8s synth` would (no YAML is written): the whole app is validated, each object rendered once.
 */
function renderedObjects(scope: Chart | App): Map<ApiObject, KubeObject> {
  const app = scope instanceof App ? scope : App.of(scope);
  return new Map(synthesizeApp(app).charts.flatMap((chart) => chart.objects.map((o) => [o.construct, o.json] as const)));
}

/**
 * Deploys a cdk8s Chart or App (or plain objects) with Pulumi: one resource per object, so
 * each gets its own diff and options.
 *
 * - Order: operators (Namespaces, CRDs, OLM, release manifests), then cluster CRs, then networks
 *   and storage, then VMs: Argo CD sync waves (written or by phase) and cdk8s `addDependency`
 *   become `dependsOn`. Every object waits for all earlier operator and cluster objects, and
 *   for the claims, DataVolumes, Secrets, ConfigMaps and networks it names.
 * - Disks are kept: claims, DataVolumes, VMs owning DataVolume templates and the Namespaces that
 *   hold any of them (deleting a Namespace deletes its disks) get `retainOnDelete` (and `protect`
 *   with `protectDisks`).
 * - Secret data is a Pulumi secret. Resources are named `<kind>-<namespace>-<name>`.
 * - A `provider` (or `providers`) option on the component reaches every object; a `dependsOn`
 *   option is applied to every object.
 */
export class ChartDeployment extends pulumi.ComponentResource {
  /** The created resources by `Kind/namespace/name`. */
  public readonly resources: Record<string, pulumi.CustomResource> = {};
  /** The URNs of the created resources by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;

  public constructor(name: string, args: ChartDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:ChartDeployment', name, {}, opts);
    const planned = this.plan(args);
    const retain = args.retainDisksOnDelete ?? true;
    const protect = args.protectDisks ?? false;
    const componentDependsOn = plainResources(opts.dependsOn);

    const byKey = new Map(planned.map((p) => [p.key, p]));
    const byConstruct = new Map(planned.filter((p) => p.construct).map((p) => [p.construct!, p]));
    // What each object names or depends on: computed once, used to order and to wire dependsOn.
    const dependencyKeys = new Map(planned.map((p) => [p.key, [...referencedKeys(p.object), ...explicitKeys(p, byConstruct)]]));
    const barriers = planned.filter((p) => BARRIER_PHASES.has(p.phase));
    const diskNamespaces = new Set(planned.filter((p) => holdsDisks(p.object)).map((p) => p.object.metadata?.namespace));
    for (const entry of asResourceError(this, () => ordered(planned, byKey, dependencyKeys))) {
      const dependencies = new Set<pulumi.Resource>(componentDependsOn);
      for (const barrier of barriers) {
        if (barrier.wave < entry.wave) dependencies.add(this.resources[barrier.key]);
      }
      for (const key of dependencyKeys.get(entry.key)!) {
        const target = this.resources[key];
        if (target && key !== entry.key) dependencies.add(target);
      }
      const disks = keepsData(entry.object, diskNamespaces);
      const Resource = resourceClassOf(entry.object.apiVersion, entry.object.kind);
      this.resources[entry.key] = new Resource(resourceNameOf(entry.object), withSecretData(entry.object, Resource), {
        parent: this,
        dependsOn: [...dependencies],
        ...(disks && retain ? { retainOnDelete: true } : {}),
        ...(disks && protect ? { protect: true } : {}),
      });
    }
    this.urns = pulumi.all(Object.fromEntries(Object.entries(this.resources).map(([key, resource]) => [key, resource.urn])));
    this.registerOutputs({ urns: this.urns });
  }

  private plan(args: ChartDeploymentArgs): PlannedObject[] {
    if ((args.chart === undefined) === (args.objects === undefined)) {
      throw new pulumi.ResourceError('ChartDeployment: give exactly one of chart (a cdk8s Chart or App) and objects (plain Kubernetes objects)', this);
    }
    const entries: PlannedObject[] = [];
    if (args.chart !== undefined) {
      if (!(args.chart instanceof Chart) && !(args.chart instanceof App)) {
        throw new pulumi.ResourceError('ChartDeployment: chart must be a cdk8s Chart or App (of the cdk8s version this package uses)', this);
      }
      const chart = args.chart;
      // Synth-time validation errors name the construct: keep the message, tied to this component.
      const rendered = asResourceError(this, () => renderedObjects(chart));
      for (const construct of args.chart.node.findAll()) {
        if (!(construct instanceof ApiObject)) continue;
        const object = rendered.get(construct) ?? construct.toJson();
        const phase = deploymentPhaseOf(construct);
        entries.push({ key: objectKey(object), object, phase, wave: waveOf(object, phase), construct });
      }
    } else {
      const objects = args.objects!;
      objects.forEach((object, i) => {
        if (!isKubeObject(object)) throw new pulumi.ResourceError(`ChartDeployment: objects[${i}] is not a Kubernetes object (it needs apiVersion and kind)`, this);
      });
      const report = validateObjects(objects);
      if (!report.valid) {
        throw new pulumi.ResourceError(`ChartDeployment: the objects are not valid:\n  ${report.errors.map(formatValidationIssue).join('\n  ')}`, this);
      }
      for (const object of objects) {
        const phase = deploymentPhaseOfKind(object.kind);
        entries.push({ key: objectKey(object), object, phase, wave: waveOf(object, phase) });
      }
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.key)) throw new pulumi.ResourceError(`ChartDeployment: ${entry.key} is declared twice: each object can be deployed once`, this);
      seen.add(entry.key);
    }
    return entries;
  }
}

/** Keys of the objects a construct depends on through cdk8s `addDependency`. */
function explicitKeys(entry: PlannedObject, byConstruct: Map<IConstruct, PlannedObject>): string[] {
  if (!entry.construct) return [];
  return entry.construct.node.dependencies.flatMap((dependency) => {
    const direct = byConstruct.get(dependency);
    if (direct) return [direct.key];
    // A dependency on a construct means a dependency on every object under it.
    return dependency.node.findAll().map((c) => byConstruct.get(c)?.key).filter((k): k is string => k !== undefined);
  });
}

/**
 * Objects in creation order: by wave, and within a wave after whatever they reference or
 * depend on (a stable topological sort, so the same program registers in the same order).
 */
function ordered(planned: PlannedObject[], byKey: Map<string, PlannedObject>, dependencyKeys: Map<string, string[]>): PlannedObject[] {
  const sorted = [...planned].sort((a, b) => a.wave - b.wave);
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: PlannedObject[] = [];
  const visit = (entry: PlannedObject) => {
    if (done.has(entry.key)) return;
    if (visiting.has(entry.key)) throw new Error(`ChartDeployment: ${entry.key} depends on itself through other objects: break the cycle of dependencies`);
    visiting.add(entry.key);
    for (const key of dependencyKeys.get(entry.key)!) {
      const target = byKey.get(key);
      // References to later waves are left to the wave order (and to Kubernetes' retries).
      if (target && target.key !== entry.key && target.wave <= entry.wave) visit(target);
    }
    visiting.delete(entry.key);
    done.add(entry.key);
    out.push(entry);
  };
  sorted.forEach(visit);
  return out;
}

/** The resources of a `dependsOn` option, when given as plain values (Outputs are not expanded). */
export function plainResources(dependsOn: pulumi.ComponentResourceOptions['dependsOn']): pulumi.Resource[] {
  if (dependsOn === undefined) return [];
  const list = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  return list.filter((r): r is pulumi.Resource => pulumi.Resource.isInstance(r));
}
