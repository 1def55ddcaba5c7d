import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { openTerminal } from './support/terminal-page';

type Seen = Record<string, Array<{ text: string; at: number }>>;

/** Records every text each badge shows, with performance.now(), so a short state is seen however fast it passes. */
async function recordBadges(page: Page, ids: string[]): Promise<void> {
  await page.evaluate((testIds) => {
    const seen: Seen = {};
    (window as unknown as { badgeStates: Seen }).badgeStates = seen;
    for (const id of testIds) {
      const node = document.querySelector(`[data-testid="${id}"]`)!;
      seen[id] = [{ text: node.textContent ?? '', at: performance.now() }];
      new MutationObserver(() => seen[id]!.push({ text: node.textContent ?? '', at: performance.now() })).observe(node, { childList: true, characterData: true, subtree: true });
    }
  }, ids);
}

const seenOf = (page: Page) => page.evaluate(() => (window as unknown as { badgeStates: Seen }).badgeStates);

/** How long each spell of STALE lasted (ms); the last one is open-ended while it still shows. */
function staleSpells(states: Array<{ text: string; at: number }>): number[] {
  const spells: number[] = [];
  let since: number | undefined;
  for (const s of states) {
    if (s.text === 'STALE' && since === undefined) since = s.at;
    else if (s.text !== 'STALE' && since !== undefined) {
      spells.push(s.at - since);
      since = undefined;
    }
  }
  return spells;
}

forBothSizes((size) => {
  test('each Icrypex change-set gap shows STALE on the book for at least 1.5 s; tape and chart keep their own LIVE', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    for (const badge of ['tape-state', 'chart-state']) await expect(page.getByTestId(badge)).toHaveText('LIVE');
    await recordBadges(page, ['book-state', 'tape-state', 'chart-state']);
    const sim = terminal.sims.icrypex.sim;

    for (let gap = 1; gap <= 3; gap++) {
      sim.faults.skipChangeSet('BTCUSDT');
      // The gap is seen, the engine resynchronises, and the badge says so, then recovers by itself.
      await expect.poll(async () => staleSpells([...(await seenOf(page))['book-state']!, { text: 'now', at: Number.MAX_SAFE_INTEGER }]).length, { timeout: 15_000 }).toBe(gap);
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 15_000 });
      if (gap === 1) await page.getByTestId('status-bar').screenshot({ path: test.info().outputPath(`gap-status-${size.width}.png`) });
    }
    const seen = await seenOf(page);
    const spells = staleSpells(seen['book-state']!);
    expect(spells).toHaveLength(3);
    for (const ms of spells) expect(ms).toBeGreaterThanOrEqual(1_500);
    // The tape and the chart do not depend on the book's change-set chain.
    expect(seen['tape-state']!.map((s) => s.text)).not.toContain('STALE');
    expect(seen['chart-state']!.map((s) => s.text)).not.toContain('STALE');
  });

  test('dropped sockets mark the book, the tape and the chart STALE, each by its own badge, and each comes back LIVE', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    await recordBadges(page, ['book-state', 'tape-state', 'chart-state']);
    terminal.sims.icrypex.sim.faults.dropConnections();
    for (const badge of ['book-state', 'tape-state', 'chart-state']) {
      await expect.poll(async () => (await seenOf(page))[badge]!.map((s) => s.text), { timeout: 15_000 }).toContain('STALE');
    }
    await page.locator('.pane-title').first().screenshot({ path: test.info().outputPath(`chart-title-stale-${size.width}.png`) });
    for (const badge of ['book-state', 'tape-state', 'chart-state']) await expect(page.getByTestId(badge)).toHaveText('LIVE', { timeout: 20_000 });
    // However fast the reconnect, and even when it fell between two status pushes, each pane's
    // STALE lasted long enough to be seen (docs/ui.md: at least 1.5 s).
    const seen = await seenOf(page);
    for (const badge of ['book-state', 'tape-state', 'chart-state']) {
      const spells = staleSpells(seen[badge]!);
      expect(spells.length, `${badge} spells`).toBeGreaterThan(0);
      expect(Math.min(...spells), `${badge} shortest STALE (ms)`).toBeGreaterThanOrEqual(1_500);
    }
  });
});
