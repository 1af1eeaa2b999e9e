import { attach, issuesOf, nad, vm } from './rule-fixtures';
import { multusReferences } from '../../../src/validation/rules/multus-references';

describe('rule multus-references', () => {
  test('fires on a reference to no network, on an unreadable annotation, and warns on a NAD declared again as an additional network', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'mq', annotations: { 'k8s.v1.cni.cncf.io/networks': '[{' } } };
    const openshift = { apiVersion: 'operator.openshift.io/v1', kind: 'Network', metadata: { name: 'cluster' }, spec: { additionalNetworks: [{ name: 'repl', namespace: 'mq', type: 'Raw', rawCNIConfig: '{}' }] } };
    expect(issuesOf(multusReferences, [nad('repl', 'mq'), openshift, vm('a', (s) => attach(s, 'infra/gone')), pod])).toEqual([
      'error multus-references VirtualMachine a spec.template.spec.networks[1].multus.networkName: network "infra/gone" resolves to no NetworkAttachmentDefinition "infra/gone" among these objects: declare it, write it as "namespace/name" if it lives elsewhere, or list it as a known network when it exists in the cluster already',
      'error multus-references Pod p metadata.annotations["k8s.v1.cni.cncf.io/networks"]: is neither a JSON list of networks nor "namespace/name" entries separated by commas: write e.g. [{"name":"repl","ips":["192.168.4.10/24"]}]',
      'warning multus-references Network cluster spec.additionalNetworks[0].rawCNIConfig: additional network "mq/repl" and NetworkAttachmentDefinition "mq/repl" are the same network (the Cluster Network Operator creates that NetworkAttachmentDefinition from the additional network): apply only one of the two',
    ]);
  });

  test('stays quiet on references to declared and known networks', () => {
    const objects = [nad('repl', 'mq'), vm('a', (s) => attach(s, 'repl')), vm('b', (s) => attach(s, 'infra/sriov'))];
    expect(issuesOf(multusReferences, objects, { knownNetworks: ['infra/sriov'] })).toEqual([]);
  });
});
