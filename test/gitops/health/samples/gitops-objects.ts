// Subscription statuses follow Argo CD's OLM fixtures (argoproj/argo-cd@v3.5.1:
// resource_customizations/operators.coreos.com/Subscription/testdata/<file>, taken from clusters),
// trimmed of catalogHealth entries; Application statuses follow Argo CD's docs.
import { HealthSample, meta } from './sample';

function subscription(status?: Record<string, unknown>, installPlanApproval = 'Automatic'): Record<string, unknown> {
  return {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'Subscription',
    metadata: meta('kubevirt-hyperconverged', 1, { namespace: 'openshift-cnv' }),
    spec: { channel: 'stable', installPlanApproval, name: 'kubevirt-hyperconverged', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    ...(status ? { status } : {}),
  };
}

const CATALOGS_HEALTHY = {
  lastTransitionTime: '2021-08-23T16:03:23Z', message: 'all available catalogsources are healthy', reason: 'AllCatalogSourcesHealthy', status: 'False', type: 'CatalogSourcesUnhealthy',
};
const CATALOG_MISSING = {
  lastTransitionTime: '2021-08-25T21:16:59Z', message: 'targeted catalogsource openshift-marketplace/redhat-op missing', reason: 'UnhealthyCatalogSourceFound', status: 'True', type: 'CatalogSourcesUnhealthy',
};

function planRef(name: string): Record<string, unknown> {
  return {
    installPlanRef: { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'InstallPlan', name, namespace: 'openshift-operators', resourceVersion: '49175', uid: '5dfc3b72-b1a7-49b1-868a-c288ccefc667' },
    installplan: { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'InstallPlan', name, uuid: '5dfc3b72-b1a7-49b1-868a-c288ccefc667' },
  };
}

// healthy.yaml
const INSTALLED = {
  ...planRef('install-m7wvs'),
  conditions: [CATALOGS_HEALTHY],
  currentCSV: 'openshift-gitops-operator.v1.2.0',
  installedCSV: 'openshift-gitops-operator.v1.2.0',
  installPlanGeneration: 1,
  lastUpdated: '2021-08-23T16:03:53Z',
  state: 'AtLatestKnown',
};

export const SUBSCRIPTION_SAMPLES: HealthSample[] = [
  {
    name: 'no status yet',
    obj: subscription(),
    argo: { status: 'Progressing', message: 'no status yet: waiting for OLM to resolve the Subscription' },
  },
  {
    // first_update_with_status.yaml
    name: 'first status, nothing resolved',
    obj: subscription({ conditions: [{ ...CATALOGS_HEALTHY, reason: 'CatalogSourcesAdded' }], lastUpdated: '2024-10-14T08:37:15Z' }),
    argo: { status: 'Progressing', message: 'no CSV installed yet (currentCSV not resolved)' },
  },
  {
    // install_plan_pending.yaml: the InstallPlan is installing, nothing installed yet
    name: 'InstallPlan pending',
    obj: subscription({
      ...planRef('install-gldzx'),
      conditions: [CATALOGS_HEALTHY, { lastTransitionTime: '2021-08-25T20:55:36Z', reason: 'Installing', status: 'True', type: 'InstallPlanPending' }],
      currentCSV: 'openshift-gitops-operator.v1.2.0',
      installPlanGeneration: 2,
      lastUpdated: '2021-08-25T20:55:36Z',
      state: 'UpgradePending',
    }),
    argo: { status: 'Progressing', message: 'InstallPlanPending=True: Installing; InstallPlan install-gldzx' },
  },
  {
    // install_plan_manual_upgrade_pending.yaml: an upgrade waits for manual approval; the old CSV still runs
    name: 'upgrade waiting for manual approval',
    obj: subscription({
      ...planRef('install-sm4qt'),
      conditions: [CATALOGS_HEALTHY, { lastTransitionTime: '2025-03-05T20:16:14Z', reason: 'RequiresApproval', status: 'True', type: 'InstallPlanPending' }],
      currentCSV: 'camel-k-operator.v2.6.0',
      installedCSV: 'camel-k-operator.v2.5.1',
      installPlanGeneration: 2,
      lastUpdated: '2025-03-05T20:16:20Z',
      state: 'UpgradePending',
    }, 'Manual'),
    argo: { status: 'Progressing', message: 'InstallPlanPending=True: RequiresApproval; InstallPlan install-sm4qt' },
  },
  {
    // install_plan_manual_upgrade_pending_not_installed_yet.yaml: bundle still unpacking
    name: 'bundle unpacking',
    obj: subscription({
      ...planRef('install-2k2t8'),
      conditions: [CATALOGS_HEALTHY, { reason: 'UnpackingInProgress', status: 'True', type: 'BundleUnpacking' }],
      currentCSV: 'advanced-cluster-management.v2.14.0',
      state: 'UpgradePending',
    }),
    argo: { status: 'Progressing', message: 'BundleUnpacking=True: UnpackingInProgress' },
  },
  {
    // healthy.yaml
    name: 'installed at the latest known CSV',
    obj: subscription(INSTALLED),
    argo: { status: 'Healthy', message: 'installedCSV openshift-gitops-operator.v1.2.0 is the latest known' },
  },
  {
    // install_plan_missing.yaml: the completed InstallPlan was garbage-collected
    name: 'installed, its InstallPlan gone',
    obj: subscription({ ...INSTALLED, conditions: [CATALOGS_HEALTHY, { lastTransitionTime: '2021-08-30T21:43:30Z', reason: 'ReferencedInstallPlanNotFound', status: 'True', type: 'InstallPlanMissing' }] }),
    argo: { status: 'Healthy', message: 'installedCSV openshift-gitops-operator.v1.2.0 is the latest known' },
  },
  {
    // an InstallPlan has completed but the CSV it installs is not the installed one yet (no condition says so)
    name: 'installedCSV behind currentCSV',
    obj: subscription({ ...INSTALLED, currentCSV: 'openshift-gitops-operator.v1.3.0', state: 'UpgradePending' }),
    argo: { status: 'Progressing', message: 'installedCSV openshift-gitops-operator.v1.2.0, currentCSV openshift-gitops-operator.v1.3.0: install or upgrade under way' },
  },
  {
    name: 'installed, a newer CSV available',
    obj: subscription({ ...INSTALLED, state: 'UpgradeAvailable' }),
    argo: { status: 'Progressing', message: 'installedCSV openshift-gitops-operator.v1.2.0, state UpgradeAvailable' },
  },
  {
    // install_plan_failed.yaml: state AtLatestKnown although the InstallPlan failed
    name: 'InstallPlan failed',
    obj: subscription({
      ...INSTALLED,
      conditions: [CATALOGS_HEALTHY, {
        lastTransitionTime: '2021-08-24T02:53:03Z',
        message: 'api-server resource not found installing CustomResourceDefinition gitopsservices.pipelines.openshift.io: GroupVersionKind apiextensions.k8s.io/v1beta1, Kind=CustomResourceDefinition not found on the cluster.',
        reason: 'InstallComponentFailed',
        status: 'True',
        type: 'InstallPlanFailed',
      }],
    }),
    argo: {
      status: 'Degraded',
      message: 'InstallPlanFailed=True: InstallComponentFailed: api-server resource not found installing CustomResourceDefinition gitopsservices.pipelines.openshift.io: GroupVersionKind apiextensions.k8s.io/v1beta1, Kind=CustomResourceDefinition not found on the cluster.',
    },
  },
  {
    // resolution_failed.yaml
    name: 'resolution failed',
    obj: subscription({
      conditions: [
        { ...CATALOG_MISSING, message: 'targeted catalogsource openshift-marketplace/redhat-operators66 missing' },
        { message: 'constraints not satisfiable: no operators found from catalog redhat-operators66 in namespace openshift-marketplace referenced by subscription openshift-gitops123-operator, subscription openshift-gitops123-operator exists', reason: 'ConstraintsNotSatisfiable', status: 'True', type: 'ResolutionFailed' },
      ],
      lastUpdated: '2021-08-31T17:39:12Z',
    }),
    argo: {
      status: 'Degraded',
      message: 'ResolutionFailed=True: ConstraintsNotSatisfiable: constraints not satisfiable: no operators found from catalog redhat-operators66 in namespace openshift-marketplace referenced by subscription openshift-gitops123-operator, subscription openshift-gitops123-operator exists',
    },
  },
  {
    // catalog_sources_unhealthy.yaml: nothing installed and its catalog missing
    name: 'catalog missing before install',
    obj: subscription({ conditions: [CATALOG_MISSING], lastUpdated: '2021-08-25T21:16:59Z' }),
    argo: { status: 'Degraded', message: 'no CSV installed; CatalogSourcesUnhealthy=True: UnhealthyCatalogSourceFound: targeted catalogsource openshift-marketplace/redhat-op missing' },
  },
  {
    name: 'installed, a catalog unhealthy since',
    obj: subscription({ ...INSTALLED, conditions: [CATALOG_MISSING] }),
    argo: {
      status: 'Healthy',
      message: 'installedCSV openshift-gitops-operator.v1.2.0 is the latest known; CatalogSourcesUnhealthy=True: UnhealthyCatalogSourceFound: targeted catalogsource openshift-marketplace/redhat-op missing',
    },
  },
];

function application(status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: meta('virtualization-runtime', 1, { namespace: 'argocd' }),
    spec: { destination: { namespace: 'openshift-cnv', server: 'https://kubernetes.default.svc' }, project: 'default', source: { path: 'runtime', repoURL: 'https://git.example.com/platform.git', targetRevision: 'main' } },
    ...(status ? { status } : {}),
  };
}

// argoproj/argo-cd@v3.5.1:docs/operator-manual/upgrading/2.14-3.0.md ("Health status in the Application CR"):
// status.health, status.sync, status.resourceHealthSource; operationState from pkg/apis/application/v1alpha1/types.go.
const RESOURCES = [{ group: 'apps', kind: 'Deployment', name: 'my-app', namespace: 'foo', status: 'OutOfSync', version: 'v1' }];

export const APPLICATION_SAMPLES: HealthSample[] = [
  {
    name: 'no status yet',
    obj: application(),
    argo: { status: 'Progressing', message: "waiting for the child Application's health" },
  },
  {
    name: 'Healthy and OutOfSync (the docs sample)',
    obj: application({ health: { status: 'Healthy', lastTransitionTime: '2025-01-01T00:00:00Z' }, resourceHealthSource: 'appTree', resources: RESOURCES, sync: { status: 'OutOfSync' } }),
    argo: { status: 'Progressing', message: 'the child Application is Healthy but OutOfSync' },
  },
  {
    name: 'Healthy and Synced',
    obj: application({ health: { status: 'Healthy', lastTransitionTime: '2025-01-01T00:00:00Z' }, resourceHealthSource: 'appTree', sync: { status: 'Synced', revision: '3b1d6f1c2e' } }),
    argo: { status: 'Healthy', message: 'the child Application is Healthy and Synced' },
  },
  {
    name: 'Healthy, sync status Unknown',
    obj: application({ health: { status: 'Healthy' }, sync: { status: 'Unknown' } }),
    argo: { status: 'Healthy', message: 'the child Application is Healthy; its sync status is not known' },
  },
  {
    name: 'Healthy and Synced while a sync operation runs',
    obj: application({
      health: { status: 'Healthy' },
      sync: { status: 'Synced' },
      operationState: { phase: 'Running', message: 'waiting for completion of hook batch/Job/migrate', startedAt: '2026-03-02T12:00:00Z' },
    }),
    argo: { status: 'Progressing', message: 'sync operation Running: waiting for completion of hook batch/Job/migrate' },
  },
  {
    name: 'Degraded',
    obj: application({ health: { status: 'Degraded', message: 'Deployment "my-app" exceeded its progress deadline' }, sync: { status: 'Synced' } }),
    argo: { status: 'Degraded', message: 'Deployment "my-app" exceeded its progress deadline' },
  },
  {
    name: 'Missing',
    obj: application({ health: { status: 'Missing' }, sync: { status: 'OutOfSync' } }),
    argo: { status: 'Missing', message: 'the child Application is Missing' },
  },
  {
    name: 'Suspended',
    obj: application({ health: { status: 'Suspended' }, sync: { status: 'Synced' } }),
    argo: { status: 'Progressing', message: 'the child Application is Suspended' },
  },
];
