import { FactoryValue, show } from '../common/errors';

/**
 * How KubeVirt puts the public keys into the guest.
 * @see https://kubevirt.io/user-guide/user_workloads/accessing_virtual_machines/#ssh-public-key-injection
 */
export class SshKeyPropagation extends FactoryValue {
  /** Through the VM's NoCloud cloud-init disk (needs cloud-init with the NoCloud datasource). */
  public static noCloud(): SshKeyPropagation {
    return new SshKeyPropagation('noCloud');
  }

  /** Through the VM's ConfigDrive cloud-init disk (needs cloud-init with the ConfigDrive datasource). */
  public static configDrive(): SshKeyPropagation {
    return new SshKeyPropagation('configDrive');
  }

  /**
   * Through the QEMU guest agent, into these users' authorized_keys, updated while the VM
   * runs (the guest needs qemu-guest-agent).
   */
  public static qemuGuestAgent(users: string[]): SshKeyPropagation {
    const valid = Array.isArray(users) && users.length > 0 && users.every((u) => typeof u === 'string' && /^[a-z_][a-z0-9_.-]*\$?$/i.test(u));
    const propagation = new SshKeyPropagation('qemuGuestAgent', Array.isArray(users) ? [...users] : []);
    if (!valid) propagation._problem('SshKeyPropagation.qemuGuestAgent', `users ${show(users)} must be one or more guest user names, e.g. ["fedora"]`);
    return propagation;
  }

  private constructor(public readonly method: 'noCloud' | 'configDrive' | 'qemuGuestAgent', public readonly users?: string[]) {
    super();
  }
}

/** SSH public keys injected through KubeVirt's `accessCredentials`. */
export interface SshKeysOptions {
  /**
   * The public keys (`ssh-ed25519 AAAA... user@host`). They are placed in a generated Secret,
   * because accessCredentials reads keys only from Secrets.
   * @default - none; then `secretName` is required
   */
  readonly publicKeys?: string[];
  /**
   * An existing Secret whose values are authorized_keys lines.
   * @default - a Secret generated from `publicKeys`
   */
  readonly secretName?: string;
  /**
   * How the keys reach the guest.
   * @default - the VM's cloud-init datasource (noCloud, or configDrive for ConfigDrive)
   */
  readonly propagation?: SshKeyPropagation;
}

const PUBLIC_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

/** Returns undefined for an OpenSSH public key line, or what is wrong with it and the fix. */
export function validatePublicKey(key: string): string | undefined {
  if (typeof key !== 'string') return 'is not a string: pass the public key line, e.g. the content of ~/.ssh/id_ed25519.pub';
  if (/PRIVATE KEY/.test(key)) return 'is a PRIVATE key: never put it in a manifest; pass the public key (the .pub file) instead';
  if (!PUBLIC_KEY.test(key.trim())) return 'is not an OpenSSH public key: pass one line such as "ssh-ed25519 AAAA... user@host" (the .pub file)';
  return undefined;
}
