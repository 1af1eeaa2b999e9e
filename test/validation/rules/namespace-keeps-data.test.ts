import { issuesOf } from './rule-fixtures';
import { namespaceKeepsData } from '../../../src/validation/rules/namespace-keeps-data';

const KEPT = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };
const namespace = (name: string, annotations?: object) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations } });
const disk = (inNamespace: string, annotations?: object) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'data', namespace: inNamespace, annotations }, spec: {},
});

describe('rule namespace-keeps-data', () => {
  test('warns about a Namespace that would take kept disks with it', () => {
    expect(issuesOf(namespaceKeepsData, [namespace('db'), disk('db', KEPT)])).toEqual([
      'warning namespace-keeps-data Namespace db metadata.annotations: Namespace "db" holds objects kept from GitOps deletion (DataVolume data), but deleting or pruning the Namespace deletes them with it: add the annotations argocd.argoproj.io/sync-options: Prune=false,Delete=false and kustomize.toolkit.fluxcd.io/prune: disabled to the Namespace (GitOpsApp does), or create the Namespace outside Git',
    ]);
  });

  test('a Namespace kept by only one of the two controllers is still reported', () => {
    expect(issuesOf(namespaceKeepsData, [namespace('db', { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' }), disk('db', KEPT)])).toHaveLength(1);
  });

  test('stays quiet on a kept Namespace, on a Namespace without kept objects, and on kept objects elsewhere', () => {
    expect(issuesOf(namespaceKeepsData, [namespace('db', KEPT), disk('db', KEPT), namespace('web'), disk('web'), disk('other', KEPT)])).toEqual([]);
  });

  test('names the first three holders and counts the rest (a fleet namespace holds thousands)', () => {
    const disks = [1, 2, 3, 4, 5].map((i) => ({ ...disk('db', KEPT), metadata: { name: `d${i}`, namespace: 'db', annotations: KEPT } }));
    const [warning] = issuesOf(namespaceKeepsData, [namespace('db'), ...disks]);
    expect(warning).toContain('(DataVolume d1, DataVolume d2, DataVolume d3 and 2 more)');
  });
});
