import { listOf } from '../../common/objects';
import { Rule, RuleSource } from '../rule';

interface Problem {
  readonly field: string;
  readonly problem: string;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
// KubeVirt also refuses noCloud/configDrive propagation without that cloud-init volume; the
// VirtualMachine construct reports it at synth with its own fix, so this rule leaves it out
// rather than report it twice.

function sshKeyProblems(key: any): Problem[] {
  const problems: Problem[] = [];
  if (!isSet(key.source?.secret)) problems.push({ field: 'sshPublicKey.source', problem: 'an SSH key without source.secret, which KubeVirt requires: name the Secret that holds the public keys' });
  const method = key.propagationMethod ?? {};
  const methods = ['noCloud', 'configDrive', 'qemuGuestAgent'].filter((m) => isSet(method[m]));
  if (methods.length !== 1) {
    problems.push({ field: 'sshPublicKey.propagationMethod', problem: `an SSH key with ${methods.length} propagation methods${methods.length ? ` (${methods.join(', ')})` : ''}, and KubeVirt requires exactly one: use noCloud, configDrive or qemuGuestAgent` });
  }
  const users = method.qemuGuestAgent?.users;
  if (isSet(method.qemuGuestAgent) && (!Array.isArray(users) || users.length === 0)) {
    problems.push({ field: 'sshPublicKey.propagationMethod.qemuGuestAgent.users', problem: 'an SSH key propagated by the guest agent to no user, which KubeVirt refuses: list the guest users who get the keys' });
  }
  return problems;
}

function passwordProblems(password: any): Problem[] {
  const problems: Problem[] = [];
  if (!isSet(password.source?.secret)) problems.push({ field: 'userPassword.source', problem: 'a user password without source.secret, which KubeVirt requires: name the Secret that maps users to passwords' });
  if (!isSet(password.propagationMethod?.qemuGuestAgent)) problems.push({ field: 'userPassword.propagationMethod', problem: 'a user password without propagationMethod.qemuGuestAgent, which KubeVirt requires (the guest agent sets it): add qemuGuestAgent: {}' });
  return problems;
}

function credentialProblems(credential: any): Problem[] {
  const kinds = ['sshPublicKey', 'userPassword'].filter((k) => isSet(credential[k]));
  if (kinds.length !== 1) return [{ field: '', problem: `an access credential of ${kinds.length === 0 ? 'no' : 'two'} types, and KubeVirt requires exactly one: use sshPublicKey or userPassword (one credential each)` }];
  return kinds[0] === 'sshPublicKey' ? sshKeyProblems(credential.sshPublicKey) : passwordProblems(credential.userPassword);
}

/** A VM's access credentials have one type, a Secret source and one propagation method that can work. */
export const accessCredentials: Rule = {
  id: 'access-credentials',
  order: 1260,
  summary: 'each access credential is one SSH key or user password with a Secret source and exactly one propagation method (noCloud, configDrive, or the guest agent with users), as KubeVirt\'s VMI admission requires',
  // Upstream function: validateAccessCredentials.
  reference: 'https://github.com/kubevirt/kubevirt/blob/v1.9.0/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
  source: RuleSource.KUBEVIRT,
  check(context) {
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      const credentials: unknown[] = listOf(vm.spec.accessCredentials);
      credentials.forEach((credential: any, position) => {
        if (typeof credential !== 'object' || credential === null) return; // the schema reports it
        const at = `${vm.specPath}.accessCredentials[${position}]`;
        for (const { field, problem } of credentialProblems(credential)) {
          context.error(index, field ? `${at}.${field}` : at, `access credential ${position} of ${holder} has ${problem}`);
        }
      });
    }
  },
};
