import { Chart, Testing } from 'cdk8s';
import { WorkloadNamespace } from '../../src/core/workload-namespace';
import { CniPlugin } from '../../src/network/cni';
import { OpenShiftAdditionalNetworks } from '../../src/network/openshift-additional-networks';
import { DataVolume } from '../../src/storage/data-volume';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { findObject, synthValid } from '../helpers';

const KEPT = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };

describe('WorkloadNamespace', () => {
  test('is written without the chart namespace, and kept from GitOps deletion once it holds a kept disk, in any cdk8s App', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'db' });
    new WorkloadNamespace(chart, 'ns', { name: 'db', labels: { team: 'dba' } });
    new DataVolume(chart, 'disk', { metadata: { name: 'data' }, source: DataVolumeSource.blank(), size: '1Gi' });
    expect(findObject(synthValid(chart), 'Namespace', 'db')).toEqual({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'db', labels: { team: 'dba' }, annotations: KEPT },
    });
  });

  test('holds nothing kept: no protection; cluster-scoped objects of the chart do not count; the user\'s own sync options stay', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'vms' });
    new WorkloadNamespace(chart, 'ns', { name: 'vms', annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' } });
    // The OpenShift Network config is kept from pruning, but it is cluster-scoped.
    new OpenShiftAdditionalNetworks(chart, 'networks').addNetwork({ name: 'br1', namespace: 'vms', cni: CniPlugin.bridge({ bridge: 'br1' }) });
    expect(findObject(synthValid(chart), 'Namespace', 'vms').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' });
  });

  test('refuses a name that is not a DNS label', () => {
    expect(() => new WorkloadNamespace(Testing.chart(), 'ns', { name: 'My_Apps' })).toThrow(/\[test\/ns\] name "My_Apps" is not a valid DNS-1123 label/);
  });
});
