import { DUPLICABLE, PANE_IDS, PINNABLE, type PaneId } from './layout';

/**
 * The palette's pane commands (issue 13 #3): pin a pane to an account, let it follow the active
 * account again, duplicate it (optionally pinned), close a copy. Panes are named as `focus`
 * names them (`book`, `trades`…), a copy with its number (`book 2`, `book-2`, `book2`).
 *
 *   pin <pane> [to|on] <account>     unpin <pane> | follow <pane> | pin <pane> follow
 *   duplicate|dup <pane> [to|on <account>]
 *   close <pane copy>
 */
export type PaneCommand =
  | { kind: 'pin'; pane: string; account?: string }
  | { kind: 'duplicate'; pane: string; account?: string }
  | { kind: 'close-pane'; pane: string };

export const PANE_EXAMPLES = ['pin book to crypto.com demo', 'unpin book', 'duplicate book on crypto.com demo', 'close book 2'] as const;
export const PANE_COMMAND_WORDS = ['pin', 'unpin', 'follow', 'duplicate', 'close'] as const;

const ALIASES: Record<string, PaneId> = { trades: 'tape', history: 'orders', fills: 'orders', chart: 'chart', candles: 'chart' };

type Parsed = { ok: true; command: PaneCommand } | { ok: false; message: string };

/**
 * A pane's key from the words that name it: `book` → `book`, `book 2` / `book-2` / `book2` →
 * `book-2`. Answers how many words it took, or why it is not a pane.
 */
export function paneKeyOf(words: readonly string[]): { ok: true; key: string; id: PaneId; used: number } | { ok: false; message: string } {
  const first = words[0];
  if (first === undefined) return { ok: false, message: `which pane? ${PINNABLE.join(', ')}` };
  const m = /^([a-z]+)-?(\d+)?$/.exec(first);
  const name = m?.[1] ?? first;
  const id = ALIASES[name] ?? PANE_IDS.find((p) => p === name) ?? PANE_IDS.find((p) => p.startsWith(name));
  if (!id) return { ok: false, message: `"${first}" is not a pane; panes: ${PANE_IDS.join(', ')}` };
  let copy = m?.[2];
  let used = 1;
  if (copy === undefined && words[1] !== undefined && /^\d+$/.test(words[1])) {
    copy = words[1];
    used = 2;
  }
  const n = copy === undefined ? 1 : Number(copy);
  return { ok: true, id, key: n > 1 ? `${id}-${n}` : id, used };
}

/** The account after `to`/`on` (or right after the pane). */
function accountAfter(words: readonly string[]): string | undefined {
  const rest = words[0] === 'to' || words[0] === 'on' ? words.slice(1) : words;
  return rest.length ? rest.join(' ') : undefined;
}

export function parsePaneCommand(head: string, rest: readonly string[]): Parsed {
  const pane = paneKeyOf(rest);
  if (!pane.ok) return pane;
  const after = rest.slice(pane.used);
  switch (head) {
    case 'pin': {
      if (!PINNABLE.includes(pane.id)) return { ok: false, message: `the ${pane.id} pane cannot be pinned (${PINNABLE.join(', ')} can)` };
      const account = accountAfter(after);
      if (account === undefined) return { ok: false, message: `pin ${pane.key} to which account? e.g. pin ${pane.key} to crypto.com demo, or unpin ${pane.key}` };
      return { ok: true, command: account === 'follow' || account === 'active' ? { kind: 'pin', pane: pane.key } : { kind: 'pin', pane: pane.key, account } };
    }
    case 'unpin':
    case 'follow':
      if (after.length) return { ok: false, message: `${head} ${pane.key} takes nothing after the pane` };
      return { ok: true, command: { kind: 'pin', pane: pane.key } };
    case 'duplicate':
    case 'dup': {
      if (!DUPLICABLE.includes(pane.id)) return { ok: false, message: `the ${pane.id} pane cannot be duplicated (${DUPLICABLE.join(', ')} can)` };
      const account = accountAfter(after);
      return { ok: true, command: account === undefined ? { kind: 'duplicate', pane: pane.key } : { kind: 'duplicate', pane: pane.key, account } };
    }
    case 'close':
      if (pane.key === pane.id) return { ok: false, message: `only a copy closes (e.g. close ${pane.id} 2): every kind of pane stays in the layout` };
      return after.length ? { ok: false, message: `close ${pane.key} takes nothing after the pane` } : { ok: true, command: { kind: 'close-pane', pane: pane.key } };
    default:
      return { ok: false, message: `unknown pane command "${head}"` };
  }
}
