/** UTF-8 text as Base64, as a Secret's `data` holds it. */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
