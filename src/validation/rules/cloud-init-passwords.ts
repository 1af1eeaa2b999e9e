import { show } from '../../common/errors';
import { KubeObject } from '../../model/object-index';
import { ClearTextPassword, clearTextPasswords } from '../cloud-init-secrets';
import { CloudInitVolume, cloudInitVolumesOf } from '../network-addresses';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';
import { ValidationRule } from '../validation-report';

/** KubeVirt reads the first of these keys it finds in a cloud-init Secret (pkg/cloud-init/cloud-init.go). */
const USER_DATA_KEYS = ['userdata', 'userData'];

/** A Secret's user data as written (`stringData`, or base64 `data`) and the key that holds it. */
function secretUserData(secret: KubeObject): { written: string; encoded: boolean; key: string } | undefined {
  for (const key of USER_DATA_KEYS) {
    const plain = secret.stringData?.[key];
    if (typeof plain === 'string') return { written: plain, encoded: false, key };
    const encoded = secret.data?.[key];
    if (typeof encoded === 'string') return { written: encoded, encoded: true, key };
  }
  return undefined;
}

/** The field path of a Secret's user data (built for a warning only). */
const userDataPath = ({ encoded, key }: { encoded: boolean; key: string }): string => `${encoded ? 'data' : 'stringData'}[${show(key)}]`;

/**
 * The clear-text passwords of user data, found once per run for each text: a fleet's Secrets
 * often carry the same user data, and each would be decoded and scanned again.
 */
class PasswordScan {
  private readonly plain = new Map<string, ClearTextPassword[]>();
  private readonly encoded = new Map<string, ClearTextPassword[]>();

  public of(written: string, encoded: boolean): ClearTextPassword[] {
    const found = encoded ? this.encoded : this.plain;
    let passwords = found.get(written);
    if (!passwords) {
      passwords = clearTextPasswords(encoded ? Buffer.from(written, 'base64').toString('utf8') : written);
      found.set(written, passwords);
    }
    return passwords;
  }
}

/** A namespace as `qualifiedName` reads it: as text, and none when empty or missing. */
const namespaceKey = (namespace: unknown): string | undefined => (namespace ? String(namespace) : undefined);

/** Positions of the Secrets among the objects, by namespace and name (the first of duplicates). */
function secretPositions(context: RuleContext): Map<string | undefined, Map<string, number>> {
  const positions = new Map<string | undefined, Map<string, number>>();
  const listed = context.viewsOfKind('Secret');
  for (let n = 0; n < listed.length; n++) {
    const { object, index, name, namespace } = listed[n];
    if (object.apiVersion !== 'v1' || typeof name !== 'string') continue;
    const key = namespaceKey(namespace);
    let names = positions.get(key);
    if (!names) positions.set(key, names = new Map());
    if (!names.has(name)) names.set(name, index);
  }
  return positions;
}

/** User data in the VM manifest itself: an error (anyone who reads the VM reads it). */
function inlineUserData(context: RuleContext, index: number, volume: CloudInitVolume): void {
  // The volume's path is read only for a message (it is built when read).
  const source = volume.source;
  const field = typeof source.userData === 'string' ? 'userData' : typeof source.userDataBase64 === 'string' ? 'userDataBase64' : undefined;
  if (!field) return;
  const text = field === 'userData' ? source.userData : Buffer.from(source.userDataBase64, 'base64').toString('utf8');
  for (const { where } of clearTextPasswords(text)) {
    context.error(index, `${volume.path}.${field}`, `cloud-init user data sets a clear-text password (${where}) in the manifest, where anyone who can read the VM reads it: move the user data into a Secret (secretRef; addCloudInit writes one), use a crypt hash (openssl passwd -6), or use SSH keys`);
  }
}

/**
 * User data in a Secret among these objects: a warning, since a Secret manifest is only base64
 * (readable by anyone who reads the repository), though the cluster guards the Secret itself.
 */
function secretUserDataPasswords(context: RuleContext, holder: string, position: number | undefined, warned: Set<number>, scan: PasswordScan): void {
  if (position === undefined || warned.has(position)) return;
  warned.add(position);
  const userData = secretUserData(context.objects[position] as KubeObject);
  if (!userData) return;
  for (const { where } of scan.of(userData.written, userData.encoded)) {
    context.warn(position, userDataPath(userData), `the cloud-init user data of ${holder} sets a clear-text password (${where}), and this Secret's manifest keeps it only base64-encoded, readable by anyone who reads the manifests (and Git): use a crypt hash (openssl passwd -6), SSH keys, or a Secret kept out of these manifests (an existing or external Secret, e.g. addCloudInit's userDataSecret)`);
  }
}

/** No clear-text password in cloud-init user data written into a manifest. */
export const cloudInitPasswords: Rule = {
  id: ValidationRule.CLOUD_INIT_PASSWORDS,
  order: 700,
  summary: 'no clear-text password in user data written into a VM manifest; a warning when it sits in a Secret among the manifests (base64 only)',
  reference: 'https://cloudinit.readthedocs.io/en/latest/reference/modules.html#set-passwords',
  source: RuleSource.PROJECT,
  check(context) {
    const warned = new Set<number>();
    const scan = new PasswordScan();
    let secrets: Map<string | undefined, Map<string, number>> | undefined;
    const listed = context.vms;
    for (let n = 0; n < listed.length; n++) {
      const { index, vm, holder } = listed[n];
      for (const volume of cloudInitVolumesOf(vm)) {
        inlineUserData(context, index, volume);
        const source = volume.source;
        if (typeof source.secretRef?.name !== 'string') continue;
        secrets ??= secretPositions(context);
        const position = secrets.get(namespaceKey(vm.namespace))?.get(source.secretRef.name);
        secretUserDataPasswords(context, holder, position, warned, scan);
      }
    }
  },
};
