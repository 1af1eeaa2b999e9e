import { ApiObject, Testing } from 'cdk8s';
import { addArgoSyncOptions, protectFromPrune } from '../../src/gitops/prune-protection';

function object(annotations?: Record<string, string>): ApiObject {
  return new ApiObject(Testing.chart(), 'obj', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', annotations } });
}

describe('GitOps annotations', () => {
  test('sync options merge: existing first, a later value for a key wins, blanks dropped', () => {
    const obj = object({ 'argocd.argoproj.io/sync-options': 'Validate=false, ,Prune=true' });
    addArgoSyncOptions(obj, 'Prune=false', 'ServerSideApply=true');
    addArgoSyncOptions(obj, 'ServerSideApply=true');
    expect(obj.toJson().metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Validate=false,Prune=false,ServerSideApply=true' });
  });

  test('prune protection for Argo CD and Flux', () => {
    const obj = object();
    protectFromPrune(obj);
    expect(obj.toJson().metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
      'kustomize.toolkit.fluxcd.io/prune': 'disabled',
    });
  });
});
