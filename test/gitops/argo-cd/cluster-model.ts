// What the cluster does to the objects we apply, and how Argo CD compares them afterwards: the
// model behind the drift tests. Each mutation cites the upstream code that makes it (read at
// kubevirt v1.9.0, CDI v1.66.0, HCO v1.18.1, kubemacpool as CNAO v0.102.0 pins it, Argo CD v3.5.1).
import { ArgoCdIgnoreDifference } from '../../../src/gitops/argo-cd/application';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
/** A "random" value: what the cluster invents, never what we would write. */
const RANDOM_UUID = '0f6e2c3a-9b1d-4e5f-8a7b-6c5d4e3f2a1b';

type Canonicalize = (quantity: string) => string;

/** The VM as KubeVirt (and kubemacpool) stores it after create and the first reconcile. */
function storedVm(vm: any, canonical: Canonicalize): any {
  const spec = vm.spec.template.spec;
  const domain = spec.domain;
  // vm-mutator.go setFirmwareDefaultsIfEmpty: random UUID and serial on create, only when empty.
  domain.firmware = { ...domain.firmware, uuid: domain.firmware?.uuid ?? RANDOM_UUID, serial: domain.firmware?.serial ?? RANDOM_UUID };
  // defaults.go setVMDefaultMachineType / setDefaultArchitecture: the cluster's defaults, when empty.
  domain.machine = { type: domain.machine?.type ?? 'pc-q35-rhel9.6.0' };
  spec.architecture ??= 'amd64';
  // vm-mutator.go setDefaultPciTopologyVersion (v1.8+): q35 machines get topology v3.
  const template = vm.spec.template;
  template.metadata = { ...template.metadata, annotations: { 'kubevirt.io/pci-topology-version': 'v3', ...template.metadata?.annotations } };
  // kubemacpool virtualmachine_pool.go: a MAC from the pool for interfaces without one.
  (domain.devices?.interfaces ?? []).forEach((iface: any, i: number) => { iface.macAddress ??= `02:00:00:00:00:${String(i).padStart(2, '0')}`; });
  // controller.go (observed API versions), vm.go addVMFinalizer, kubemacpool's transaction timestamp.
  vm.metadata.annotations = {
    ...vm.metadata.annotations,
    'kubevirt.io/latest-observed-api-version': 'v1',
    'kubevirt.io/storage-observed-api-version': 'v1',
    'kubemacpool.io/transaction-timestamp': '2026-11-27T10:00:00Z',
  };
  vm.metadata.finalizers = ['kubevirt.io/virtualMachineControllerFinalize'];
  // vm-mutator.go replaces /spec from Go types: quantities canonical, omitempty zero values gone.
  canonicalizeQuantities(domain.memory, ['guest'], canonical);
  for (const part of ['requests', 'limits']) canonicalizeQuantities(domain.resources?.[part], ['memory', 'cpu'], canonical);
  for (const volume of spec.volumes ?? []) canonicalizeQuantities(volume.emptyDisk, ['capacity'], canonical);
  for (const dvTemplate of vm.spec.dataVolumeTemplates ?? []) canonicalizeQuantities(dvTemplate.spec?.storage?.resources?.requests ?? dvTemplate.spec?.pvc?.resources?.requests, ['storage'], canonical);
  for (const disk of domain.devices?.disks ?? []) {
    for (const device of ['disk', 'lun', 'cdrom']) if (disk[device]?.readonly === false) delete disk[device].readonly;
  }
  return vm;
}

/** A standalone DataVolume as CDI stores it (datavolume/util.go updateDataVolumeUseCDIPopulator; controller Update re-marshals). */
function storedDataVolume(dv: any, canonical: Canonicalize): any {
  dv.metadata.annotations = { ...dv.metadata.annotations, 'cdi.kubevirt.io/storage.usePopulator': 'true' };
  canonicalizeQuantities(dv.spec.storage?.resources?.requests ?? dv.spec.pvc?.resources?.requests, ['storage'], canonical);
  return dv;
}

/** A HyperConverged as HCO stores it: its label and finalizer (hyperconverged_controller.go), KSM and eviction defaults on create (hyperConvergedMutator.go). */
function storedHyperConverged(hco: any): any {
  hco.metadata.labels = { app: hco.metadata.name, ...hco.metadata.labels };
  hco.metadata.finalizers = ['kubevirt.io/hyperconverged'];
  const at = hco.apiVersion === 'hco.kubevirt.io/v1' ? (hco.spec.virtualization ??= {}) : hco.spec;
  at.ksmConfiguration ??= {};
  at.evictionStrategy ??= 'LiveMigrate';
  return hco;
}

/** The KubeVirt CR as virt-operator stores it (kubevirt.go: observed versions, foreground-delete finalizer). */
function storedKubeVirt(kv: any): any {
  kv.metadata.annotations = { ...kv.metadata.annotations, 'kubevirt.io/latest-observed-api-version': 'v1', 'kubevirt.io/storage-observed-api-version': 'v1' };
  kv.metadata.finalizers = ['kubevirt.io/foregroundDeleteKubeVirt'];
  return kv;
}

/** The CDI CR as cdi-operator stores it (callbacks.go reconcileSetConfigAuthority; lifecycle SDK finalizer). */
function storedCdi(cdi: any): any {
  cdi.metadata.annotations = { ...cdi.metadata.annotations, 'cdi.kubevirt.io/configAuthority': '' };
  cdi.metadata.finalizers = ['operator.cdi.kubevirt.io'];
  return cdi;
}

function canonicalizeQuantities(holder: any, keys: string[], canonical: Canonicalize): void {
  if (!holder) return;
  for (const key of keys) if (holder[key] !== undefined) holder[key] = canonical(String(holder[key]));
}

/** The object as the cluster stores it after its webhooks and controllers ran (status left out). */
export function storedByCluster(object: any, canonical: Canonicalize): any {
  const live = clone(object);
  switch (`${object.apiVersion.split('/')[0]}/${object.kind}`) {
    case 'kubevirt.io/VirtualMachine': return storedVm(live, canonical);
    case 'cdi.kubevirt.io/DataVolume': return storedDataVolume(live, canonical);
    case 'hco.kubevirt.io/HyperConverged': return storedHyperConverged(live);
    case 'kubevirt.io/KubeVirt': return storedKubeVirt(live);
    case 'cdi.kubevirt.io/CDI': return storedCdi(live);
    default: return live;
  }
}

/** Removes the fields `ignoreDifferences` names for this object (Argo CD normalizes desired and live alike). */
function withoutIgnored(object: any, ignore: readonly ArgoCdIgnoreDifference[]): any {
  const result = clone(object);
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  for (const entry of ignore) {
    if (entry.group !== group || entry.kind !== object.kind) continue;
    if (entry.name !== undefined && entry.name !== object.metadata?.name) continue;
    if (entry.namespace !== undefined && entry.namespace !== object.metadata?.namespace) continue;
    for (const pointer of entry.jsonPointers ?? []) removeAt(result, pointer);
  }
  return result;
}

function removeAt(object: any, pointer: string): void {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = object;
  for (const key of keys.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = node[key];
  }
  if (node !== null && typeof node === 'object') delete node[keys[keys.length - 1]];
}

/**
 * Argo CD's default comparison of a custom resource (gitops-engine diff.go threeWayMergePatch:
 * live trimmed to the keys of desired, through maps and list items by index, json.go
 * RemoveMapFields): the paths where desired and live differ. Keys only live has are not compared;
 * a changed value, a key missing from live, or a list of another length is a difference.
 */
export function argoCdDiff(desired: any, live: any, ignore: readonly ArgoCdIgnoreDifference[]): string[] {
  const a = withoutIgnored(desired, ignore);
  const b = withoutIgnored(live, ignore);
  delete a.status;
  const differences: string[] = [];
  const walk = (config: any, actual: any, path: string) => {
    if (Array.isArray(config)) {
      if (!Array.isArray(actual) || actual.length !== config.length) differences.push(path);
      else config.forEach((item, i) => walk(item, actual[i], `${path}/${i}`));
    } else if (config !== null && typeof config === 'object') {
      if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) differences.push(path);
      else for (const key of Object.keys(config)) walk(config[key], actual[key], `${path}/${key}`);
    } else if (config !== actual) {
      differences.push(path);
    }
  };
  walk(a, b, '');
  return differences;
}

/** The leaf paths live has and desired does not (what a strict comparison, like Server-Side Diff without trimming, would see). */
export function additions(desired: any, live: any, ignore: readonly ArgoCdIgnoreDifference[]): string[] {
  const a = withoutIgnored(desired, ignore);
  const b = withoutIgnored(live, ignore);
  const found: string[] = [];
  const walk = (config: any, actual: any, path: string) => {
    if (actual === null || typeof actual !== 'object') {
      if (config === undefined) found.push(path);
      return;
    }
    const keys = Array.isArray(actual) ? actual.map((_, i) => i) : Object.keys(actual);
    for (const key of keys) walk(config?.[key], actual[key], `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(a, b, '');
  return found;
}
