import { HealthSample, meta } from './sample';

const TEMPLATE = {
  metadata: { labels: { 'kubevirt.io/domain': 'testvm' } },
  spec: {
    domain: { devices: { disks: [{ disk: { bus: 'virtio' }, name: 'rootdisk' }] }, resources: { requests: { memory: '2Gi' } } },
    volumes: [{ dataVolume: { name: 'testvm-root' }, name: 'rootdisk' }],
  },
};

/** A VirtualMachine with the run fields given (`{ runStrategy }`, `{ running }` or none). */
export function virtualMachine(run: Record<string, unknown>, status?: Record<string, unknown>, generation = 1): Record<string, unknown> {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: meta('testvm', generation, { namespace: 'default' }),
    spec: { ...run, template: TEMPLATE },
    ...(status ? { status } : {}),
  };
}

// Statuses below follow Argo CD's KubeVirt fixtures (argoproj/argo-cd@v3.5.1:
// resource_customizations/kubevirt.io/VirtualMachine/testdata/*.yaml, taken from a cluster),
// where noted; lastProbeTime: null is kept as kubectl prints it.
const READY_TRUE = { lastProbeTime: null, lastTransitionTime: '2021-09-10T16:17:44Z', status: 'True', type: 'Ready' };
const VMI_DOES_NOT_EXIST = {
  lastProbeTime: '2021-09-10T16:11:53Z', lastTransitionTime: '2021-09-10T16:11:53Z', message: 'VMI does not exist', reason: 'VMINotExists', status: 'False', type: 'Ready',
};
const STOPPED_STATUS = { conditions: [VMI_DOES_NOT_EXIST], printableStatus: 'Stopped' };

export const VIRTUAL_MACHINE_SAMPLES: HealthSample[] = [
  {
    name: 'no status yet',
    obj: virtualMachine({ runStrategy: 'Always' }),
    argo: { status: 'Progressing', message: 'no status yet: waiting for virt-controller' },
    flux: 'Unknown',
  },
  {
    // testdata/healthy_ready.yaml
    name: 'running and ready',
    obj: virtualMachine({ running: true }, { conditions: [READY_TRUE], created: true, printableStatus: 'Running', ready: true }),
    argo: { status: 'Healthy', message: 'Running and Ready' },
  },
  {
    // testdata/suspended_stopped.yaml: deprecated running: false, which KubeVirt reads as Halted
    name: 'stopped on purpose with running: false',
    obj: virtualMachine({ running: false }, STOPPED_STATUS),
    argo: { status: 'Healthy', message: 'Stopped, as runStrategy Halted declares' },
  },
  {
    name: 'stopped on purpose with runStrategy Halted',
    obj: virtualMachine({ runStrategy: 'Halted' }, STOPPED_STATUS),
    argo: { status: 'Healthy', message: 'Stopped, as runStrategy Halted declares' },
  },
  {
    name: 'stopped under runStrategy Manual',
    obj: virtualMachine({ runStrategy: 'Manual' }, STOPPED_STATUS),
    argo: { status: 'Healthy', message: 'Stopped, as runStrategy Manual declares' },
  },
  {
    // VirtualMachine.RunStrategy() (kubevirt/kubevirt@v1.9.0 types.go): neither field is Halted
    name: 'stopped with neither running nor runStrategy',
    obj: virtualMachine({}, STOPPED_STATUS),
    argo: { status: 'Healthy', message: 'Stopped, as runStrategy Halted declares' },
  },
  {
    name: 'stopped although runStrategy Always',
    obj: virtualMachine({ runStrategy: 'Always' }, STOPPED_STATUS),
    argo: { status: 'Progressing', message: 'Stopped; runStrategy Always expects it to run' },
  },
  {
    // testdata/progressing_starting.yaml
    name: 'starting',
    obj: virtualMachine({ runStrategy: 'Always' }, {
      conditions: [{
        lastProbeTime: '2021-09-10T16:17:33Z', lastTransitionTime: '2021-09-10T16:17:33Z', message: 'Guest VM is not reported as running', reason: 'GuestNotRunning', status: 'False', type: 'Ready',
      }],
      created: true,
      printableStatus: 'Starting',
    }),
    argo: { status: 'Progressing', message: 'Starting: Guest VM is not reported as running' },
  },
  {
    // testdata/suspended_paused.yaml: a paused VM still reports ready
    name: 'paused',
    obj: virtualMachine({ running: true }, {
      conditions: [READY_TRUE, {
        lastProbeTime: '2021-09-24T18:48:57Z', lastTransitionTime: '2021-09-24T18:48:57Z', message: 'VMI was paused by user', reason: 'PausedByUser', status: 'True', type: 'Paused',
      }],
      created: true,
      printableStatus: 'Paused',
      ready: true,
    }),
    argo: { status: 'Suspended', message: 'Paused' },
  },
  {
    // pkg/virt-controller/watch/vm/vm.go isVirtualMachineStatusUnschedulable: the VMI's PodScheduled=False/Unschedulable;
    // the Ready condition carries the scheduler's message
    name: 'unschedulable',
    obj: virtualMachine({ runStrategy: 'Always' }, {
      conditions: [{
        lastProbeTime: null, lastTransitionTime: '2026-03-02T10:01:12Z', message: '0/3 nodes are available: 3 Insufficient memory.', reason: 'Unschedulable', status: 'False', type: 'Ready',
      }],
      created: true,
      printableStatus: 'ErrorUnschedulable',
    }),
    argo: { status: 'Degraded', message: 'ErrorUnschedulable: 0/3 nodes are available: 3 Insufficient memory.' },
  },
  {
    name: 'running, readiness probe not passing yet',
    obj: virtualMachine({ runStrategy: 'Always' }, {
      conditions: [{ lastProbeTime: null, lastTransitionTime: '2026-03-02T10:03:40Z', reason: 'PodNotReady', status: 'False', type: 'Ready' }],
      created: true,
      printableStatus: 'Running',
    }),
    argo: { status: 'Progressing', message: 'Running, not Ready yet' },
  },
  {
    // types.go: WaitingForReceiver is the state of a receiver VM (runStrategy WaitAsReceiver) before the migration
    name: 'receiver waiting for its migration',
    obj: virtualMachine({ runStrategy: 'WaitAsReceiver' }, { printableStatus: 'WaitingForReceiver' }),
    argo: { status: 'Healthy', message: 'WaitingForReceiver, as runStrategy WaitAsReceiver declares' },
  },
  {
    // Flux compares status.observedGeneration (the generation the VMI was started from) with metadata.generation
    // before any expression, so a VM edited since it started waits in Flux until it restarts.
    name: 'running, edited since it started',
    obj: virtualMachine({ runStrategy: 'Always' }, {
      conditions: [READY_TRUE], created: true, printableStatus: 'Running', ready: true, observedGeneration: 1, desiredGeneration: 2,
    }, 2),
    argo: { status: 'Healthy', message: 'Running and Ready' },
    flux: 'InProgress',
  },
];

/**
 * Every printableStatus of kubevirt/kubevirt@v1.9.0:staging/src/kubevirt.io/api/core/v1/types.go
 * (VirtualMachinePrintableStatus), plus ErrorDataVolumeNotFound of v0.50-v0.56, and the health
 * of a VM with runStrategy Always, Ready=False, showing it.
 */
export const PRINTABLE_STATUS_HEALTH: ReadonlyArray<[string, string]> = [
  ['Stopped', 'Progressing'],
  ['Provisioning', 'Progressing'],
  ['Starting', 'Progressing'],
  ['Running', 'Progressing'],
  ['Paused', 'Suspended'],
  ['Stopping', 'Progressing'],
  ['Terminating', 'Progressing'],
  ['CrashLoopBackOff', 'Degraded'],
  ['Migrating', 'Progressing'],
  ['Unknown', 'Degraded'],
  ['ErrorUnschedulable', 'Degraded'],
  ['ErrImagePull', 'Degraded'],
  ['ImagePullBackOff', 'Degraded'],
  ['ErrorPvcNotFound', 'Degraded'],
  ['DataVolumeError', 'Degraded'],
  ['WaitingForVolumeBinding', 'Progressing'],
  ['WaitingForReceiver', 'Progressing'],
  ['ErrorDataVolumeNotFound', 'Degraded'],
];

function migration(status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstanceMigration',
    metadata: meta('migration-job', 1, { namespace: 'default' }),
    spec: { vmiName: 'testvm' },
    ...(status ? { status } : {}),
  };
}

const MIGRATION_STATE = {
  migrationUid: '6a1a6d4e-2f35-4b0e-8d5e-6f6c2a9b7c11',
  sourceNode: 'worker-0',
  sourcePod: 'virt-launcher-testvm-7xk2p',
  targetNode: 'worker-1',
  targetPod: 'virt-launcher-testvm-q9f4d',
  startTimestamp: '2026-03-02T11:00:02Z',
  mode: 'PreCopy',
};

// Phases and migrationState fields: kubevirt/kubevirt@v1.9.0:staging/src/kubevirt.io/api/core/v1/types.go
// (VirtualMachineInstanceMigrationPhase, VirtualMachineInstanceMigrationState); the abort reason is
// pkg/virt-handler/migration-target.go's.
export const MIGRATION_SAMPLES: HealthSample[] = [
  {
    name: 'not picked up yet',
    obj: migration(),
    argo: { status: 'Progressing', message: 'no phase yet: waiting for virt-controller to pick up the migration' },
  },
  {
    name: 'scheduling the target pod',
    obj: migration({ phase: 'Scheduling', phaseTransitionTimestamps: [{ phase: 'Pending', phaseTransitionTimestamp: '2026-03-02T11:00:00Z' }] }),
    argo: { status: 'Progressing', message: 'Scheduling' },
  },
  {
    name: 'running',
    obj: migration({ phase: 'Running', migrationState: MIGRATION_STATE }),
    argo: { status: 'Progressing', message: 'Running' },
  },
  {
    name: 'succeeded',
    obj: migration({ phase: 'Succeeded', migrationState: { ...MIGRATION_STATE, completed: true, endTimestamp: '2026-03-02T11:00:41Z' } }),
    argo: { status: 'Healthy', message: 'Succeeded' },
  },
  {
    name: 'aborted',
    obj: migration({
      phase: 'Failed',
      migrationState: { ...MIGRATION_STATE, failed: true, abortStatus: 'Succeeded', failureReason: 'Live migration has been aborted', endTimestamp: '2026-03-02T11:00:20Z' },
    }),
    argo: { status: 'Degraded', message: 'Failed: Live migration has been aborted' },
  },
  {
    name: 'failed before it started',
    obj: migration({ phase: 'Failed' }),
    argo: { status: 'Degraded', message: 'Failed' },
  },
];
