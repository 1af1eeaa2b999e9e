import { show } from '../../common/errors';
import { qualifiedName } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { dataVolumeSpecs, isMap } from './data-volume/specs';

// String fields whose Go type declares a set of constants, that the OpenAPI schemas leave open
// (no enum), and that KubeVirt's webhooks or controllers (or the API server, for the claims CDI
// makes) refuse outside that set. Fields with a rule of their own are not repeated here:
// runStrategy (run-strategy), disk bus (disk-device-types), cache (disk-cache-modes), io and
// errorPolicy (disk-options), ioThreadsPolicy (cpu-and-io-threads), evictionStrategy
// (eviction-and-service-account), interface state (interface-states), hostDisk type
// (host-disks), input, sound and panic models (device-models), startStrategy (probes). Left
// out: values KubeVirt passes to libvirt unchecked (timer tickPolicy and track, watchdog action,
// CD-ROM tray): the VMI fails to start, but no webhook or controller of KubeVirt refuses them.

const KUBEVIRT = 'https://github.com/kubevirt/kubevirt/blob/v1.9.0';

/** One enum-like field: its allowed values, who refuses another, and the fix. */
interface EnumField {
  /** The allowed values; `caseInsensitive` compares in lower case and also takes the plural (a resource name). */
  readonly values: readonly string[];
  readonly caseInsensitive?: boolean;
  /** Why another value fails, e.g. "which KubeVirt's VM mutating webhook refuses". */
  readonly refusal: string;
  /** What to do instead, after "use one of ...". */
  readonly otherwise: string;
}

// kubevirt v1.9.0 pkg/instancetype/find/spec.go and preference/find/spec.go: the kind is lower-cased and matched
// against the resource names of staging/src/kubevirt.io/api/instancetype/register.go; any other fails the VM controller's
// lookup ("got unexpected kind in InstancetypeMatcher"), so the VM never starts.
const INSTANCETYPE_KIND: EnumField = {
  values: ['VirtualMachineClusterInstancetype', 'VirtualMachineInstancetype'],
  caseInsensitive: true,
  refusal: 'which KubeVirt cannot look up (the VM controller fails with "got unexpected kind" and the VM never starts)',
  otherwise: 'or leave kind out for the cluster-wide one',
};
const PREFERENCE_KIND: EnumField = {
  values: ['VirtualMachineClusterPreference', 'VirtualMachinePreference'],
  caseInsensitive: true,
  refusal: INSTANCETYPE_KIND.refusal,
  otherwise: INSTANCETYPE_KIND.otherwise,
};
// kubevirt v1.9.0 pkg/instancetype/webhooks/vm/mutator.go validateInstancetypeMatcher / validatePreferenceMatcher (InferFromVolumeFailurePolicy constants of types.go).
const INFER_FAILURE_POLICY: EnumField = {
  values: ['Reject', 'Ignore'],
  refusal: 'which KubeVirt\'s VM mutating webhook refuses',
  otherwise: 'or leave it out ("Reject")',
};
// kubevirt v1.9.0 pkg/virt-controller/watch/vm/vm.go handleVolumeUpdateRequest: any other value fails every sync of the running VM.
const UPDATE_VOLUMES_STRATEGY: EnumField = {
  values: ['Replacement', 'Migration'],
  refusal: 'which KubeVirt\'s VM controller does not recognize (every reconcile of the running VM fails)',
  otherwise: 'or leave it out ("Replacement")',
};
// Kubernetes core/v1 PersistentVolumeMode; the API server refuses another value in a claim (ValidatePersistentVolumeClaimSpec),
// also in the claim CDI makes for a DataVolume. CDI v1.66.0 adds FromStorageProfile (pkg/apis/core/v1beta1 PersistentVolumeFromStorageProfile):
// a DataVolume may ask for it, and a claim labelled cdi.kubevirt.io/applyStorageProfile: "true", which CDI's PVC mutating
// webhook renders (pkg/apiserver/webhooks/pvc-mutate.go).
const VOLUME_MODE: EnumField = {
  values: ['Filesystem', 'Block', 'FromStorageProfile'],
  refusal: 'which the API server refuses in the claim CDI makes',
  otherwise: 'or leave it out (the storage profile\'s or "Filesystem")',
};
const CLAIM_VOLUME_MODE: EnumField = {
  values: ['Filesystem', 'Block'],
  refusal: 'which the API server refuses in a PersistentVolumeClaim',
  otherwise: 'or leave it out ("Filesystem"); "FromStorageProfile" needs the label cdi.kubevirt.io/applyStorageProfile: "true"',
};
const APPLY_STORAGE_PROFILE = 'cdi.kubevirt.io/applyStorageProfile';

/** Whether a value is set and outside the field's values (what is reported). */
function refused(value: unknown, field: EnumField): boolean {
  if (value === undefined || value === null || value === '') return false;
  const known = field.caseInsensitive
    ? typeof value === 'string' && field.values.some((v) => v.toLowerCase() === value.toLowerCase() || `${v.toLowerCase()}s` === value.toLowerCase())
    : field.values.includes(value as string);
  return !known;
}

/** Reports a refused value; the path and holder are built only then. */
function check(context: RuleContext, index: number, path: () => string, holder: () => string, value: unknown, field: EnumField): void {
  if (!refused(value, field)) return;
  const at = path();
  const name = at.slice(at.lastIndexOf('.') + 1);
  context.error(index, at, `${holder()} has ${name} ${show(value)}, ${field.refusal}: use one of ${field.values.map((v) => show(v)).join(', ')}, ${field.otherwise}`);
}

/** A VM's (or pool template's) matchers and update strategy. */
function virtualMachines(context: RuleContext): void {
  const listed = context.vms;
  for (let n = 0; n < listed.length; n++) {
    const entry = listed[n];
    const { index, vm, objectPath } = entry;
    if (vm.kind !== 'VirtualMachine') continue;
    const spec = vm.object.spec ?? {};
    for (const [matcher, kind] of MATCHERS) {
      if (!isMap(spec[matcher])) continue;
      check(context, index, () => `${objectPath}spec.${matcher}.kind`, () => entry.holder, spec[matcher].kind, kind);
      check(context, index, () => `${objectPath}spec.${matcher}.inferFromVolumeFailurePolicy`, () => entry.holder, spec[matcher].inferFromVolumeFailurePolicy, INFER_FAILURE_POLICY);
    }
    if (refused(spec.updateVolumesStrategy, UPDATE_VOLUMES_STRATEGY)) {
      check(context, index, () => `${objectPath}spec.updateVolumesStrategy`, () => entry.holder, spec.updateVolumesStrategy, UPDATE_VOLUMES_STRATEGY);
    }
  }
}

const MATCHERS = [['instancetype', INSTANCETYPE_KIND], ['preference', PREFERENCE_KIND]] as const;
// The claim definitions of a DataVolume spec (a constant: the loop visits every spec of a fleet).
const TARGETS = ['pvc', 'storage'];

/** The volume mode of PersistentVolumeClaims and of the claims DataVolumes (and VM DataVolume templates) ask for. */
function volumeModes(context: RuleContext): void {
  const listed = context.viewsOfKind('PersistentVolumeClaim');
  for (let n = 0; n < listed.length; n++) {
    const { index, object, group } = listed[n];
    if (group !== '') continue;
    const mode = object.spec?.volumeMode;
    if (mode === 'FromStorageProfile' && object.metadata?.labels?.[APPLY_STORAGE_PROFILE] === 'true') continue;
    check(context, index, () => 'spec.volumeMode', () => `PersistentVolumeClaim ${show(qualifiedName(object.metadata?.namespace, object.metadata?.name))}`, mode, CLAIM_VOLUME_MODE);
  }
  const specs = dataVolumeSpecs(context);
  for (let n = 0; n < specs.length; n++) {
    const view = specs[n];
    const spec = view.spec;
    for (let t = 0; t < TARGETS.length; t++) {
      const target = TARGETS[t];
      if (isMap(spec[target]) && refused(spec[target].volumeMode, VOLUME_MODE)) {
        check(context, view.index, () => `${view.path}.${target}.volumeMode`, () => view.holder, spec[target].volumeMode, VOLUME_MODE);
      }
    }
  }
}

/** Enum-like string fields the schemas leave open, checked against the constants upstream accepts. */
export const apiEnums: Rule = {
  id: 'api-enums',
  order: 9600,
  summary: 'string fields whose upstream Go type declares the values and that KubeVirt or the API server refuses otherwise, where the schema has no enum: instance type and preference `kind` and `inferFromVolumeFailurePolicy`, `updateVolumesStrategy`, and the `volumeMode` of claims and DataVolumes',
  // The constants: staging/src/kubevirt.io/api/core/v1/types.go (InferFromVolumeFailurePolicy, UpdateVolumesStrategy); each check cites who refuses.
  reference: `${KUBEVIRT}/staging/src/kubevirt.io/api/core/v1/types.go`,
  source: RuleSource.KUBEVIRT,
  check(context) {
    virtualMachines(context);
    volumeModes(context);
  },
};
