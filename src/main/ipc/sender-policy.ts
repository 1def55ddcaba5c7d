import type { SenderInfo } from './handle';

/**
 * `scheme://host:port` of a URL, or undefined when it has no host (file:, data:, about:).
 * Built by hand because WHATWG URL gives every non-special scheme (our `app:`) the opaque
 * origin "null", which would make `app://evil` and `app://terminal` look alike.
 */
function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return undefined;
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Trust only the top frame of a webContents we created, showing our own renderer: the
 * full origin (scheme, host and port) must be the renderer's own, `app://terminal` in
 * production or the dev-server origin in development. A URL without an origin (file:,
 * where any host or a copied path could pose as us) is never trusted.
 */
export function createSenderPolicy(rendererUrl: string, knownIds: ReadonlySet<number>) {
  const expected = originOf(rendererUrl);
  if (expected === undefined) throw new Error(`the renderer URL "${rendererUrl}" has no origin to check senders against`);
  return (sender: SenderInfo): boolean => {
    if (!sender.isTopFrame || !knownIds.has(sender.id)) return false;
    return originOf(sender.frameUrl) === expected;
  };
}
