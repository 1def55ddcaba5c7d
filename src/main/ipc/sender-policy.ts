import type { SenderInfo } from './handle';

/**
 * Trust only the top frame of a webContents we created, showing our own renderer: the
 * dev-server origin in development, our own index.html file in production.
 */
export function createSenderPolicy(rendererUrl: string, knownIds: ReadonlySet<number>) {
  const expected = new URL(rendererUrl);
  return (sender: SenderInfo): boolean => {
    if (!sender.isTopFrame || !knownIds.has(sender.id)) return false;
    let actual: URL;
    try {
      actual = new URL(sender.frameUrl);
    } catch {
      return false;
    }
    if (actual.protocol !== expected.protocol) return false;
    if (expected.protocol === 'file:') return actual.pathname === expected.pathname;
    return actual.origin === expected.origin;
  };
}
