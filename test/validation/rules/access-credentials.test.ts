import { issuesOf, vm } from './rule-fixtures';
import { accessCredentials } from '../../../src/validation/rules/access-credentials';

const at = 'error access-credentials VirtualMachine web spec.template.spec.accessCredentials[0]';
const withCredential = (credential: object, volumes: object[] = []) => [vm('web', (s) => { s.accessCredentials = [credential]; s.volumes.push(...volumes); })];
const secret = { secret: { secretName: 'keys' } };

describe('rule access-credentials', () => {
  test('fires on an SSH key with two propagation methods', () => {
    const twoMethods = { sshPublicKey: { source: secret, propagationMethod: { noCloud: {}, configDrive: {} } } };
    expect(issuesOf(accessCredentials, withCredential(twoMethods))).toEqual([
      `${at}.sshPublicKey.propagationMethod: access credential 0 of VirtualMachine "mq/web" has an SSH key with 2 propagation methods (noCloud, configDrive), and KubeVirt requires exactly one: use noCloud, configDrive or qemuGuestAgent`,
    ]);
  });

  test('fires on guest agent propagation to no user', () => {
    const noUsers = { sshPublicKey: { source: secret, propagationMethod: { qemuGuestAgent: { users: [] } } } };
    expect(issuesOf(accessCredentials, withCredential(noUsers))).toEqual([
      `${at}.sshPublicKey.propagationMethod.qemuGuestAgent.users: access credential 0 of VirtualMachine "mq/web" has an SSH key propagated by the guest agent to no user, which KubeVirt refuses: list the guest users who get the keys`,
    ]);
  });

  test('fires on a user password without the guest agent', () => {
    expect(issuesOf(accessCredentials, withCredential({ userPassword: { source: secret, propagationMethod: {} } }))).toEqual([
      `${at}.userPassword.propagationMethod: access credential 0 of VirtualMachine "mq/web" has a user password without propagationMethod.qemuGuestAgent, which KubeVirt requires (the guest agent sets it): add qemuGuestAgent: {}`,
    ]);
  });

  test('stays quiet on an SSH key by noCloud with its volume, and a password by the guest agent', () => {
    expect(issuesOf(accessCredentials, [
      ...withCredential({ sshPublicKey: { source: secret, propagationMethod: { noCloud: {} } } }, [{ name: 'ci', cloudInitNoCloud: { userData: '#cloud-config' } }]),
      vm('db', (s) => { s.accessCredentials = [{ userPassword: { source: secret, propagationMethod: { qemuGuestAgent: {} } } }]; }),
    ])).toEqual([]);
  });
});
