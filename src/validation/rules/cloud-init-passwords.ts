import { clearTextPasswords } from '../cloud-init-secrets';
import { cloudInitVolumesOf } from '../network-addresses';
import { Rule } from '../rule';
import { ValidationRule } from '../validation-report';

/** No clear-text password in cloud-init user data written into a manifest. */
export const cloudInitPasswords: Rule = {
  id: ValidationRule.CLOUD_INIT_PASSWORDS,
  order: 700,
  summary: 'no clear-text password in user data written into a manifest',
  reference: 'https://cloudinit.readthedocs.io/en/latest/reference/modules.html#set-passwords',
  check(context) {
    for (const { index, vm } of context.vms) {
      for (const { source, path } of cloudInitVolumesOf(vm)) {
        const field = typeof source.userData === 'string' ? 'userData' : typeof source.userDataBase64 === 'string' ? 'userDataBase64' : undefined;
        if (!field) continue;
        const text = field === 'userData' ? source.userData : Buffer.from(source.userDataBase64, 'base64').toString('utf8');
        for (const { where } of clearTextPasswords(text)) {
          context.error(index, `${path}.${field}`, `cloud-init user data sets a clear-text password (${where}) in the manifest, where anyone who can read the VM reads it: move the user data into a Secret (secretRef; addCloudInit writes one), use a crypt hash (openssl passwd -6), or use SSH keys`);
        }
      }
    }
  },
};
