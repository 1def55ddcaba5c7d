import type { Account } from '../../../src/shared';
import type { DemoTerminal } from './demo-terminal';

/**
 * Adds the simulator's spare Icrypex key as another account (live mode, as every added key is)
 * through the engine's own accounts:add, so the page sees it by the accounts:changed push.
 * The terminal is shared by every spec of the worker: call the returned remove() in a finally.
 */
export async function addSpareIcrypexAccount(terminal: DemoTerminal, label: string): Promise<{ account: Account; remove: () => Promise<void> }> {
  const add = terminal.engine.handlers['accounts:add'];
  const remove = terminal.engine.handlers['accounts:remove'];
  if (!add || !remove) throw new Error('the engine has no accounts:add/remove handlers');
  const { apiKey, apiSecret, endpoints } = terminal.spareIcrypex;
  const added = await add({ exchange: 'icrypex', label, apiKey, apiSecret, endpoints });
  if (!added.ok) throw new Error(`adding the spare account failed: ${added.error.message}`);
  return {
    account: added.value,
    remove: async () => {
      const removed = await remove({ accountId: added.value.id });
      if (!removed.ok) throw new Error(`removing the spare account failed: ${removed.error.message}`);
    },
  };
}
