import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DeploymentPhase } from '../gitops/deployment-phase';
import { ARGO_SYNC_WAVE, DEFAULT_SYNC_WAVES } from '../gitops/sync-waves';
import { KubeObject, qualifiedName, vmView } from '../model/object-index';
import { MULTUS_ANNOTATION, parseMultusAnnotation, splitNetworkName } from '../validation/network-addresses';

/** One object to deploy, with where it stands in the deployment order. */
export interface PlannedObject {
  readonly key: string;
  readonly object: KubeObject;
  readonly phase: DeploymentPhase;
  readonly wave: number;
  readonly construct?: ApiObject;
}

/** Phases every later object waits for as a whole; they are small (namespaces, operators and cluster CRs). */
export const BARRIER_PHASES = new Set([DeploymentPhase.OPERATORS, DeploymentPhase.CLUSTER]);

/** `Kind/namespace/name`, the key of `ChartDeployment.resources`. */
export function objectKey(object: KubeObject): string {
  return `${object.kind}/${qualifiedName(object.metadata?.namespace, object.metadata?.name)}`;
}

/** The wave an object is applied in: its Argo CD sync wave if written, else its phase's. */
export function waveOf(object: KubeObject, phase: DeploymentPhase): number {
  const written = object.metadata?.annotations?.[ARGO_SYNC_WAVE];
  return typeof written === 'string' && /^-?\d+$/.test(written) ? Number(written) : DEFAULT_SYNC_WAVES[phase];
}

/** Keys of the objects an object names: claims, DataVolumes, Secrets, ConfigMaps, Multus networks. */
export function referencedKeys(object: KubeObject): string[] {
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

/** Keys of the objects a construct depends on through cdk8s `addDependency`. */
export function explicitKeys(entry: PlannedObject, byConstruct: Map<IConstruct, PlannedObject>): string[] {
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
export function ordered(planned: PlannedObject[], byKey: Map<string, PlannedObject>, dependencyKeys: Map<string, string[]>): PlannedObject[] {
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
