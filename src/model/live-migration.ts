// The live-migration vocabulary shared by the constructs that write it (VirtualMachine) and
// the rules that judge it (validation): modes, the eviction strategies they write, reasons.
import { VmView } from './object-index';

/**
 * Why a VM cannot live-migrate. The values are the reasons KubeVirt writes into a VMI's
 * `LiveMigratable` condition (`CPUModeLiveMigratable` is spelled so upstream), so what synth
 * reports matches what `kubectl get vmi -o yaml` would say on the cluster.
 */
export enum MigrationBlockerReason {
  /** A disk on storage that only one node can mount (not ReadWriteMany), or node-local state. */
  DISKS = 'DisksNotLiveMigratable',
  /** Bridge binding on the pod network, or a declared port KubeVirt reserves for migration. */
  INTERFACE = 'InterfaceNotLiveMigratable',
  /** host-passthrough CPU: the exact host CPU is exposed to the guest. */
  CPU_MODE = 'CPUModeLiveMigratable',
  /** PCI host devices, or any GPU (one mediated GPU moves only behind an alpha feature gate). */
  HOST_DEVICE = 'HostDeviceNotLiveMigratable',
  /** A filesystem shared through virtiofs. */
  VIRTIOFS = 'VirtIOFSNotLiveMigratable',
  /** A LUN with SCSI persistent reservation. */
  PERSISTENT_RESERVATION = 'PersistentReservationNotLiveMigratable',
  /** Hyper-V passthrough. */
  HYPERV_PASSTHROUGH = 'HypervPassthroughNotLiveMigratable',
  /** AMD SEV confidential computing. */
  SEV = 'SEVNotLiveMigratable',
  /** IBM Secure Execution (s390x) confidential computing. */
  SECURE_EXECUTION = 'SecureExecutionNotLiveMigratable',
  /** Intel TDX confidential computing. */
  TDX = 'TDXNotLiveMigratable',
  /**
   * The VM is pinned to one node by name. Not a KubeVirt condition reason (KubeVirt reports
   * such a VM migratable, and the migration then never finds a target node): ours.
   */
  NODE_AFFINITY = 'NodeAffinityNotLiveMigratable',
}

/** How strictly a VM's ability to live-migrate is checked at synth time. */
export enum LiveMigrationMode {
  /**
   * The VM must live-migrate: `evictionStrategy: LiveMigrate` is set, and synth fails with every
   * reason it could not. Stricter than KubeVirt: disks that KubeVirt would block-migrate
   * (container disks, empty disks) are refused too, unless block migration is allowed.
   */
  REQUIRED = 'required',
  /** Live-migrate when possible (`evictionStrategy: LiveMigrateIfPossible`); reasons are warnings. */
  PREFERRED = 'preferred',
  /** No check, no eviction strategy written (the cluster's default applies). */
  OFF = 'off',
}

/**
 * Annotation on a VirtualMachine that accepts block migration: KubeVirt then copies container
 * and empty disks during migration, and `required` mode stops refusing them.
 */
export const ALLOW_BLOCK_MIGRATION_ANNOTATION = 'kubevirt-constructs.io/allow-block-migration';

/** The annotation that lets KubeVirt migrate a VM with bridge binding on the pod network. */
export const ALLOW_POD_BRIDGE_MIGRATION_ANNOTATION = 'kubevirt.io/allow-pod-bridge-network-live-migration';

/** One reason a VM cannot live-migrate. */
export interface MigrationBlocker {
  /** KubeVirt's name for the reason. */
  readonly reason: MigrationBlockerReason;
  /** Field path in the VM object, e.g. `spec.template.spec.volumes[0]`. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /**
   * What outside the objects judged decides the reason (a claim that may exist in the cluster,
   * the cluster's default interface binding), when something does: with it, it could go away.
   * @default - nothing: the objects decide it
   */
  readonly unresolved?: string;
}

/** The live-migration readiness of one VM. */
export interface LiveMigrationReport {
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  /** The mode in effect, read from `evictionStrategy`. */
  readonly mode: LiveMigrationMode;
  /** Whether block migration is accepted (the annotation). */
  readonly allowBlockMigration: boolean;
  /** True when nothing blocks live migration. */
  readonly migratable: boolean;
  /** Every reason, in field order. */
  readonly blockers: MigrationBlocker[];
}

/** The `evictionStrategy` each mode writes; the analysis reads the mode back from it. */
export const EVICTION_STRATEGY_OF_MODE: Readonly<Record<LiveMigrationMode, string | undefined>> = {
  [LiveMigrationMode.REQUIRED]: 'LiveMigrate',
  [LiveMigrationMode.PREFERRED]: 'LiveMigrateIfPossible',
  [LiveMigrationMode.OFF]: undefined,
};

/** The first mode (in EVICTION_STRATEGY_OF_MODE's order) that writes each eviction strategy. */
const MODE_OF_STRATEGY = new Map<unknown, LiveMigrationMode>();
for (const mode of Object.keys(EVICTION_STRATEGY_OF_MODE) as LiveMigrationMode[]) {
  const strategy = EVICTION_STRATEGY_OF_MODE[mode];
  if (strategy !== undefined && !MODE_OF_STRATEGY.has(strategy)) MODE_OF_STRATEGY.set(strategy, mode);
}

/** The mode a VM object asks for, from its eviction strategy (asked twice for every VM of a validation). */
export function liveMigrationModeOf(vm: VmView): LiveMigrationMode {
  return MODE_OF_STRATEGY.get(vm.spec.evictionStrategy) ?? LiveMigrationMode.OFF;
}
