import { attach, issuesOf, vm } from './rule-fixtures';
import { networkSources } from '../../../src/validation/rules/network-sources';

const PREFIX = 'error network-sources VirtualMachine web spec.template.spec.networks';

describe('rule network-sources', () => {
  test('no source, two sources, a Multus network without a name, two pod networks, two defaults, pod with a default', () => {
    const manifest = vm('web', (s) => {
      s.networks.push({ name: 'none' }, { name: 'both', pod: {}, multus: { networkName: 'br1' } }, { name: 'unnamed', multus: { networkName: '' } });
      s.networks.push({ name: 'd1', multus: { networkName: 'br1', default: true } }, { name: 'd2', multus: { networkName: 'br2', default: true } });
    });
    expect(issuesOf(networkSources, [manifest])).toEqual([
      `${PREFIX}[1]: network "none" of VirtualMachine "mq/web" has no source, and KubeVirt needs one: add pod: {} for the pod network, or multus: { networkName } for a NAD`,
      `${PREFIX}[2].multus: network "both" of VirtualMachine "mq/web" has sources "pod" and "multus", and KubeVirt allows one per network: keep one, and add another network for the other`,
      `${PREFIX}[3].multus.networkName: network "unnamed" of VirtualMachine "mq/web" is a Multus network without a networkName, which KubeVirt refuses: name its NetworkAttachmentDefinition ("name" or "namespace/name")`,
      `${PREFIX}: VirtualMachine "mq/web" has 2 pod networks ("default", "both"), and KubeVirt connects one interface to the pod network at most: keep one, and use Multus networks for the others`,
      `${PREFIX}: VirtualMachine "mq/web" has 2 Multus default networks ("d1", "d2"), and KubeVirt allows one default network: set default: true on one only`,
      `${PREFIX}: VirtualMachine "mq/web" has pod network "default" and Multus default network "d1", and KubeVirt refuses both, since a Multus default network replaces the pod network: remove one`,
    ]);
  });

  test('stays quiet on the near misses', () => {
    const withDefault = vm('web', (s) => {
      s.networks[0] = { name: 'default', multus: { networkName: 'mq/primary', default: true } };
      attach(s, 'br1');
    });
    // A DRA network (accepted with the NetworkDevicesWithDRA gate on, and never beside Multus ones).
    const withClaim = vm('dra', (s) => {
      s.domain.devices.interfaces.push({ name: 'vf', sriov: {} });
      s.networks.push({ name: 'vf', resourceClaim: { claimName: 'nic', requestName: 'vf' } });
      s.resourceClaims = [{ name: 'nic', resourceClaimTemplateName: 'sriov-nic' }];
    });
    expect(issuesOf(networkSources, [withDefault, withClaim, vm('plain')])).toEqual([]);
  });
});
