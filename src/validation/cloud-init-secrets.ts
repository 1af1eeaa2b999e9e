import { parse } from 'yaml';
import { listOf } from '../common/objects';

/** A place in cloud-init user data that holds a password in clear text. */
export interface ClearTextPassword {
  /** Where in the user data, e.g. `chpasswd.list` or `users[0].plain_text_passwd`. */
  readonly where: string;
}

/** crypt(3) hashes (`$6$...`, `$y$...`) are what `passwd` expects; anything else is clear text. */
function isHash(value: unknown): boolean {
  return typeof value === 'string' && /^\$[0-9a-z]+\$/i.test(value);
}

function parseUserData(text: string): Record<string, any> | undefined {
  // Scripts (#!) and MIME multipart are not cloud-config; only #cloud-config documents are read.
  if (!/^\s*#cloud-config/.test(text)) return undefined;
  try {
    const doc = parse(text);
    return doc !== null && typeof doc === 'object' ? doc : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The clear-text passwords in cloud-config user data: `password`, `chpasswd.list` /
 * `chpasswd.users[].password` (unless typed as a hash), and `users[].plain_text_passwd` or a
 * `users[].passwd` that is not a crypt hash.
 */
export function clearTextPasswords(userData: string): ClearTextPassword[] {
  // Every key read below contains "passw"; a YAML escape could spell one otherwise. Parsing is
  // skipped for the rest (the user data of a fleet's thousands of VMs).
  if (!userData.includes('passw') && !userData.includes('\\')) return [];
  const doc = parseUserData(userData);
  if (!doc) return [];
  const found: ClearTextPassword[] = [];
  if (typeof doc.password === 'string' && !isHash(doc.password)) found.push({ where: 'password' });
  const chpasswd = doc.chpasswd;
  if (chpasswd && typeof chpasswd === 'object') {
    const list = chpasswd.list;
    const entries = typeof list === 'string' ? list.split('\n') : listOf(list);
    if (entries.some((e: unknown) => typeof e === 'string' && /:/.test(e) && !isHash(e.slice(e.indexOf(':') + 1).trim()) && !/:R(ANDOM)?$/.test(e.trim()))) {
      found.push({ where: 'chpasswd.list' });
    }
    (listOf(chpasswd.users)).forEach((user: any, i: number) => {
      if (typeof user?.password === 'string' && user.type !== 'hash' && user.type !== 'RANDOM' && !isHash(user.password)) {
        found.push({ where: `chpasswd.users[${i}].password` });
      }
    });
  }
  (listOf(doc.users)).forEach((user: any, i: number) => {
    if (user === null || typeof user !== 'object') return;
    if (typeof user.plain_text_passwd === 'string') found.push({ where: `users[${i}].plain_text_passwd` });
    if (typeof user.passwd === 'string' && !isHash(user.passwd)) found.push({ where: `users[${i}].passwd` });
  });
  return found;
}
