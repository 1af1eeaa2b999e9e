import { issuesOf, vm } from './rule-fixtures';
import { draDevices } from '../../../src/validation/rules/dra-devices';

const CLAIMS = [{ name: 'gpu', resourceClaimTemplateName: 'one-gpu' }];

describe('rule dra-devices', () => {
  test('fires on a DRA GPU whose claim is not in resourceClaims', () => {
    const bad = vm('web', (s) => { s.domain.devices.gpus = [{ name: 'g1', claimName: 'gpu', requestName: 'req' }]; });
    expect(issuesOf(draDevices, [bad])).toEqual([
      'error dra-devices VirtualMachine web spec.template.spec.resourceClaims: KubeVirt refuses the device claims of VirtualMachine "mq/web": no resourceClaims entry for claim "gpu", which DRA devices use: add { name: "gpu", resourceClaimTemplateName: ... } to resourceClaims',
    ]);
  });

  test('fires on each refused claim and device', () => {
    const objects = [
      vm('a', (s) => { s.resourceClaims = [{ name: 'Gpu', resourceClaimName: 'x', resourceClaimTemplateName: 'y' }, { name: 'Gpu', resourceClaimTemplateName: 'Bad_Name' }, { resourceClaimName: 'z' }]; }),
      vm('b', (s) => { s.resourceClaims = CLAIMS; s.domain.devices.gpus = [{ name: 'g1', claimName: 'gpu', requestName: 'req' }, { name: 'g2', deviceName: 'nvidia.com/A10' }]; }),
      vm('c', (s) => {
        s.resourceClaims = CLAIMS;
        s.domain.devices.gpus = [{ name: 'g1', claimName: 'gpu', requestName: 'req' }, { name: 'g2', claimName: 'gpu', requestName: 'req' }];
        s.domain.devices.hostDevices = [{ name: 'h1', claimName: 'gpu', requestName: 'req' }, { name: 'h2', claimName: 'gpu' }, { name: 'h3' }, { name: 'h4', deviceName: 'x.com/nic', requestName: 'r' }];
      }),
    ];
    expect(issuesOf(draDevices, objects).map((i) => i.split('": ').slice(1).join('": ').split(': ')[0])).toEqual([
      'resource claim name "Gpu", which is not a valid DNS-1123 label',
      'resource claim "Gpu" with both resourceClaimName and resourceClaimTemplateName',
      'two resource claims named "Gpu"',
      'resourceClaimTemplateName "Bad_Name", which is not a valid DNS-1123 subdomain',
      'a resource claim without a name',
      'both DRA GPUs (claimName/requestName) and GPUs by deviceName',
      'DRA GPU "g2" with claimName/requestName "gpu/req", which gpus[0] has too',
      'DRA host device "h2" without requestName',
      'host device "h3" without deviceName or claimName/requestName',
      'host device "h4" with both deviceName and claimName/requestName',
      'DRA host device with claimName/requestName "gpu/req", which gpus[0] has too',
    ]);
  });

  test('stays quiet on DRA and device-plugin devices KubeVirt accepts', () => {
    const fine = [
      vm('a', (s) => { s.resourceClaims = [...CLAIMS, { name: 'nic', resourceClaimName: 'sriov-nic' }]; s.domain.devices.gpus = [{ name: 'g1', claimName: 'gpu', requestName: 'a' }, { name: 'g2', claimName: 'gpu', requestName: 'b' }]; s.domain.devices.hostDevices = [{ name: 'h1', claimName: 'nic', requestName: 'a' }, { name: 'h2', deviceName: 'x.com/nic' }]; }),
      vm('b', (s) => { s.domain.devices.gpus = [{ name: 'g1', deviceName: 'nvidia.com/A10' }]; }),
    ];
    expect(issuesOf(draDevices, fine)).toEqual([]);
  });
});
