/** The scheme of a URL with its colon (`"https:"`), or undefined when the text is not a URL. */
export function urlProtocol(text: string): string | undefined {
  try {
    return new URL(text).protocol;
  } catch {
    return undefined;
  }
}

/** Whether an http(s) URL carries a user (and maybe a password) before its host: credentials in clear text. */
export function urlHasCredentials(url: string): boolean {
  return /^https?:\/\/[^/]*@/.test(url);
}

/** Why `value` is not a SHA-1 certificate thumbprint (`AB:CD:...`, 20 pairs), or undefined. */
export function thumbprintProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/i.test(value)) return undefined;
  return 'is not a SHA-1 thumbprint: 20 hex pairs separated by colons (openssl x509 -fingerprint -sha1)';
}
