/** The scheme of a URL with its colon (`"https:"`), or undefined when the text is not a URL. */
export function urlProtocol(text: string): string | undefined {
  try {
    return new URL(text).protocol;
  } catch {
    return undefined;
  }
}
