import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart } from 'cdk8s';
import { BARRIER_PHASES, PlannedObject, explicitKeys, objectKey, ordered, referencedKeys } from './deployment-order';
import { inMemoryApp, planDeployment } from './deployment-plan';
import { holdsDisks, keepsData } from './disk-retention';
import { NamespaceArgs } from './namespaces';
import { PULUMI_WAIT_FOR, ReadinessArgs, checkTimeouts, readinessOf, withReadiness } from './readiness';
import { asResourceError } from './resource-error';
import { VmService, guestIpAddresses, servicesOf } from './vm-endpoints';
import { KubeObject, apiGroupOf, qualifiedName } from '../model/object-index';

export { PULUMI_WAIT_FOR, inMemoryApp, objectKey };

/**
 * The provider's annotation that forces a server-side apply through field-manager conflicts:
 * the object's fields set here are taken from whichever manager held them (kubectl, another
 * tool). It takes precedence over the provider's `enablePatchForce` (pulumi-kubernetes
 * provider/pkg/await/await.go `patchForce`, v4.32.0).
 */
export const PULUMI_PATCH_FORCE = 'pulumi.com/patchForce';

/** Arguments of `ChartDeployment`. */
export interface ChartDeploymentArgs extends NamespaceArgs {
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
   * Keep disks when they leave the stack (`pulumi destroy`, removal, replacement):
   * PersistentVolumeClaims, DataVolumes, the DataVolumes of VMs' templates and the Namespaces
   * that hold any of them get `retainOnDelete`. VMs themselves are deleted: a VM's DataVolume
   * templates are deployed as DataVolumes of their own, before it, and the VM is sent without
   * its `dataVolumeTemplates` (its volumes name the same DataVolumes), so it does not own them.
   * @default true
   */
  readonly retainDisksOnDelete?: boolean;
  /**
   * Retain every Namespace of the deployment on delete, not only those holding disks: for
   * namespaces that other stacks or components may fill (deleting a Namespace deletes all in it).
   * @default false
   */
  readonly retainNamespaces?: boolean;
  /**
   * Also `protect` those resources: Pulumi refuses to delete or replace them until unprotected.
   * @default false
   */
  readonly protectDisks?: boolean;
  /**
   * VMs (keys `VirtualMachine/<namespace>/<name>`) whose DataVolume templates stay theirs:
   * Kubernetes deletes those disks with the VM.
   * @default - none
   */
  readonly deleteDisksWithVms?: string[];
  /**
   * VMs (keys) whose DataVolume templates stay theirs, the VM being retained on delete instead
   * (and protected with `protectDisks`): for VMs whose template DataVolumes exist already and
   * are owned by the VM, e.g. VMs deployed by kubevirt-constructs 0.1.0 (which did not split templates off)
   * (creating those DataVolumes again would fail: they exist).
   * @default - none
   */
  readonly retainVms?: string[];
  /**
   * What `pulumi up` waits for: running VMs Ready, DataVolumes populated; and how long.
   * @default - wait for both, VMs 10 minutes, disks 30 minutes
   */
  readonly readiness?: ReadinessArgs;
  /**
   * Take over objects that exist in the cluster already (created by kubectl, another tool or
   * an earlier stack) instead of failing. Needs a provider with `upsertExistingObjects: true`
   * (create becomes a server-side apply). Every object gets `pulumi.com/patchForce: "true"`, so
   * fields another manager set are taken over; VMs owning DataVolume templates keep them (their
   * DataVolumes may be owned by the VM already) and are retained on delete instead.
   * @default false
   */
  readonly adoptExisting?: boolean;
  /**
   * Values for Secrets of the chart, by key (`Secret/<namespace>/<name>`): merged into their
   * `stringData` as Pulumi secrets, so values computed elsewhere never reach the chart.
   * @default - none
   */
  readonly secretStringData?: Record<string, Record<string, pulumi.Input<string>>>;
}

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** A readable, stable Pulumi resource name: `<kind>-<namespace>-<name>` (cluster-scoped: `<kind>-<name>`). */
export function resourceNameOf(object: KubeObject): string {
  const parts = [String(object.kind).toLowerCase(), object.metadata?.namespace, object.metadata?.name].filter((p) => p !== undefined);
  return parts.join('-');
}

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

function isNamespace(object: KubeObject): boolean {
  return object.kind === 'Namespace' && object.apiVersion === 'v1';
}

function withAnnotation(object: KubeObject, key: string, value: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata?.annotations, [key]: value } } };
}

/**
 * Deploys a cdk8s Chart or App (or plain objects) with Pulumi: one resource per object, so
 * each gets its own diff and options.
 *
 * - Order: namespaces and operators (Namespaces, CRDs, OLM, release manifests), then cluster
 *   CRs, then networks and storage, then VMs: Argo CD sync waves (written or by phase) and
 *   cdk8s `addDependency` become `dependsOn`. Every object waits for all earlier operator and
 *   cluster objects, and for the claims, DataVolumes, Secrets, ConfigMaps and networks it names.
 *   Namespaces used but not declared are created first (`createNamespaces`, `existingNamespaces`).
 * - Readiness: running VMs wait for `Ready`, DataVolumes until populated (`readiness`).
 * - Destroy: VMs are deleted; disks are kept (`retainDisksOnDelete`): claims, DataVolumes, the
 *   DataVolumes of VMs' templates (deployed on their own; the VM is sent without its templates)
 *   and the Namespaces that hold any of them.
 * - Secret data is a Pulumi secret. Resources are named `<kind>-<namespace>-<name>`.
 * - A `provider` (or `providers`) option on the component reaches every object; a `dependsOn`
 *   option is applied to every object.
 */
export class ChartDeployment extends pulumi.ComponentResource {
  /** The created resources by `Kind/namespace/name`. */
  public readonly resources: Record<string, pulumi.CustomResource> = {};
  /** The URNs of the created resources by `Kind/namespace/name`. */
  public readonly urns: pulumi.Output<Record<string, string>>;
  private readonly objects: Record<string, KubeObject> = {};
  private readonly guestAddresses = new Map<string, pulumi.Output<string[]>>();

  public constructor(name: string, args: ChartDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('kubevirt-constructs:index:ChartDeployment', name, {}, opts);
    const retain = args.retainDisksOnDelete ?? true;
    const adopt = args.adoptExisting ?? false;
    asResourceError(this, () => checkTimeouts('ChartDeployment', args.readiness ?? {}));
    const { entries, splitVms } = asResourceError(this, () => planDeployment({ ...args, splitTemplates: retain && !adopt }));
    const byKey = new Map(entries.map((p) => [p.key, p]));
    const byConstruct = new Map(entries.filter((p) => p.construct).map((p) => [p.construct!, p]));
    // What each object names or depends on: computed once, used to order and to wire dependsOn.
    const dependencyKeys = new Map(entries.map((p) => [p.key, [...referencedKeys(p.object), ...explicitKeys(p, byConstruct)]]));
    // VMs whose disks go with them: deleted with them, and not a reason to keep their namespace.
    const deletedWithDisks = new Set(args.deleteDisksWithVms ?? []);
    const diskNamespaces = new Set(entries
      .filter((p) => holdsDisks(p.object) && !deletedWithDisks.has(p.key))
      .map((p) => p.object.metadata?.namespace));
    const secretData = asResourceError(this, () => checkedSecretData(args.secretStringData, byKey));
    const barriers = entries.filter((p) => BARRIER_PHASES.has(p.phase));
    for (const entry of asResourceError(this, () => ordered(entries, byKey, dependencyKeys))) {
      const keep = keepsData(entry.object, diskNamespaces) && !splitVms.has(entry.key) && !deletedWithDisks.has(entry.key);
      const retained = (keep && retain) || (args.retainNamespaces === true && isNamespace(entry.object));
      let object = secretData[entry.key] ? { ...entry.object, stringData: { ...entry.object.stringData, ...secretData[entry.key] } } : entry.object;
      if (adopt) object = withAnnotation(object, PULUMI_PATCH_FORCE, 'true');
      const awaited = withReadiness(object, readinessOf(object, args.readiness ?? {}));
      const Resource = resourceClassOf(object.apiVersion, object.kind);
      this.objects[entry.key] = entry.object;
      this.resources[entry.key] = new Resource(resourceNameOf(object), withSecretData(awaited.object, Resource), {
        parent: this,
        dependsOn: this.dependenciesOf(entry, barriers, dependencyKeys.get(entry.key)!, opts),
        ...awaited.options,
        ...(retained ? { retainOnDelete: true } : {}),
        ...(keep && args.protectDisks ? { protect: true } : {}),
      });
    }
    this.urns = pulumi.all(Object.fromEntries(Object.entries(this.resources).map(([key, resource]) => [key, resource.urn])));
    this.registerOutputs({ urns: this.urns });
  }

  /**
   * The resource deployed for an object, e.g. `lookup('Service', 'apps', 'app-1')` (cluster-scoped
   * kinds: namespace `undefined`). Throws, listing what was deployed, when there is none.
   */
  public lookup(kind: string, namespace: string | undefined, name: string): pulumi.CustomResource {
    const key = `${kind}/${qualifiedName(namespace, name)}`;
    const found = this.resources[key];
    if (!found) {
      throw new pulumi.ResourceError(`ChartDeployment: nothing deployed as ${key}: deployed are ${Object.keys(this.resources).join(', ')}`, this);
    }
    return found;
  }

  /** The Services of the deployment that select a VM's pod, with their ports. */
  public servicesOf(namespace: string, vmName: string): VmService[] {
    this.lookup('VirtualMachine', namespace, vmName);
    return servicesOf(this.objects[`VirtualMachine/${namespace}/${vmName}`], Object.values(this.objects));
  }

  /**
   * The guest addresses of a running VM, read from its VirtualMachineInstance once the VM is
   * Ready (one read per VM, however often it is asked). Refused for VMs not meant to run:
   * their VMI may not exist.
   */
  public guestIpAddresses(namespace: string, vmName: string): pulumi.Output<string[]> {
    const vm = this.lookup('VirtualMachine', namespace, vmName);
    const sent = this.objects[`VirtualMachine/${namespace}/${vmName}`];
    if (readinessOf(sent, { waitForDisks: false }).waitFor === undefined) {
      throw new pulumi.ResourceError(`ChartDeployment: VirtualMachine ${namespace}/${vmName} is not meant to run (runStrategy ${sent.spec?.runStrategy ?? 'unset'}): it has no guest addresses to read`, this);
    }
    const name = `virtualmachineinstance-${namespace}-${vmName}`;
    if (!this.guestAddresses.has(name)) this.guestAddresses.set(name, guestIpAddresses(name, vm, { parent: this }));
    return this.guestAddresses.get(name)!;
  }

  /** The resources an object waits for: the component's dependsOn, earlier barriers, what it names. */
  private dependenciesOf(entry: PlannedObject, barriers: PlannedObject[], keys: string[], opts: pulumi.ComponentResourceOptions): pulumi.Resource[] {
    const dependencies = new Set<pulumi.Resource>(plainResources(opts.dependsOn));
    for (const barrier of barriers) {
      if (barrier.wave < entry.wave) dependencies.add(this.resources[barrier.key]);
    }
    for (const key of keys) {
      const target = this.resources[key];
      if (target && key !== entry.key) dependencies.add(target);
    }
    return [...dependencies];
  }
}

/** `secretStringData`, each key checked to be a Secret of the deployment. */
function checkedSecretData(
  values: ChartDeploymentArgs['secretStringData'], byKey: Map<string, PlannedObject>,
): Record<string, Record<string, pulumi.Input<string>>> {
  const secrets = [...byKey.values()].filter((p) => p.object.kind === 'Secret').map((p) => p.key);
  for (const key of Object.keys(values ?? {})) {
    if (!secrets.includes(key)) {
      throw new Error(`ChartDeployment: secretStringData names ${key}, which is no Secret of the deployment: use one of ${secrets.length > 0 ? secrets.join(', ') : '(none)'}`);
    }
  }
  return values ?? {};
}

/** The resources of a `dependsOn` option, when given as plain values (Outputs are not expanded). */
export function plainResources(dependsOn: pulumi.ComponentResourceOptions['dependsOn']): pulumi.Resource[] {
  if (dependsOn === undefined) return [];
  const list = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  return list.filter((r): r is pulumi.Resource => pulumi.Resource.isInstance(r));
}
