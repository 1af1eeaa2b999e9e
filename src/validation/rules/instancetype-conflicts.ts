import { show } from '../../common/errors';
import { parseQuantity } from '../../common/quantity';
import { KubeObject, VmView, apiGroupOf, qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import type { IndexedVm, RuleContext } from '../rule-context';

const GROUP = 'instancetype.kubevirt.io';
const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const nonEmpty = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
const text = (value: unknown): boolean => typeof value === 'string' && value !== '';

// What every instance type sets (its cpu.guest and memory.guest are required), so a VM that
// also sets it conflicts whatever the instance type holds.
const CONFLICTS = [
  { field: 'domain.cpu.sockets', set: (d: any) => typeof d.cpu?.sockets === 'number' && d.cpu.sockets !== 0 },
  { field: 'domain.cpu.cores', set: (d: any) => typeof d.cpu?.cores === 'number' && d.cpu.cores !== 0 },
  { field: 'domain.cpu.threads', set: (d: any) => typeof d.cpu?.threads === 'number' && d.cpu.threads !== 0 },
  { field: 'domain.resources.requests.cpu', set: (d: any) => d.resources?.requests?.cpu !== undefined },
  { field: 'domain.resources.limits.cpu', set: (d: any) => d.resources?.limits?.cpu !== undefined },
  { field: 'domain.memory.guest', set: (d: any) => d.memory?.guest !== undefined && d.memory.guest !== null },
  { field: 'domain.resources.requests.memory', set: (d: any) => d.resources?.requests?.memory !== undefined },
  { field: 'domain.resources.limits.memory', set: (d: any) => d.resources?.limits?.memory !== undefined },
];

// What a VM conflicts on only when its instance type sets it too, when that instance type is among
// the objects: `vm` reads the instance spec, `it` the instance type's spec (JSON keys of each API).
const DECLARED_CONFLICTS = [
  { field: 'domain.cpu.model', vm: (s: any) => text(s.domain?.cpu?.model), it: (t: any) => isSet(t.cpu?.model) },
  { field: 'domain.cpu.dedicatedCpuPlacement', vm: (s: any) => s.domain?.cpu?.dedicatedCpuPlacement === true, it: (t: any) => isSet(t.cpu?.dedicatedCPUPlacement) },
  { field: 'domain.cpu.isolateEmulatorThread', vm: (s: any) => s.domain?.cpu?.isolateEmulatorThread === true, it: (t: any) => isSet(t.cpu?.isolateEmulatorThread) },
  { field: 'domain.cpu.numa', vm: (s: any) => isSet(s.domain?.cpu?.numa), it: (t: any) => isSet(t.cpu?.numa) },
  { field: 'domain.cpu.realtime', vm: (s: any) => isSet(s.domain?.cpu?.realtime), it: (t: any) => isSet(t.cpu?.realtime) },
  { field: 'domain.memory.hugepages', vm: (s: any) => isSet(s.domain?.memory?.hugepages), it: (t: any) => isSet(t.memory?.hugepages) },
  { field: 'domain.memory.maxGuest', vm: (s: any) => isSet(s.domain?.memory?.maxGuest), it: (t: any) => isSet(t.memory?.maxGuest) },
  { field: 'domain.devices.gpus', vm: (s: any) => nonEmpty(s.domain?.devices?.gpus), it: (t: any) => nonEmpty(t.gpus) },
  { field: 'domain.devices.hostDevices', vm: (s: any) => nonEmpty(s.domain?.devices?.hostDevices), it: (t: any) => nonEmpty(t.hostDevices) },
  { field: 'domain.ioThreadsPolicy', vm: (s: any) => isSet(s.domain?.ioThreadsPolicy), it: (t: any) => isSet(t.ioThreadsPolicy) },
  { field: 'domain.ioThreads.supplementalPoolThreadCount', vm: (s: any) => isSet(s.domain?.ioThreads?.supplementalPoolThreadCount), it: (t: any) => isSet(t.ioThreads?.supplementalPoolThreadCount) },
  { field: 'domain.launchSecurity', vm: (s: any) => isSet(s.domain?.launchSecurity), it: (t: any) => isSet(t.launchSecurity) },
  { field: 'nodeSelector', vm: (s: any) => isSet(s.nodeSelector), it: (t: any) => isSet(t.nodeSelector) },
  { field: 'schedulerName', vm: (s: any) => text(s.schedulerName), it: (t: any) => text(t.schedulerName) },
];

/** A declared instance type or preference a VM refers to, found among the objects. */
interface Declared {
  readonly object: KubeObject;
  /** How messages name it: `VirtualMachineInstancetype "mq/large"`. */
  readonly label: string;
}

/**
 * The object a VM's `spec.instancetype` or `spec.preference` names, when it is among the objects.
 * KubeVirt reads the kind case-insensitively, singular or plural, and takes a missing kind as the
 * cluster-scoped one (pkg/instancetype/find/spec.go, v1.9.0). A namespaced one of that name in
 * another namespace only is warned about: KubeVirt looks in the VM's namespace.
 */
function findDeclared(context: RuleContext, entry: IndexedVm, ref: any, kinds: [string, string]): Declared | undefined {
  const [namespaced, cluster] = kinds;
  if (typeof ref?.name !== 'string') return undefined;
  const kind = typeof ref.kind === 'string' ? ref.kind.toLowerCase() : '';
  const matches = (k: string) => kind === k.toLowerCase() || kind === `${k.toLowerCase()}s`;
  const scoped = matches(namespaced) ? namespaced : kind === '' || matches(cluster) ? cluster : undefined;
  if (scoped === undefined) return undefined;
  const namespace = scoped === namespaced ? entry.vm.namespace : undefined;
  const object = context.index.find(GROUP, scoped, namespace, ref.name);
  if (object) return { object, label: `${scoped} ${show(qualifiedName(namespace, ref.name))}` };
  if (scoped === namespaced) warnElsewhere(context, entry, scoped, ref.name);
  return undefined;
}

function warnElsewhere(context: RuleContext, { index, vm, holder, objectPath }: IndexedVm, kind: string, name: string): void {
  const elsewhere = context.viewsOfKind(kind)
    .filter(({ object }) => apiGroupOf(object.apiVersion) === GROUP && object.metadata?.name === name)
    .map(({ object }) => show(object.metadata?.namespace ?? ''));
  if (elsewhere.length === 0) return;
  const field = kind.endsWith('Preference') ? 'preference' : 'instancetype';
  context.warn(index, `${objectPath}spec.${field}`, `${holder} uses ${kind} ${show(name)}, declared here in namespace ${elsewhere.join(', ')} only, but KubeVirt looks for it in the VM's namespace ${show(vm.namespace ?? '')} (the VM will not start without it): declare it in the VM's namespace, or make it cluster-scoped (clusterScoped: true)`);
}

/** The instance type's annotations the VM's template sets to other values (pkg/instancetype/apply/annotations.go). */
function annotationConflicts(vm: VmView, spec: any): string[] {
  const wanted = spec.annotations;
  if (typeof wanted !== 'object' || wanted === null) return [];
  return Object.entries(wanted).filter(([key, value]) => key in vm.instanceAnnotations && vm.instanceAnnotations[key] !== value).map(([key]) => key);
}

function checkDeclaredInstancetype(context: RuleContext, entry: IndexedVm, declared: Declared): void {
  const { index, vm, holder } = entry;
  const spec = declared.object.spec ?? {};
  const fix = (field: string) => `KubeVirt refuses the conflict: remove ${field} from the VM, or from the instance type`;
  for (const { field } of DECLARED_CONFLICTS.filter((c) => c.it(spec) && c.vm(vm.spec))) {
    context.error(index, `${vm.specPath}.${field}`, `${holder} uses ${declared.label}, which sets ${field} for it, and also sets ${field}; ${fix(field)}`);
  }
  for (const key of annotationConflicts(vm, spec)) {
    context.error(index, `${entry.objectPath}spec.template.metadata.annotations["${key}"]`, `${holder} has annotation ${show(key)} ${show(vm.instanceAnnotations[key])} on its instances, and ${declared.label} sets it to ${show(spec.annotations[key])}; KubeVirt refuses the conflict: drop the annotation from the VM, or give it the instance type's value`);
  }
}

/** The spread ratio and what it spreads across, as KubeVirt defaults them (pkg/instancetype/preference/apply/cpu.go). */
function spreadOf(preference: any): { ratio: number; across: string } {
  const options = preference.cpu?.spreadOptions ?? {};
  const ratio = options.ratio ?? (preference.preferSpreadSocketToCoreRatio || 2);
  return { ratio, across: options.across ?? 'SocketsCores' };
}

/** Why the instance type's vCPUs cannot be spread as the preference asks, or undefined (pkg/instancetype/preference/validation/cpu.go). */
function spreadProblem(guest: number, preference: any): string | undefined {
  const topology = preference.cpu?.preferredCPUTopology;
  if (topology !== 'spread' && topology !== 'preferSpread') return undefined;
  const { ratio, across } = spreadOf(preference);
  if (typeof ratio !== 'number' || ratio < 1) return undefined; // the preference's own webhook judges it
  if (across === 'SocketsCoresThreads') {
    return guest % 2 !== 0 || (guest / 2) % ratio !== 0 ? `${guest} vCPUs cannot be spread as 2 threads per core and ${ratio} cores per socket` : undefined;
  }
  if (across === 'SocketsCores' || across === 'CoresThreads') {
    return guest % ratio !== 0 ? `${guest} vCPUs do not divide by the spread ratio ${ratio} (${across})` : undefined;
  }
  return undefined;
}

/** The preference's requirements and spread against the instance type (pkg/instancetype/preference/requirements/, v1.9.0). */
function checkPreferenceFit(context: RuleContext, entry: IndexedVm, instancetype: Declared, preference: Declared): void {
  const { index, holder, objectPath } = entry;
  const [it, pref] = [instancetype.object.spec ?? {}, preference.object.spec ?? {}];
  const guest = it.cpu?.guest;
  const both = `${instancetype.label} and ${preference.label}`;
  const spread = typeof guest === 'number' ? spreadProblem(guest, pref) : undefined;
  if (spread) context.error(index, `${objectPath}spec.preference`, `${holder} uses ${both}: ${spread}, which KubeVirt refuses: pick an instance type whose vCPUs fit the spread, or change the preference's spread ratio`);
  const needCpu = pref.requirements?.cpu?.guest;
  if (typeof guest === 'number' && typeof needCpu === 'number' && guest < needCpu) {
    context.error(index, `${objectPath}spec.instancetype`, `${holder} uses ${both}: the instance type gives ${guest} vCPUs and the preference requires ${needCpu}, which KubeVirt refuses: pick an instance type with at least ${needCpu} vCPUs`);
  }
  const needMemory = pref.requirements?.memory?.guest;
  const memory = it.memory?.guest; // a VM's own guest memory is a conflict, reported above
  const [have, need] = [parseQuantity(String(memory)), parseQuantity(String(needMemory))];
  if (have !== undefined && need !== undefined && have < need) {
    context.error(index, `${objectPath}spec.instancetype`, `${holder} uses ${both}: the guest gets ${show(memory)} of memory and the preference requires ${show(needMemory)}, which KubeVirt refuses: pick an instance type with at least ${show(needMemory)}`);
  }
}

/**
 * A VirtualMachine with an instance type leaves the vCPUs and memory to it; when the instance
 * type (and preference) it names are among the objects, it also leaves alone what that instance
 * type sets, and the preference's requirements and spread fit the instance type.
 */
export const instancetypeConflicts: Rule = {
  id: 'instancetype-conflicts',
  order: 1270,
  summary: 'a VirtualMachine with an instance type sets no CPU topology, CPU or memory requests or limits, nor guest memory; with the instance type among the objects, nothing else it sets (CPU model, dedicated CPUs, hugepages, GPUs, host devices, IO threads, node selector, annotations...), and its preference\'s CPU and memory requirements and spread fit it, as KubeVirt\'s VM admission requires',
  // Upstream: ApplyToVMI and the apply* functions it calls, then the preference requirements checker.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/instancetype/apply/vmi.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const entry = listed[n];
      const { index, vm, holder } = entry;
      if (vm.kind !== 'VirtualMachine') continue;
      const preference = findDeclared(context, entry, vm.object.spec?.preference, ['VirtualMachinePreference', 'VirtualMachineClusterPreference']);
      const instancetype = vm.object.spec?.instancetype;
      if (typeof instancetype !== 'object' || instancetype === null) continue;
      const domain = vm.spec.domain ?? {};
      for (const { field } of CONFLICTS.filter((c) => c.set(domain))) {
        context.error(index, `${vm.specPath}.${field}`, `${holder} uses instance type ${show(instancetype.name)} and also sets ${field}, which the instance type decides; KubeVirt refuses the conflict: remove ${field}, or pick an instance type of the size you want`);
      }
      const declared = findDeclared(context, entry, instancetype, ['VirtualMachineInstancetype', 'VirtualMachineClusterInstancetype']);
      if (declared) checkDeclaredInstancetype(context, entry, declared);
      if (declared && preference) checkPreferenceFit(context, entry, declared, preference);
    }
  },
};
