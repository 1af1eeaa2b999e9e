// The HyperConverged operator's feature gates (v1.18.1): the vocabulary the HyperConverged
// construct renders and the hco-feature-gates rule checks YAML against.

/** Feature gates of `hco.kubevirt.io/v1beta1` (a fixed set of fields in that version's schema). */
export const V1BETA1_FEATURE_GATES: readonly string[] = [
  'alignCPUs', 'autoResourceLimits', 'containerPathVolumes', 'decentralizedLiveMigration', 'declarativeHotplugVolumes',
  'deployKubeSecondaryDNS', 'deployKubevirtIpamController', 'deployTektonTaskResources', 'deployVmConsoleProxy',
  'disableMDevConfiguration', 'downwardMetrics', 'enableApplicationAwareQuota', 'enableCommonBootImageImport',
  'enableManagedTenantQuota', 'enableMultiArchBootImageImport', 'incrementalBackup', 'nonRoot', 'objectGraph',
  'persistentReservation', 'primaryUserDefinedNetworkBinding', 'videoConfig', 'withHostPassthroughCPU',
];

/**
 * Feature gates that `hco.kubevirt.io/v1` keeps, in the order the operator lists them, and
 * whether each is on when not listed (beta gates are, alpha gates are not).
 *
 * The CR is stored as v1beta1, so a v1 list goes through the operator's conversion on every
 * write and read: HCO v1.18.1 `api/v1beta1/zz_generated.featuregates_conversion.go` lists, in
 * this order, only the gates whose state differs from the default of their phase
 * (`pkg/featuregatedetails/feature-gates.json`), and `api/v1/featuregates/feature_gates.go`
 * prints `state` only when it is Disabled. Anything else we wrote would come back changed.
 * Phases move between operator releases (after v1.18.1, declarativeHotplugVolumes turns beta
 * and persistentReservation deprecated), so this list follows the operator release it names.
 */
export const V1_FEATURE_GATES: ReadonlyArray<{ readonly name: string; readonly enabledByDefault: boolean }> = [
  { name: 'downwardMetrics', enabledByDefault: false },
  { name: 'deployKubeSecondaryDNS', enabledByDefault: false },
  { name: 'disableMDevConfiguration', enabledByDefault: false },
  { name: 'persistentReservation', enabledByDefault: false },
  { name: 'alignCPUs', enabledByDefault: false },
  { name: 'enableMultiArchBootImageImport', enabledByDefault: false },
  { name: 'decentralizedLiveMigration', enabledByDefault: true },
  { name: 'declarativeHotplugVolumes', enabledByDefault: false },
  { name: 'videoConfig', enabledByDefault: true },
  { name: 'objectGraph', enabledByDefault: false },
  { name: 'incrementalBackup', enabledByDefault: false },
  { name: 'containerPathVolumes', enabledByDefault: false },
];
