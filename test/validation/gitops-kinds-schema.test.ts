// The GitOps kinds the library emits (Argo CD Application and AppProject, Flux Kustomization and
// GitRepository) are checked against their vendored upstream CRDs (schemas/crds/argo-cd_*,
// flux_*), made strict like every other kind: a misspelled field must not reach a cluster.
import { SchemaSource } from '../../src/validation/schema-store';
import { formatManifestIssue, validateManifests } from '../../src/validation/validate-manifests';

const UNKNOWN_FIELD = 'unknown field (not in the schema: misspelled or misplaced?)';

function application(): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'mq-vms', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    spec: {
      project: 'virtualization',
      source: { repoURL: 'https://git.example.com/platform/vms.git', path: 'dist/mq', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'mq' },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
        syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', 'RespectIgnoreDifferences=true'],
      },
      ignoreDifferences: [
        { group: 'kubevirt.io', kind: 'VirtualMachine', jqPathExpressions: ['.spec.template.metadata.annotations'] },
        { group: 'cdi.kubevirt.io', kind: 'DataVolume', jsonPointers: ['/spec/source', '/status'] },
      ],
    },
  };
}

function appProject(): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'virtualization', namespace: 'argocd' },
    spec: {
      description: 'Virtual machines of the MQ team',
      sourceRepos: ['https://git.example.com/platform/vms.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'mq' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceWhitelist: [{ group: 'kubevirt.io', kind: 'VirtualMachine' }, { group: 'cdi.kubevirt.io', kind: 'DataVolume' }],
    },
  };
}

function kustomization(): any {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'mq-vms', namespace: 'flux-system' },
    spec: {
      interval: '10m',
      retryInterval: '1m',
      timeout: '15m',
      path: './dist/mq',
      prune: true,
      wait: true,
      targetNamespace: 'mq',
      sourceRef: { kind: 'GitRepository', name: 'platform-vms' },
      dependsOn: [{ name: 'kubevirt-operator' }, { name: 'cdi', namespace: 'flux-system' }],
      // CEL health checks for custom resources: in the v1 CRD since kustomize-controller v1.5.0.
      healthCheckExprs: [{
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
        failed: "status.conditions.filter(e, e.type == 'Failure').all(e, e.status == 'True')",
      }],
    },
  };
}

function gitRepository(): any {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'platform-vms', namespace: 'flux-system' },
    spec: {
      url: 'https://git.example.com/platform/vms.git',
      interval: '5m',
      ref: { branch: 'main' },
      secretRef: { name: 'git-credentials' },
      ignore: '/*\n!/dist/\n',
    },
  };
}

// validateManifests is the schema check that validateObjects runs as its `schema` rule; it is
// called directly so these tests judge the schemas alone, not the cross-object rules.
/** `Kind namespace/name (#index) path: message` of each issue. */
function issuesOf(objects: unknown[]): string[] {
  return validateManifests(objects).issues.map(formatManifestIssue);
}

describe('schemas of the GitOps kinds (Argo CD and Flux CRDs)', () => {
  test('realistic Application, AppProject, Kustomization and GitRepository pass, each checked by its CRD', () => {
    const objects = [application(), appProject(), kustomization(), gitRepository()];
    const result = validateManifests(objects);
    expect(result.issues).toEqual([]);
    expect(result.checkedBySource).toEqual({
      [SchemaSource.KUBERNETES]: 0, [SchemaSource.STRICT_JSON]: 0, [SchemaSource.CRD]: 4,
    });
  });

  test('a misspelled field in each kind is an unknown field at its path', () => {
    const app = application();
    app.spec.syncPolicy.automated.selfheal = app.spec.syncPolicy.automated.selfHeal;
    delete app.spec.syncPolicy.automated.selfHeal;
    const project = appProject();
    project.spec.sourceRepo = project.spec.sourceRepos;
    delete project.spec.sourceRepos;
    const flux = kustomization();
    flux.spec.healthCheckExprs[0].inprogress = 'status.phase == "Starting"';
    const repo = gitRepository();
    repo.spec.ref = { brnch: 'main' };
    expect(issuesOf([app, project, flux, repo])).toEqual([
      `Application argocd/mq-vms (#0) spec.syncPolicy.automated.selfheal: ${UNKNOWN_FIELD}`,
      `AppProject argocd/virtualization (#1) spec.sourceRepo: ${UNKNOWN_FIELD}`,
      `Kustomization flux-system/mq-vms (#2) spec.healthCheckExprs[0].inprogress: ${UNKNOWN_FIELD}`,
      `GitRepository flux-system/platform-vms (#3) spec.ref.brnch: ${UNKNOWN_FIELD}`,
    ]);
  });

  test('types, enums, patterns and required fields of the CRDs are enforced too', () => {
    const app = application();
    app.spec.syncPolicy.retry.backoff.factor = '2';
    const flux = kustomization();
    flux.spec.interval = '10 minutes';
    flux.spec.sourceRef.kind = 'HelmRepository';
    delete flux.spec.prune;
    expect(issuesOf([app, flux])).toEqual([
      'Application argocd/mq-vms (#0) spec.syncPolicy.retry.backoff.factor: must be integer',
      'Kustomization flux-system/mq-vms (#1) spec.prune: required field is missing',
      'Kustomization flux-system/mq-vms (#1) spec.interval: must match ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$',
      'Kustomization flux-system/mq-vms (#1) spec.sourceRef.kind: must be one of "OCIRepository", "GitRepository", "Bucket", "ExternalArtifact"',
    ]);
  });

  test('only the versions the vendored CRDs serve are known: Flux v1, not the removed betas', () => {
    const beta = { ...kustomization(), apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2' };
    expect(issuesOf([beta])).toEqual([
      'Kustomization flux-system/mq-vms (#0) (root): no schema for kustomize.toolkit.fluxcd.io/v1beta2 Kustomization: it is not a kind this package knows, so it cannot be checked',
    ]);
  });
});
