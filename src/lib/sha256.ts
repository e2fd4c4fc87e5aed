/**
 * SHA-256 of text as UTF-8, in lower-case hex: the same value `sha256sum` prints for a file
 * holding that text. Web Crypto is in every supported browser and in Node 20, so the app and the
 * command line share this one implementation.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
