// HyperConverged, KubeVirt and CDI as their operators report them. None of the three projects
// ships a status fixture in YAML; the conditions below are the ones their controllers write,
// with the reasons and messages of the cited code.
import { HealthSample, meta } from './sample';

type Condition = Record<string, unknown>;

/** A metav1.Condition as HCO writes it (with its observedGeneration). */
function hcoCondition(type: string, status: string, reason: string, message: string, observedGeneration: number): Condition {
  return { type, status, reason, message, observedGeneration, lastTransitionTime: '2026-03-02T09:16:41Z' };
}

function hyperConverged(generation: number, status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: meta('kubevirt-hyperconverged', generation, { namespace: 'openshift-cnv' }),
    spec: { infra: {}, workloads: {} },
    ...(status ? { status } : {}),
  };
}

const HCO_READY = 'Reconcile completed successfully';

/** Conditions of a reconciled HyperConverged (aggregateComponentConditions, #chart 14-18). */
function hcoReadyConditions(generation: number): Condition[] {
  return [
    hcoCondition('ReconcileComplete', 'True', 'ReconcileCompleted', HCO_READY, generation),
    hcoCondition('Available', 'True', 'ReconcileCompleted', HCO_READY, generation),
    hcoCondition('Progressing', 'False', 'ReconcileCompleted', HCO_READY, generation),
    hcoCondition('Degraded', 'False', 'ReconcileCompleted', HCO_READY, generation),
    hcoCondition('Upgradeable', 'True', 'ReconcileCompleted', HCO_READY, generation),
  ];
}

const HCO_VERSIONS = [{ name: 'operator', version: '1.18.1' }];

export const HYPERCONVERGED_SAMPLES: HealthSample[] = [
  {
    name: 'just created, no status',
    obj: hyperConverged(1),
    argo: { status: 'Progressing', message: 'no status yet: waiting for the HyperConverged Cluster Operator to reconcile the HyperConverged' },
    flux: 'Unknown',
  },
  {
    // kubevirt/hyperconverged-cluster-operator@v1.18.1:controllers/hyperconverged/hyperconverged_controller.go setInitialConditions
    name: 'initializing',
    obj: hyperConverged(1, {
      conditions: [
        hcoCondition('ReconcileComplete', 'Unknown', 'Init', 'Initializing HyperConverged cluster', 1),
        hcoCondition('Available', 'False', 'Init', 'Initializing HyperConverged cluster', 1),
        hcoCondition('Progressing', 'True', 'Init', 'Initializing HyperConverged cluster', 1),
        hcoCondition('Degraded', 'False', 'Init', 'Initializing HyperConverged cluster', 1),
        hcoCondition('Upgradeable', 'Unknown', 'Init', 'Initializing HyperConverged cluster', 1),
      ],
      observedGeneration: 1,
      versions: HCO_VERSIONS,
    }),
    argo: { status: 'Progressing', message: 'Progressing=True: Init: Initializing HyperConverged cluster' },
  },
  {
    // same file, aggregateComponentConditions when no component reports a problem
    name: 'reconciled',
    obj: hyperConverged(2, { conditions: hcoReadyConditions(2), observedGeneration: 2, systemHealthStatus: 'healthy', versions: HCO_VERSIONS }),
    argo: { status: 'Healthy', message: 'Available=True: ReconcileCompleted: Reconcile completed successfully' },
  },
  {
    // controllers/operands/operand.go handleOperandDegradedCond, then aggregateComponentConditions #chart 1-7
    name: 'a component is degraded',
    obj: hyperConverged(2, {
      conditions: [
        hcoCondition('ReconcileComplete', 'True', 'ReconcileCompleted', HCO_READY, 2),
        hcoCondition('Available', 'False', 'HCODegraded', 'HCO is not available due to degraded components', 2),
        hcoCondition('Progressing', 'False', 'ReconcileCompleted', HCO_READY, 2),
        hcoCondition('Degraded', 'True', 'KubeVirtDegraded', 'KubeVirt is degraded: An error occurred during deployment: virt-api is not ready', 2),
        hcoCondition('Upgradeable', 'False', 'HCODegraded', 'HCO is not Upgradeable due to degraded components', 2),
      ],
      observedGeneration: 2,
      systemHealthStatus: 'error',
      versions: HCO_VERSIONS,
    }),
    argo: { status: 'Degraded', message: 'Degraded=True: KubeVirtDegraded: KubeVirt is degraded: An error occurred during deployment: virt-api is not ready' },
  },
  {
    // completeReconciliation in upgrade mode: Progressing=True HCOUpgrading while a component is still degraded
    name: 'upgrading with a degraded component',
    obj: hyperConverged(2, {
      conditions: [
        hcoCondition('Available', 'False', 'HCODegraded', 'HCO is not available due to degraded components', 2),
        hcoCondition('Progressing', 'True', 'HCOUpgrading', 'HCO is now upgrading to version 1.18.1', 2),
        hcoCondition('Degraded', 'True', 'KubeVirtDegraded', 'KubeVirt is degraded: Transitioning from previous version', 2),
      ],
      observedGeneration: 2,
    }),
    argo: {
      status: 'Progressing',
      message: 'Progressing=True: HCOUpgrading: HCO is now upgrading to version 1.18.1; Degraded=True: KubeVirtDegraded: KubeVirt is degraded: Transitioning from previous version',
    },
  },
  {
    // updateStatus sets status.observedGeneration on the next reconcile; until then the status is the old generation's
    name: 'stale status after an edit',
    obj: hyperConverged(3, { conditions: hcoReadyConditions(2), observedGeneration: 2, versions: HCO_VERSIONS }),
    argo: { status: 'Progressing', message: 'waiting for the HyperConverged Cluster Operator: status describes generation 2, the object is at generation 3' },
  },
  {
    // metav1.Condition.observedGeneration behind the object although status.observedGeneration caught up
    name: 'conditions of an older generation',
    obj: hyperConverged(3, { conditions: hcoReadyConditions(2), observedGeneration: 3, versions: HCO_VERSIONS }),
    argo: { status: 'Progressing', message: 'waiting for the HyperConverged Cluster Operator: Available describes generation 2, the object is at generation 3' },
  },
];

/** A KubeVirt condition as virt-operator writes it (pkg/virt-operator/util/client.go updateCondition). */
function kvCondition(type: string, status: string, reason: string, message: string): Condition {
  return { type, status, reason, message, lastProbeTime: '2026-03-02T09:18:02Z', lastTransitionTime: '2026-03-02T09:18:02Z' };
}

function kubeVirt(generation: number, status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'KubeVirt',
    metadata: meta('kubevirt', generation, { namespace: 'kubevirt', finalizers: ['kubevirt.io/foregroundDeleteKubeVirt'] }),
    spec: {
      certificateRotateStrategy: {},
      configuration: { developerConfiguration: { featureGates: [] } },
      customizeComponents: {},
      workloadUpdateStrategy: {},
    },
    ...(status ? { status } : {}),
  };
}

const KV_VERSIONS = {
  operatorVersion: 'v1.9.0',
  targetKubeVirtRegistry: 'quay.io/kubevirt',
  targetKubeVirtVersion: 'v1.9.0',
  observedKubeVirtRegistry: 'quay.io/kubevirt',
  observedKubeVirtVersion: 'v1.9.0',
  defaultArchitecture: 'amd64',
};

// UpdateConditionsCreated + UpdateConditionsAvailable, phase Deployed, observedGeneration (pkg/virt-operator/kubevirt.go)
function kvDeployed(generation: number, observedGeneration: number): Record<string, unknown> {
  return kubeVirt(generation, {
    ...KV_VERSIONS,
    phase: 'Deployed',
    observedGeneration,
    conditions: [
      kvCondition('Available', 'True', 'AllComponentsReady', 'All components are ready.'),
      kvCondition('Progressing', 'False', 'AllComponentsReady', 'All components are ready.'),
      kvCondition('Degraded', 'False', 'AllComponentsReady', 'All components are ready.'),
      kvCondition('Created', 'True', 'AllResourcesCreated', 'All resources were created.'),
    ],
  });
}

// Sources: kubevirt/kubevirt@v1.9.0:pkg/virt-operator/util/client.go (UpdateConditions*, ConditionReason*),
// pkg/virt-operator/kubevirt.go (phase Deployed and observedGeneration once all components are ready).
export const KUBEVIRT_SAMPLES: HealthSample[] = [
  {
    name: 'just created, no status',
    obj: kubeVirt(1),
    argo: { status: 'Progressing', message: 'no status yet: waiting for virt-operator to reconcile the KubeVirt' },
    flux: 'Unknown',
  },
  {
    name: 'deploying',
    obj: kubeVirt(1, {
      ...KV_VERSIONS,
      phase: 'Deploying',
      conditions: [
        kvCondition('Available', 'False', 'DeploymentInProgress', 'Deploying version v1.9.0 with registry quay.io/kubevirt'),
        kvCondition('Progressing', 'True', 'DeploymentInProgress', 'Deploying version v1.9.0 with registry quay.io/kubevirt'),
        kvCondition('Degraded', 'False', 'DeploymentInProgress', 'Deploying version v1.9.0 with registry quay.io/kubevirt'),
      ],
    }),
    argo: { status: 'Progressing', message: 'Progressing=True: DeploymentInProgress: Deploying version v1.9.0 with registry quay.io/kubevirt' },
  },
  {
    name: 'deployed',
    obj: kvDeployed(1, 1),
    argo: { status: 'Healthy', message: 'Available=True: AllComponentsReady: All components are ready.' },
  },
  {
    name: 'deployment failed',
    obj: kubeVirt(1, {
      ...KV_VERSIONS,
      phase: 'Deploying',
      conditions: [
        kvCondition('Synchronized', 'False', 'DeploymentFailed', 'An error occurred during deployment: unable to create install strategy'),
        kvCondition('Available', 'False', 'DeploymentFailed', 'An error occurred during deployment: unable to create install strategy'),
        kvCondition('Progressing', 'False', 'DeploymentFailed', 'An error occurred during deployment: unable to create install strategy'),
        kvCondition('Degraded', 'True', 'DeploymentFailed', 'An error occurred during deployment: unable to create install strategy'),
      ],
    }),
    argo: { status: 'Degraded', message: 'Degraded=True: DeploymentFailed: An error occurred during deployment: unable to create install strategy' },
  },
  {
    // UpdateConditionsUpdating: all three conditions True during an update
    name: 'updating',
    obj: kubeVirt(2, {
      ...KV_VERSIONS,
      targetKubeVirtVersion: 'v1.9.0',
      observedKubeVirtVersion: 'v1.8.4',
      phase: 'Deployed',
      observedGeneration: 2,
      conditions: [
        kvCondition('Available', 'True', 'UpdateInProgress', 'Transitioning from previous version v1.8.4 with registry quay.io/kubevirt to target version v1.9.0 using registry quay.io/kubevirt'),
        kvCondition('Progressing', 'True', 'UpdateInProgress', 'Transitioning from previous version v1.8.4 with registry quay.io/kubevirt to target version v1.9.0 using registry quay.io/kubevirt'),
        kvCondition('Degraded', 'True', 'UpdateInProgress', 'Transitioning from previous version v1.8.4 with registry quay.io/kubevirt to target version v1.9.0 using registry quay.io/kubevirt'),
      ],
    }),
    argo: {
      status: 'Progressing',
      message: 'Progressing=True: UpdateInProgress: Transitioning from previous version v1.8.4 with registry quay.io/kubevirt to target version v1.9.0 using registry quay.io/kubevirt; Degraded=True: UpdateInProgress: Transitioning from previous version v1.8.4 with registry quay.io/kubevirt to target version v1.9.0 using registry quay.io/kubevirt',
    },
  },
  {
    // observedGeneration is written only when the deployment is ready again
    name: 'stale status after an edit',
    obj: kvDeployed(2, 1),
    argo: { status: 'Progressing', message: 'waiting for virt-operator: status describes generation 1, the object is at generation 2' },
  },
  {
    // UpdateConditionsDeleting: Degraded=True while the phase is Deleting
    name: 'being deleted',
    obj: kubeVirt(1, {
      ...KV_VERSIONS,
      phase: 'Deleting',
      conditions: [
        kvCondition('Available', 'False', 'DeletionInProgress', 'Deletion was triggered'),
        kvCondition('Progressing', 'False', 'DeletionInProgress', 'Deletion was triggered'),
        kvCondition('Degraded', 'True', 'DeletionInProgress', 'Deletion was triggered'),
      ],
    }),
    argo: { status: 'Progressing', message: 'phase Deleting' },
  },
];

/** A condition as the CDI operator writes it (openshift/custom-resource-status conditions/v1). */
function cdiCondition(type: string, status: string, reason?: string, message?: string): Condition {
  return {
    type,
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    lastHeartbeatTime: '2026-03-02T09:20:11Z',
    lastTransitionTime: '2026-03-02T09:20:11Z',
  };
}

function cdi(status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'CDI',
    metadata: meta('cdi', 1),
    spec: { imagePullPolicy: 'IfNotPresent', infra: {}, workload: {} },
    ...(status ? { status } : {}),
  };
}

const CDI_VERSIONS = { operatorVersion: 'v1.66.0', targetVersion: 'v1.66.0', observedVersion: 'v1.66.0' };

// Sources: kubevirt/containerized-data-importer@v1.66.0:vendor/kubevirt.io/controller-lifecycle-operator-sdk/
// pkg/sdk/cr-status.go (MarkCrDeploying, MarkCrHealthyMessage, MarkCrFailed, MarkCrUpgradeHealingDegraded)
// and pkg/sdk/reconciler/reconciler.go (phases, reasons DeployStarted, DeployCompleted, ConfigError, UpgradeStarted).
export const CDI_SAMPLES: HealthSample[] = [
  {
    name: 'just created, no status',
    obj: cdi(),
    argo: { status: 'Progressing', message: 'no status yet: waiting for the CDI operator to reconcile the CDI' },
    flux: 'Unknown',
  },
  {
    name: 'deploying',
    obj: cdi({
      phase: 'Deploying',
      operatorVersion: 'v1.66.0',
      targetVersion: 'v1.66.0',
      conditions: [
        cdiCondition('Available', 'False'),
        cdiCondition('Progressing', 'True', 'DeployStarted', 'Started Deployment'),
        cdiCondition('Degraded', 'False'),
      ],
    }),
    argo: { status: 'Progressing', message: 'Progressing=True: DeployStarted: Started Deployment' },
  },
  {
    name: 'deployed',
    obj: cdi({
      ...CDI_VERSIONS,
      phase: 'Deployed',
      conditions: [
        cdiCondition('Available', 'True', 'DeployCompleted', 'Deployment Completed'),
        cdiCondition('Progressing', 'False'),
        cdiCondition('Degraded', 'False'),
      ],
    }),
    argo: { status: 'Healthy', message: 'Available=True: DeployCompleted: Deployment Completed' },
  },
  {
    name: 'configuration error',
    obj: cdi({
      phase: 'Error',
      operatorVersion: 'v1.66.0',
      targetVersion: 'v1.66.0',
      conditions: [
        cdiCondition('Available', 'False'),
        cdiCondition('Progressing', 'False'),
        cdiCondition('Degraded', 'True', 'ConfigError', 'Reconciling to error state, unwanted CDI object'),
      ],
    }),
    argo: { status: 'Degraded', message: 'Degraded=True: ConfigError: Reconciling to error state, unwanted CDI object' },
  },
  {
    name: 'a deployment of a deployed CDI is not ready',
    obj: cdi({
      ...CDI_VERSIONS,
      phase: 'Deployed',
      conditions: [
        cdiCondition('Available', 'True', 'DeployCompleted', 'Deployment Completed'),
        cdiCondition('Progressing', 'False'),
        cdiCondition('Degraded', 'True'),
      ],
    }),
    argo: { status: 'Degraded', message: 'Degraded=True' },
  },
  {
    name: 'upgrading',
    obj: cdi({
      phase: 'Upgrading',
      operatorVersion: 'v1.66.0',
      targetVersion: 'v1.66.0',
      observedVersion: 'v1.65.0',
      conditions: [
        cdiCondition('Available', 'True'),
        cdiCondition('Progressing', 'True'),
        cdiCondition('Degraded', 'True', 'UpgradeStarted', 'Started upgrade to version v1.66.0'),
      ],
    }),
    argo: { status: 'Progressing', message: 'Progressing=True; Degraded=True: UpgradeStarted: Started upgrade to version v1.66.0' },
  },
];
