import { canonicalSymbol, isZeroQuantity, Resolution, type AlertCondition, type OrderType, type Side } from '../../../shared';
import { parseSimCommand, type SimCommand } from './palette-sim';
import { PANE_COMMAND_WORDS, PANE_EXAMPLES, parsePaneCommand, type PaneCommand } from './palette-panes';

/**
 * The command palette's small grammar (ux.md: Ctrl+K). Words are case-insensitive.
 *
 *   buy|b|sell|s <size> [symbol] [stop <trigger>] (@ <price> | at <price> | market) [on <account>]
 *       basket: on <account>=<size>, <account>[=<size>], …   (a leg without a size takes <size>)
 *       group:  on group <name>   (split by the group's weights or default sizes, lib/groups.ts;
 *               the size may be left out for a group of default sizes)
 *       size: 0.5 (base quantity) | 25% (of available) | $100 (quote total, market buys)
 *   cancel all [symbol | everywhere] [on <account> | on <group> | on all accounts] | cancel last | cancel <order id>
 *   account <name> | switch [account] <name> | use <name>
 *   symbol <pair> | /<pair>
 *   focus <pane> | theme system|dark|light|colorblind | readonly on|off | settings | layout reset
 *   alert [symbol] (>|<|x|above|below|cross) <price> | alerts
 *   sim <fault> [on <exchange>]   (demo mode only: palette-sim.ts)
 *   pin|unpin|duplicate|close <pane> [to <account>]   (palette-panes.ts)
 *
 * Parsing is pure and knows nothing about accounts or markets; names are resolved afterwards
 * (`matchAccount`, `matchSymbol`) so each step can say exactly what it did not understand.
 */

export type OrderCommand = {
  kind: 'order';
  side: Side;
  type: OrderType;
  quantity?: string;
  /** Percent of available (1..100). */
  percent?: number;
  /** Quote amount (market buy by total). */
  total?: string;
  symbol?: string;
  price?: string;
  triggerPrice?: string;
  account?: string;
  /** A basket (issue 13 #1): one leg per account, each with its own size or the command's. */
  legs?: BasketLegSpec[];
  /** A basket on a saved account group (issue 13 #2): split by its weights or its default sizes. */
  group?: string;
};

export type LegSize = Pick<OrderCommand, 'quantity' | 'percent' | 'total'>;
export type BasketLegSpec = { account: string } & LegSize;

export type Command =
  | OrderCommand
  | { kind: 'cancel-all'; scope: 'symbol' | 'everywhere'; symbol?: string; on?: CancelTarget }
  | { kind: 'cancel-last' }
  | { kind: 'cancel-order'; orderId: string }
  | { kind: 'account'; query: string }
  | { kind: 'symbol'; query: string }
  | { kind: 'focus'; pane: string }
  | { kind: 'theme'; theme: 'system' | 'dark' | 'light' | 'colorblind' }
  | { kind: 'read-only'; on: boolean }
  | { kind: 'settings' }
  | { kind: 'layout-reset' }
  | { kind: 'alert'; symbol?: string; condition: AlertCondition; price: string }
  | { kind: 'alerts' }
  | { kind: 'chart'; resolution: Resolution }
  | SimCommand
  | PaneCommand;

/** Whose orders a cancel-all reaches when `on …` is given: every account, or a name (account or group). */
export type CancelTarget = { every: true } | { name: string };

export type ParseResult = { ok: true; command: Command } | { ok: false; message: string };

/** Examples the palette lists before anything is typed. */
export const PALETTE_EXAMPLES = [
  'buy 0.5 btcusdt @ 48000',
  'sell 25% ethusdt market',
  'buy $100 btcusdt market',
  'sell 0.1 btcusdt stop 45000 @ 44900',
  'buy 0.01 btcusdt @ 48000 on icrypex demo=0.02, crypto.com demo',
  'buy 0.03 btcusdt @ 48000 on group main-desk',
  'cancel all',
  'cancel all everywhere',
  'cancel all on all accounts',
  'cancel last',
  'account demo-icrypex',
  'symbol ethusdt',
  'focus book',
  'theme light',
  'readonly on',
  'settings',
  'layout reset',
  'alert btcusdt > 90000',
  'alert x 87000',
  'alerts',
  'chart 30m',
  'chart 1month',
  ...PANE_EXAMPLES,
] as const;

const DECIMAL = /^\d+(?:\.\d+)?$/;
const NUMBERISH = /^[-+]?[\d.,]+$/;
const SYMBOL = /^[a-z0-9][a-z0-9/_-]{1,31}$/;

function fail(message: string): ParseResult {
  return { ok: false, message };
}

/** Splits on spaces and around `@`, so `@48000`, `@ 48000` and `0.5@48000` read the same. */
export function tokenize(input: string): string[] {
  return input
    .trim()
    .toLowerCase()
    .replace(/@/g, ' @ ')
    .split(/\s+/)
    .filter(Boolean);
}

function decimal(token: string | undefined, what: string): { ok: true; value: string } | { ok: false; message: string } {
  if (token === undefined) return { ok: false, message: `${what} is missing` };
  if (token.startsWith('-')) return { ok: false, message: `${what} must be greater than 0, not ${token}` };
  if (!DECIMAL.test(token)) {
    return { ok: false, message: NUMBERISH.test(token) ? `${what} "${token}" is not a number such as 0.5 (use a dot, no commas)` : `${what} "${token}" is not a number` };
  }
  if (isZeroQuantity(token)) return { ok: false, message: `${what} must be greater than 0` };
  return { ok: true, value: token.replace(/^0+(?=\d)/, '') };
}

function parseSize(token: string | undefined): { ok: true; size: Pick<OrderCommand, 'quantity' | 'percent' | 'total'> } | { ok: false; message: string } {
  if (token === undefined) return { ok: false, message: 'how much? e.g. buy 0.5 btcusdt @ 48000, or 25% of available' };
  if (token.endsWith('%')) {
    const n = decimal(token.slice(0, -1), 'percent');
    if (!n.ok) return n;
    const pct = Number(n.value);
    if (pct > 100) return { ok: false, message: `percent must be at most 100, not ${token}` };
    return { ok: true, size: { percent: pct } };
  }
  if (token.startsWith('$')) {
    const n = decimal(token.slice(1), 'total');
    return n.ok ? { ok: true, size: { total: n.value } } : n;
  }
  const n = decimal(token, 'quantity');
  return n.ok ? { ok: true, size: { quantity: n.value } } : n;
}

function parseOrder(side: Side, rest: string[]): ParseResult {
  // `buy btcusdt @ 87000 on group g`: a group of default sizes needs no size.
  const onGroup = rest.findIndex((w, i) => w === 'on' && rest[i + 1] === 'group');
  let size = parseSize(rest[0]);
  if (!size.ok && onGroup >= 0 && !/^[\d$.-]/.test(rest[0] ?? '')) {
    size = { ok: true, size: {} };
    rest = ['', ...rest];
  }
  if (!size.ok) return fail(size.message);
  let group: string | undefined;
  let symbol: string | undefined;
  let price: string | undefined;
  let trigger: string | undefined;
  let market = false;
  let account: string | undefined;
  let legs: BasketLegSpec[] | undefined;
  for (let i = 1; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === '@' || word === 'at' || word === 'limit') {
      const n = decimal(rest[++i], 'price');
      if (!n.ok) return fail(n.message);
      if (price !== undefined) return fail('give one price only');
      price = n.value;
    } else if (word === 'market' || word === 'mkt') {
      market = true;
    } else if (word === 'stop' || word === 'trigger') {
      const n = decimal(rest[++i], 'trigger price');
      if (!n.ok) return fail(n.message);
      trigger = n.value;
    } else if (word === 'on' && rest[i + 1] === 'group') {
      group = rest.slice(i + 2).join(' ');
      if (!group) return fail('which group? e.g. on group main-desk (groups are made in settings)');
      if (/[=,]/.test(group)) return fail('a group takes no legs: its sizes are saved in settings; name the accounts instead, e.g. on a=0.1, b');
      break;
    } else if (word === 'on') {
      const target = rest.slice(i + 1).join(' ');
      if (!target) return fail('on which account? e.g. on demo-icrypex');
      if (/[=,]/.test(target)) {
        const parsed = parseLegs(target);
        if (!parsed.ok) return fail(parsed.message);
        legs = parsed.legs;
      } else account = target;
      break;
    } else if (SYMBOL.test(word) && symbol === undefined && !DECIMAL.test(word)) {
      symbol = word;
    } else {
      return fail(`did not understand "${word}": expected a symbol, @ <price>, market, stop <price> or on <account>`);
    }
  }
  if (market && price !== undefined) return fail('a market order has no limit price: drop "@ price" or "market"');
  if (!market && price === undefined) return fail('at what price? add "@ 48000", or "market"');
  const type: OrderType = trigger !== undefined ? (market ? 'stop-market' : 'stop-limit') : market ? 'market' : 'limit';
  if ([size.size, ...(legs ?? [])].some((sz) => sz.total !== undefined) && (side !== 'buy' || !market)) {
    return fail('a $ total works for market buys only; give a quantity instead');
  }
  const command: OrderCommand = { kind: 'order', side, type, ...size.size };
  if (symbol !== undefined) command.symbol = symbol;
  if (price !== undefined) command.price = price;
  if (trigger !== undefined) command.triggerPrice = trigger;
  if (account !== undefined) command.account = account;
  if (legs !== undefined) command.legs = legs;
  if (group !== undefined) command.group = group;
  return { ok: true, command };
}

const EVERY_ACCOUNT = new Set(['all', 'all accounts', 'every account', 'every accounts', 'everyone', 'accounts']);

/** `cancel all [symbol | everywhere] [on <account> | on <group> | on all accounts]`. */
function parseCancelAll(words: string[]): ParseResult {
  const on = words.indexOf('on');
  const head = on < 0 ? words : words.slice(0, on);
  let target: CancelTarget | undefined;
  if (on >= 0) {
    const name = words.slice(on + 1).join(' ');
    if (!name) return fail('cancel on which accounts? e.g. cancel all on all accounts, or on <account or group>');
    target = EVERY_ACCOUNT.has(name) ? { every: true } : { name };
  }
  const withTarget = target ? { on: target } : {};
  if (head[0] === 'everywhere' || head[0] === 'symbols' || head[0] === '*') {
    return head.length > 1 ? fail('cancel all everywhere takes no symbol') : { ok: true, command: { kind: 'cancel-all', scope: 'everywhere', ...withTarget } };
  }
  if (head.length > 1) return fail('cancel all takes one symbol, or "everywhere", then optionally "on <account>"');
  return { ok: true, command: head[0] ? { kind: 'cancel-all', scope: 'symbol', symbol: head[0], ...withTarget } : { kind: 'cancel-all', scope: 'symbol', ...withTarget } };
}

/** `icx-main=0.02, icx-2=$50, crypto.com demo`: one leg per comma, `=size` optional. */
function parseLegs(text: string): { ok: true; legs: BasketLegSpec[] } | { ok: false; message: string } {
  const legs: BasketLegSpec[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    if (!part) return { ok: false, message: 'an empty leg: write on <account>=<size>, <account>=<size>' };
    const at = part.indexOf('=');
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    if (!name) return { ok: false, message: `leg "${part}" names no account: write <account>=<size>` };
    if (at < 0) {
      legs.push({ account: name });
      continue;
    }
    const size = parseSize(part.slice(at + 1).trim() || undefined);
    if (!size.ok) return { ok: false, message: `leg ${name}: ${size.message}` };
    legs.push({ account: name, ...size.size });
  }
  if (legs.length > 20) return { ok: false, message: `a basket has at most 20 legs, not ${legs.length}` };
  return { ok: true, legs };
}

const CONDITIONS: Record<string, AlertCondition> = {
  '>': 'above',
  '>=': 'above',
  above: 'above',
  over: 'above',
  '<': 'below',
  '<=': 'below',
  below: 'below',
  under: 'below',
  x: 'crossing',
  cross: 'crossing',
  crosses: 'crossing',
  crossing: 'crossing',
};

/** `alert btcusdt > 90000`, `alert <87000` (the active symbol), `alert ethusdt cross 3000`. */
function parseAlert(rest: string[]): ParseResult {
  // `>90000` and `btcusdt>90000` read like `> 90000`.
  const words = rest.join(' ').replace(/(>=|<=|>|<)/g, ' $1 ').split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => CONDITIONS[w] !== undefined);
  if (at < 0) return fail('alert when? e.g. alert btcusdt > 90000, alert < 85000, alert x 87000 (crossing)');
  if (at > 1) return fail(`did not understand "${words.slice(0, at).join(' ')}": give one symbol, e.g. alert btcusdt > 90000`);
  const symbol = at === 1 ? words[0]! : undefined;
  if (symbol !== undefined && !SYMBOL.test(symbol)) return fail(`"${symbol}" is not a symbol such as btcusdt`);
  const price = decimal(words[at + 1], 'alert price');
  if (!price.ok) return fail(price.message);
  if (words.length > at + 2) return fail(`did not understand "${words.slice(at + 2).join(' ')}" after the price`);
  const command: Command = { kind: 'alert', condition: CONDITIONS[words[at]!]!, price: price.value };
  if (symbol !== undefined) command.symbol = symbol;
  return { ok: true, command };
}

const PANES = ['chart', 'book', 'tape', 'trades', 'ticket', 'orders', 'history', 'fills', 'balances', 'accounts'];

/** Parses one palette line into a command, or says what it could not understand. */
export function parseCommand(input: string): ParseResult {
  const raw = input.trim();
  if (raw.startsWith('/')) {
    const query = raw.slice(1).trim();
    return query ? { ok: true, command: { kind: 'symbol', query } } : fail('type a symbol after /, e.g. /ethusdt');
  }
  const words = tokenize(raw);
  const [head, ...rest] = words;
  if (head === undefined) return fail('type a command, e.g. buy 0.5 btcusdt @ 48000');
  switch (head) {
    case 'buy':
    case 'b':
      return parseOrder('buy', rest);
    case 'sell':
    case 's':
      return parseOrder('sell', rest);
    case 'cancel':
    case 'c': {
      const [what, ...more] = rest;
      if (what === 'all') return parseCancelAll(more);
      if (what === 'last') return { ok: true, command: { kind: 'cancel-last' } };
      if (what && more.length === 0) return { ok: true, command: { kind: 'cancel-order', orderId: what } };
      return fail('cancel what? "cancel all", "cancel all everywhere", "cancel last" or "cancel <order id>"');
    }
    case 'account':
    case 'acct':
    case 'use':
    case 'switch': {
      const words2 = head === 'switch' && rest[0] === 'account' ? rest.slice(1) : rest;
      const query = words2.join(' ');
      return query ? { ok: true, command: { kind: 'account', query } } : fail('which account? e.g. account demo-icrypex');
    }
    case 'sim':
      return parseSimCommand(rest);
    case 'symbol':
    case 'sym':
    case 'pair':
      return rest[0] ? { ok: true, command: { kind: 'symbol', query: rest.join('') } } : fail('which symbol? e.g. symbol ethusdt');
    case 'focus':
    case 'go': {
      const pane = PANES.find((p) => rest[0] !== undefined && p.startsWith(rest[0]));
      return pane ? { ok: true, command: { kind: 'focus', pane } } : fail(`focus which pane? ${PANES.join(', ')}`);
    }
    case 'theme': {
      const theme = rest[0] === 'cb' || rest[0] === 'colourblind' ? 'colorblind' : rest[0];
      if (theme === 'system' || theme === 'dark' || theme === 'light' || theme === 'colorblind') return { ok: true, command: { kind: 'theme', theme } };
      return fail('theme system, dark, light or colorblind');
    }
    case 'readonly':
    case 'read-only':
    case 'dryrun':
    case 'dry-run': {
      if (rest[0] === 'on' || rest[0] === 'off') return { ok: true, command: { kind: 'read-only', on: rest[0] === 'on' } };
      return fail('readonly on or readonly off');
    }
    case 'settings':
    case 'keymap':
    case 'keys':
    case 'preferences':
      return { ok: true, command: { kind: 'settings' } };
    case 'layout':
      return rest[0] === 'reset' ? { ok: true, command: { kind: 'layout-reset' } } : fail('layout reset');
    case 'alert':
      return rest.length === 0 ? { ok: true, command: { kind: 'alerts' } } : parseAlert(rest);
    case 'alerts':
      return { ok: true, command: { kind: 'alerts' } };
    case 'chart':
      return parseChart(rest);
    case 'pin':
    case 'unpin':
    case 'follow':
    case 'duplicate':
    case 'dup':
    case 'close':
      return parsePaneCommand(head, rest);
    default: {
      const close = COMMAND_WORDS.filter((w) => w.startsWith(head) || (w[0] === head[0] && editDistance(w.slice(0, head.length), head) <= 2));
      return fail(`unknown command "${head}"${close.length ? `; did you mean ${close.join(' or ')}?` : ''}`);
    }
  }
}

/** `chart 30m`: the chart's resolution (the words are lower-cased, so a month is `1month`, `1mo` or `month`). */
function parseChart(words: string[]): ParseResult {
  const word = words[0] === '1mo' || words[0] === 'month' ? '1month' : words[0];
  const resolution = Resolution.safeParse(word);
  if (words.length === 1 && resolution.success) return { ok: true, command: { kind: 'chart', resolution: resolution.data } };
  return fail(`chart takes one resolution: ${Resolution.options.join(', ')}`);
}

/** Levenshtein distance, for "did you mean" on short command words. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

const COMMAND_WORDS = ['buy', 'sell', 'cancel', 'account', 'switch', 'symbol', 'focus', 'theme', 'readonly', 'settings', 'layout', 'alert', 'chart', ...PANE_COMMAND_WORDS];

/** Finds the market a typed symbol means. */
export function matchSymbol(query: string, symbols: readonly string[]): { ok: true; symbol: string } | { ok: false; message: string } {
  const want = canonicalSymbol(query);
  const exact = symbols.find((s) => canonicalSymbol(s) === want);
  if (exact) return { ok: true, symbol: exact };
  const starts = symbols.filter((s) => canonicalSymbol(s).startsWith(want));
  if (starts.length === 1) return { ok: true, symbol: starts[0]! };
  const hint = (starts.length ? starts : symbols.filter((s) => canonicalSymbol(s).includes(want))).slice(0, 4);
  return { ok: false, message: `no market ${want}${hint.length ? `; did you mean ${hint.join(', ')}?` : ''}` };
}

/** True when the letters of `needle` appear in order in `hay` (fuzzy match). */
export function subsequence(needle: string, hay: string): boolean {
  let at = 0;
  for (const ch of hay) if (ch === needle[at]) at++;
  return at === needle.length;
}

/** Finds the account a typed name means: id, label, then a unique prefix, part, words in any order, or letters in order. */
export function matchAccount<A extends { id: string; label: string }>(
  query: string,
  accounts: readonly A[],
): { ok: true; account: A } | { ok: false; message: string } {
  const q = query.trim().toLowerCase();
  const exact = accounts.find((a) => a.id.toLowerCase() === q || a.label.toLowerCase() === q);
  if (exact) return { ok: true, account: exact };
  // Words in any order: `demo-icrypex` finds "Icrypex demo".
  const words = q.split(/[^a-z0-9.]+/).filter(Boolean);
  const allWords = (l: string) => words.length > 0 && words.every((w) => l.includes(w));
  for (const test of [(l: string) => l.startsWith(q), (l: string) => l.includes(q), allWords, (l: string) => subsequence(q, l)]) {
    const found = accounts.filter((a) => test(a.label.toLowerCase()));
    if (found.length === 1) return { ok: true, account: found[0]! };
    if (found.length > 1) return { ok: false, message: `"${query}" matches ${found.length} accounts: ${found.map((a) => a.label).join(', ')}` };
  }
  return { ok: false, message: `no account "${query}"; have ${accounts.map((a) => a.label).join(', ') || 'none'}` };
}
