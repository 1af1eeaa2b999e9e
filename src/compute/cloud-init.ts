import { parse, stringify } from 'yaml';
import { validatePublicKey } from './ssh-keys';

/** The cloud-init datasource the guest reads. */
export enum CloudInitDatasource {
  /** NoCloud: a small disk labelled `cidata`. Read by most Linux cloud images. */
  NO_CLOUD = 'NoCloud',
  /** OpenStack ConfigDrive: a disk labelled `config-2`. Read by cloudbase-init (Windows) and others. */
  CONFIG_DRIVE = 'ConfigDrive',
}

/** A cloud-config document as an object; rendered as `#cloud-config` YAML. */
export type CloudConfig = { readonly [key: string]: unknown };

/**
 * Cloud-init for a VM. By default user data and network data go into a Secret generated next
 * to the VM and referenced by `secretRef` / `networkDataSecretRef`, never inline in the VM
 * manifest: cloud-config commonly carries passwords and keys.
 * @see https://kubevirt.io/user-guide/user_workloads/startup_scripts/
 */
export interface CloudInitOptions {
  /** @default CloudInitDatasource.NO_CLOUD */
  readonly datasource?: CloudInitDatasource;

  /**
   * User data: a cloud-config object (rendered with the `#cloud-config` header), or any
   * user-data string (a `#cloud-config` document, a shell script, a MIME multipart).
   * @default - none (only `sshAuthorizedKeys`, if given)
   */
  readonly userData?: string | CloudConfig;

  /**
   * Network configuration (cloud-init network config v1 or v2) as an object or YAML string.
   * @default - none (the guest uses DHCP on its first NIC)
   */
  readonly networkData?: string | CloudConfig;

  /**
   * SSH public keys for the image's default user, merged into the cloud-config's
   * `ssh_authorized_keys`. Needs `#cloud-config` user data (or none).
   * @default - none
   */
  readonly sshAuthorizedKeys?: string[];

  /**
   * Name of an existing Secret (key `userdata`) to use instead of a generated one, for user
   * data managed outside Git (Sealed Secrets, External Secrets, SOPS).
   * @default - a Secret generated from `userData`
   */
  readonly userDataSecret?: string;

  /**
   * Name of an existing Secret (key `networkdata`) to use instead of a generated one.
   * @default - a Secret generated from `networkData`
   */
  readonly networkDataSecret?: string;

  /**
   * Name of the cloud-init disk in the VM.
   * @default "cloudinitdisk"
   */
  readonly diskName?: string;
}

const CLOUD_CONFIG_HEADER = '#cloud-config';

/** Whether `value` is plain JSON data (its JSON text then tells it apart from any other value). */
function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  // -0 prints as 0 in JSON but as -0 in YAML.
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every(isJsonData);
}

/** Rendered documents by their JSON text: a fleet's VMs mostly share their cloud-config. */
const rendered = new Map<string, string>();
const RENDERED_LIMIT = 1000;

function renderYaml(value: CloudConfig): string {
  if (!isJsonData(value)) return stringify(value, { lineWidth: 0 });
  const key = JSON.stringify(value);
  let text = rendered.get(key);
  if (text === undefined) {
    text = stringify(value, { lineWidth: 0 });
    if (rendered.size >= RENDERED_LIMIT) rendered.clear();
    rendered.set(key, text);
  }
  return text;
}

/**
 * Renders the user-data document. Returns the text, or a problem message.
 * Keys given in `sshAuthorizedKeys` are appended to the cloud-config's own.
 */
export function renderUserData(options: CloudInitOptions): { text?: string; problem?: string } {
  const keys = options.sshAuthorizedKeys ?? [];
  for (const [i, key] of keys.entries()) {
    // Name the entry by index: the value may be a private key, which must not reach a log.
    const problem = validatePublicKey(key);
    if (problem) return { problem: `sshAuthorizedKeys[${i}] ${problem}` };
  }
  const userData = options.userData;
  if (userData === undefined) {
    return keys.length === 0 ? {} : { text: `${CLOUD_CONFIG_HEADER}\n${renderYaml({ ssh_authorized_keys: keys })}` };
  }
  if (typeof userData === 'string') {
    if (keys.length === 0) return { text: userData };
    if (!userData.startsWith(CLOUD_CONFIG_HEADER)) {
      return { problem: 'sshAuthorizedKeys can only be merged into #cloud-config user data: put the keys in your script, or use vm.addSshKeys(...) instead' };
    }
    let parsed: unknown;
    try {
      parsed = parse(userData) ?? {};
    } catch (e) {
      return { problem: `userData is not valid YAML (${(e as Error).message.split('\n')[0]}): fix the #cloud-config document` };
    }
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { problem: 'userData must be a #cloud-config mapping to merge sshAuthorizedKeys into it' };
    }
    return { text: `${CLOUD_CONFIG_HEADER}\n${renderYaml(mergeKeys(parsed as CloudConfig, keys))}` };
  }
  if (typeof userData !== 'object' || userData === null || Array.isArray(userData)) {
    return { problem: 'userData must be a string or a cloud-config object' };
  }
  return { text: `${CLOUD_CONFIG_HEADER}\n${renderYaml(mergeKeys(userData, keys))}` };
}

/** Renders network data (no header: cloud-init reads it as plain YAML). */
export function renderNetworkData(networkData: string | CloudConfig): string {
  return typeof networkData === 'string' ? networkData : renderYaml(networkData);
}

function mergeKeys(config: CloudConfig, keys: string[]): CloudConfig {
  if (keys.length === 0) return config;
  const existing = Array.isArray(config.ssh_authorized_keys) ? config.ssh_authorized_keys : [];
  return { ...config, ssh_authorized_keys: [...existing, ...keys] };
}
