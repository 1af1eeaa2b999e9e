import { issuesOf, vm } from './rule-fixtures';
import { draNetworks } from '../../../src/validation/rules/dra-networks';

/** A VM whose second interface is on a DRA network `claim`/`request`. */
function draVm(name: string, resourceClaim: object, patch: (s: any) => void = () => undefined): any {
  return vm(name, (s) => {
    s.resourceClaims = [{ name: 'nics', resourceClaimTemplateName: 'sriov-nic' }];
    s.domain.devices.interfaces.push({ name: 'fast', sriov: {} });
    s.networks.push({ name: 'fast', resourceClaim });
    patch(s);
  });
}

describe('rule dra-networks', () => {
  test('fires on a DRA network whose claim is not in resourceClaims', () => {
    expect(issuesOf(draNetworks, [draVm('web', { claimName: 'gpus', requestName: 'nic' })])).toEqual([
      'error dra-networks VirtualMachine web spec.template.spec.networks[1].resourceClaim.claimName: KubeVirt refuses the networks of VirtualMachine "mq/web": DRA network "fast" on claim "gpus", which is not in resourceClaims: add { name: "gpus", resourceClaimTemplateName: ... } to resourceClaims',
    ]);
  });

  test('fires on Multus mixed in, a bridge interface, a missing requestName and a repeated pair', () => {
    const objects = [
      draVm('a', { claimName: 'nics', requestName: 'nic' }, (s) => { s.domain.devices.interfaces.push({ name: 'm', bridge: {} }); s.networks.push({ name: 'm', multus: { networkName: 'x' } }); }),
      draVm('b', { claimName: 'nics' }, (s) => { s.domain.devices.interfaces[1] = { name: 'fast', bridge: {} }; }),
      draVm('c', { claimName: 'nics', requestName: 'nic' }, (s) => { s.domain.devices.interfaces.push({ name: 'fast2', sriov: {} }); s.networks.push({ name: 'fast2', resourceClaim: { claimName: 'nics', requestName: 'nic' } }); }),
    ];
    expect(issuesOf(draNetworks, objects).map((i) => i.split('": ').slice(1).join('": ').split(/,? which|: (use|give|add)/)[0])).toEqual([
      'both Multus and DRA (resourceClaim) networks',
      'DRA network "fast" whose interface is neither SR-IOV nor a binding plugin',
      'DRA network "fast" without requestName',
      'DRA network "fast2" on claimName/requestName "nics/nic"',
    ]);
  });

  test('stays quiet on DRA networks KubeVirt accepts, and without any', () => {
    const fine = [
      draVm('a', { claimName: 'nics', requestName: 'nic' }, (s) => { s.domain.devices.interfaces.push({ name: 'fast2', binding: { name: 'sriov-plugin' } }); s.networks.push({ name: 'fast2', resourceClaim: { claimName: 'nics', requestName: 'nic2' } }); }),
      vm('b'),
    ];
    expect(issuesOf(draNetworks, fine)).toEqual([]);
  });
});
