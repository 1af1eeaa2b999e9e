import { issuesOf, vm } from './rule-fixtures';
import { cloudInitData } from '../../../src/validation/rules/cloud-init-data';

const at = 'error cloud-init-data VirtualMachine web spec.template.spec.volumes[1].cloudInitNoCloud';
const withCloudInit = (source: object) => [vm('web', (s) => {
  s.domain.devices.disks.push({ name: 'ci', disk: {} });
  s.volumes.push({ name: 'ci', cloudInitNoCloud: source });
})];

describe('rule cloud-init-data', () => {
  test('fires on inline user data over 2048 bytes', () => {
    expect(issuesOf(cloudInitData, withCloudInit({ userData: `#cloud-config\n${'a'.repeat(2100)}` }))).toEqual([
      `${at}: cloud-init volume "ci" of VirtualMachine "mq/web" has 2114 bytes of inline user data, and KubeVirt refuses more than 2048: put it in a Secret and use secretRef`,
    ]);
  });

  test('fires on user data given inline and as a Secret', () => {
    expect(issuesOf(cloudInitData, withCloudInit({ userData: '#cloud-config\n', secretRef: { name: 'ci' } }))).toEqual([
      `${at}: cloud-init volume "ci" of VirtualMachine "mq/web" gives its user data 2 ways (secretRef, userData), and KubeVirt takes exactly one: keep one`,
    ]);
  });

  test('fires on base64 that does not decode', () => {
    expect(issuesOf(cloudInitData, withCloudInit({ userDataBase64: 'I2Nsb3VkLWNvbmZpZw' }))).toEqual([
      `${at}.userDataBase64: cloud-init volume "ci" of VirtualMachine "mq/web" has userDataBase64 that is not valid base64, which KubeVirt refuses: encode it again (standard alphabet, with padding), or use userData for plain text`,
    ]);
  });

  test('fires on a cloud-init volume with no data', () => {
    expect(issuesOf(cloudInitData, withCloudInit({}))).toEqual([
      `${at}: cloud-init volume "ci" of VirtualMachine "mq/web" has neither user data nor network data, which KubeVirt refuses: give userData (or secretRef), or remove the volume`,
    ]);
  });

  test('stays quiet on 2048 bytes inline, wrapped base64 network data, and a Secret', () => {
    const network = Buffer.from('version: 2\nethernets: {}\n').toString('base64');
    expect(issuesOf(cloudInitData, [
      ...withCloudInit({ userData: 'a'.repeat(2048), networkDataBase64: `${network.slice(0, 8)}\n${network.slice(8)}` }),
      vm('db', (s) => { s.volumes.push({ name: 'ci', cloudInitConfigDrive: { secretRef: { name: 'ci' } } }); }),
    ])).toEqual([]);
  });
});
