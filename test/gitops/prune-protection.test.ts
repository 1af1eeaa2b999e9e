import { ApiObject, App, Chart, Lazy, Testing } from 'cdk8s';
import { addArgoSyncOptions, protectFromPrune } from '../../src/gitops/prune-protection';
import { ARGO_SYNC_OPTIONS, annotationsOf } from '../../src/model/prune-protection';

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

test('annotationsOf reads plain annotations where cdk8s keeps them and resolves tokens as synth will', () => {
  const chart = new Chart(new App(), 'c');
  const plain = new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { a: 'x' } } });
  expect(annotationsOf(plain)).toEqual({ a: 'x' });
  const lazy = new ApiObject(chart, 'lazy', { apiVersion: 'v1', kind: 'ConfigMap' });
  lazy.metadata.addAnnotation(ARGO_SYNC_OPTIONS, Lazy.any({ produce: () => 'Prune=false' }) as unknown as string);
  expect(annotationsOf(lazy)).toEqual({ [ARGO_SYNC_OPTIONS]: 'Prune=false' });
  addArgoSyncOptions(lazy, 'Delete=false');
  expect(annotationsOf(lazy)).toEqual({ [ARGO_SYNC_OPTIONS]: 'Prune=false,Delete=false' });
});
