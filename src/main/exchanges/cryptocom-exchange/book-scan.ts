import type { BookLevel } from '../../../shared';

/**
 * Book pushes are the hot path of the market socket (specs/cryptocom-exchange.md §7.5: a delta
 * per book every 100 ms, a snapshot after each subscribe). The general reader (parseFrame in
 * stream-protocol.ts, then BookSync.apply) bounds the nesting, runs JSON.parse and checks every
 * field with a named error; `bench orderbook` measured that path at 0.53x ccxt fed the same text.
 * This scanner reads the plain shape of a book push straight from the text instead:
 *
 *   {"id":-1,"method":"subscribe","code":0,"result":{"instrument_name":"BTC_USDT",
 *    "subscription":"book.BTC_USDT.50","channel":"book.update","depth":50,"data":[{"update":
 *    {"asks":[["2753.11","0.2616","1"]],"bids":[]},"t":1790114273659,"tt":…,"u":…,"pu":…,"cs":…}]}}
 *
 * keys in any order, each at most once, JSON whitespace between tokens; `method` "subscribe",
 * `code` 0 or absent, `subscription` a string without escapes starting with `book.`, `channel`
 * `book` or `book.update`, `data` exactly one row; integers (`id`, `code`, `depth`, `t`, `tt`,
 * `u`, `pu`, `cs`) of at most 15 digits with an optional minus; levels `[price, quantity]` or
 * `[price, quantity, count]`, price and quantity plain decimal strings (`123`, `0.50`; at most
 * DECIMAL_MAX_LENGTH characters), count a string of digits or an integer. For those it answers
 * what the general reader gives (the same strings, as sent). Anything else (another key, a
 * number where a string is expected, an exponent, `null`, a missing `u`, trailing text) answers
 * undefined, and the general reader decides with its named errors: the scanner never refuses a
 * frame itself. Its nesting is bounded by the shape it accepts.
 */

/** One book row as BookSync needs it (§7.5): levels of a snapshot, or of a delta's `update`. */
export interface BookRead {
  u: number;
  /** A delta's previous `u`; undefined when absent (a snapshot has none). */
  pu: number | undefined;
  /** Publish time, ms; undefined when absent. */
  t: number | undefined;
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface ScannedBookPush {
  id: number;
  subscription: string;
  channel: 'book' | 'book.update';
  instrument: string | undefined;
  book: BookRead;
}

/** shared/model.ts DECIMAL_MAX_LENGTH; a literal, because an imported binding can cost a getter call per use where modules stay apart. */
const MAX_DECIMAL = 40;
/** Integers read exactly (below 2^53). */
const MAX_DIGITS = 15;
/** Not a number: what the integer reader answers for anything but a plain integer. */
const BAD = Number.NaN;

// Keys by number, told apart by length and one character, then checked in full.
const K_ID = 1;
const K_METHOD = 2;
const K_CODE = 3;
const K_RESULT = 4;
const K_INSTRUMENT = 5;
const K_SUBSCRIPTION = 6;
const K_CHANNEL = 7;
const K_DEPTH = 8;
const K_DATA = 9;
const K_UPDATE = 10;
const K_ASKS = 11;
const K_BIDS = 12;
const K_T = 13;
const K_TT = 14;
const K_U = 15;
const K_PU = 16;
const K_CS = 17;

// One frame is scanned at a time (synchronous), so the cursor and what has been read live here
// rather than in an object per frame.
let text = '';
let pos = 0;
let id = BAD;
let method = false;
let code = BAD;
let instrument: string | undefined;
let subscription: string | undefined;
let channel: 'book' | 'book.update' | undefined;
let depth = BAD;
let book: BookRead | undefined;
let hadUpdate = false;

/**
 * Every push of one subscription starts with the same text up to `"data":` (the envelope's
 * field order is fixed, §7.3). The first frame of each shape is read in full and its text up to
 * there kept with what it said, so a later frame that starts with that text resumes at its data.
 */
interface Prefix {
  text: string;
  id: number;
  code: number;
  instrument: string | undefined;
  subscription: string;
  channel: 'book' | 'book.update' | undefined;
  depth: number;
}
/** A socket carries a handful of books, each with a snapshot and a delta shape. */
const PREFIXES = 16;
const prefixes: Prefix[] = [];
let nextPrefix = 0;

/** The book push in `frame`, or undefined when it is not one of the plain shape above. */
export function scanBookPush(frame: string): ScannedBookPush | undefined {
  text = frame;
  pos = 0;
  try {
    return envelope() ? push() : undefined;
  } finally {
    text = '';
    book = undefined;
  }
}

function push(): ScannedBookPush | undefined {
  if (!method || subscription === undefined || channel === undefined || !book) return undefined;
  if (channel === 'book') book.pu = undefined;
  else {
    // A delta needs its `pu` and its `update` object (BookSync.apply's checked reads).
    if (book.pu === undefined || !hadUpdate) return undefined;
    book.bids = updateBids;
    book.asks = updateAsks;
  }
  return { id: Number.isNaN(id) ? -1 : id, subscription, channel, instrument, book };
}

function envelope(): boolean {
  book = undefined;
  hadUpdate = false;
  // A kept prefix ends just before the first `[` of its frame (the data's; the envelope before it
  // has none unless a string holds one, and then no prefix matches), so only prefixes of that
  // length are compared, in full. (indexOf of a rare character and one string compare cost a
  // third of startsWith over every kept prefix.)
  const length = prefixes.length > 0 ? text.indexOf('[') : -1;
  const head = length > 0 ? text.substring(0, length) : '';
  for (let i = 0; length > 0 && i < prefixes.length; i++) {
    const p = prefixes[i]!;
    if (p.text.length !== length || p.text !== head) continue;
    pos = length;
    id = p.id;
    method = true;
    code = p.code;
    instrument = p.instrument;
    subscription = p.subscription;
    channel = p.channel;
    depth = p.depth;
    return data() && objectRest(resultKey) && objectRest(envelopeKey) && end();
  }
  id = BAD;
  method = false;
  code = BAD;
  instrument = undefined;
  subscription = undefined;
  channel = undefined;
  depth = BAD;
  return eat(123 /* { */) && envelopeKey() && objectRest(envelopeKey) && end();
}

/** The rest of an object after one member: `, member`… `}`. */
function objectRest(member: () => boolean): boolean {
  while (eat(44 /* , */)) if (!member()) return false;
  return eat(125 /* } */);
}

/** Only whitespace after the frame. */
function end(): boolean {
  ws();
  return pos === text.length;
}

function envelopeKey(): boolean {
  const key = keyCode();
  if (key === K_ID && Number.isNaN(id)) return !Number.isNaN((id = integer()));
  if (key === K_METHOD && !method) return (method = literal('subscribe'));
  if (key === K_CODE && Number.isNaN(code)) return (code = integer()) === 0;
  if (key === K_RESULT && subscription === undefined) return eat(123) && resultKey() && objectRest(resultKey) && subscription !== undefined;
  return false;
}

function resultKey(): boolean {
  const key = keyCode();
  if (key === K_INSTRUMENT && instrument === undefined) return (instrument = plainString()) !== undefined;
  if (key === K_SUBSCRIPTION && subscription === undefined) {
    subscription = plainString();
    return subscription !== undefined && subscription.startsWith('book.');
  }
  if (key === K_CHANNEL && channel === undefined) {
    if (literal('book.update')) channel = 'book.update';
    else if (literal('book')) channel = 'book';
    return channel !== undefined;
  }
  if (key === K_DEPTH && Number.isNaN(depth)) return !Number.isNaN((depth = integer()));
  if (key === K_DATA && !book) {
    // Everything before the data is the same for every push of this shape (with `method` read).
    if (method && subscription !== undefined) remember();
    return data();
  }
  return false;
}

function remember(): void {
  // Only a prefix the lookup in envelope() can find again: the data's `[` right after it, none before.
  if (text.indexOf('[') !== pos) return;
  const p: Prefix = { text: text.slice(0, pos), id, code, instrument, subscription: subscription!, channel, depth };
  if (prefixes.length < PREFIXES) prefixes.push(p);
  else {
    prefixes[nextPrefix] = p;
    nextPrefix = (nextPrefix + 1) % PREFIXES;
  }
}

/** `[row]`: exactly one row. */
function data(): boolean {
  if (!eat(91 /* [ */)) return false;
  book = row();
  if (!book) return false;
  hadUpdate = rowHadUpdate;
  return eat(93 /* ] */);
}

// What row() read besides the BookRead (whose levels are the row's own): whether it had an
// `update` object and that object's levels, so the channel (which may come later) can pick.
let rowHadUpdate = false;
let updateBids: BookLevel[] = [];
let updateAsks: BookLevel[] = [];

/** `{…}` of §7.5 with `u` and the levels; rowHadUpdate says whether it had an `update` object. */
function row(): BookRead | undefined {
  if (!eat(123)) return undefined;
  let u = BAD;
  let pu = BAD;
  let t = BAD;
  let tt = BAD;
  let cs = BAD;
  let bids: BookLevel[] | undefined;
  let asks: BookLevel[] | undefined;
  let update = false;
  rowHadUpdate = false;
  do {
    const key = keyCode();
    let ok = true;
    if (key === K_U && Number.isNaN(u)) ok = !Number.isNaN((u = integer()));
    else if (key === K_PU && Number.isNaN(pu)) ok = !Number.isNaN((pu = integer()));
    else if (key === K_T && Number.isNaN(t)) ok = !Number.isNaN((t = integer()));
    else if (key === K_TT && Number.isNaN(tt)) ok = !Number.isNaN((tt = integer()));
    else if (key === K_CS && Number.isNaN(cs)) ok = !Number.isNaN((cs = integer()));
    else if (key === K_BIDS && !bids) ok = (bids = levels()) !== undefined;
    else if (key === K_ASKS && !asks) ok = (asks = levels()) !== undefined;
    else if (key === K_UPDATE && !update) ok = update = updateObject();
    else ok = false;
    if (!ok) return undefined;
  } while (eat(44));
  if (!eat(125) || Number.isNaN(u)) return undefined;
  rowHadUpdate = update;
  return { u, pu: Number.isNaN(pu) ? undefined : pu, t: Number.isNaN(t) ? undefined : t, bids: bids ?? [], asks: asks ?? [] };
}

/** `{"asks":[…],"bids":[…]}` (either may be absent) into updateBids/updateAsks. */
function updateObject(): boolean {
  if (!eat(123)) return false;
  let bids: BookLevel[] | undefined;
  let asks: BookLevel[] | undefined;
  if (!eat(125)) {
    do {
      const key = keyCode();
      if (key === K_BIDS && !bids) bids = levels();
      else if (key === K_ASKS && !asks) asks = levels();
      else return false;
      if ((key === K_BIDS && !bids) || (key === K_ASKS && !asks)) return false;
    } while (eat(44));
    if (!eat(125)) return false;
  }
  updateBids = bids ?? [];
  updateAsks = asks ?? [];
  return true;
}

/** `[[price, quantity(, count)], …]`, or undefined for anything else. */
function levels(): BookLevel[] | undefined {
  if (!eat(91)) return undefined;
  const out: BookLevel[] = [];
  if (eat(93)) return out;
  do {
    if (!eat(91)) return undefined;
    const price = decimal();
    if (price === '' || !eat(44)) return undefined;
    const quantity = decimal();
    if (quantity === '') return undefined;
    if (eat(44) && !count()) return undefined;
    if (!eat(93)) return undefined;
    out.push([price, quantity]);
  } while (eat(44));
  return eat(93) ? out : undefined;
}

function ws(): void {
  let c = text.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
}

function eat(code: number): boolean {
  let c = text.charCodeAt(pos);
  if (c <= 32) {
    ws(); // most frames have no whitespace: skip the loop unless there is some
    c = text.charCodeAt(pos);
  }
  if (c !== code) return false;
  pos++;
  return true;
}

/** The end of a string without escapes or control characters starting at `pos` (after its quote), or -1. */
function stringEnd(): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 /* \ */ || c < 32) return -1;
  }
  return -1;
}

/** A key of this file and its colon, as a K_ code; 0 for anything else. */
function keyCode(): number {
  if (!eat(34 /* " */)) return 0;
  const end = stringEnd();
  if (end < 0) return 0;
  const code = keyOf(end - pos, text.charCodeAt(pos));
  if (code === 0 || !text.startsWith(KEY_NAMES[code]!, pos)) return 0;
  pos = end + 1;
  return eat(58 /* : */) ? code : 0;
}

const KEY_NAMES = ['', 'id', 'method', 'code', 'result', 'instrument_name', 'subscription', 'channel', 'depth', 'data', 'update', 'asks', 'bids', 't', 'tt', 'u', 'pu', 'cs'];

function keyOf(length: number, first: number): number {
  switch (length) {
    case 1:
      return first === 116 /* t */ ? K_T : first === 117 /* u */ ? K_U : 0;
    case 2:
      return first === 105 /* i */ ? K_ID : first === 116 ? K_TT : first === 112 /* p */ ? K_PU : first === 99 /* c */ ? K_CS : 0;
    case 4:
      return first === 99 ? K_CODE : first === 100 /* d */ ? K_DATA : first === 97 /* a */ ? K_ASKS : first === 98 /* b */ ? K_BIDS : 0;
    case 5:
      return first === 100 ? K_DEPTH : 0;
    case 6:
      return first === 109 /* m */ ? K_METHOD : first === 114 /* r */ ? K_RESULT : first === 117 ? K_UPDATE : 0;
    case 7:
      return first === 99 ? K_CHANNEL : 0;
    case 12:
      return first === 115 /* s */ ? K_SUBSCRIPTION : 0;
    case 15:
      return first === 105 ? K_INSTRUMENT : 0;
    default:
      return 0;
  }
}

/** `"value"` exactly; false (and the cursor where it was) for anything else. */
function literal(value: string): boolean {
  const start = pos;
  if (eat(34) && text.startsWith(value, pos) && text.charCodeAt(pos + value.length) === 34) {
    pos += value.length + 1;
    return true;
  }
  pos = start;
  return false;
}

/** A non-empty string without escapes. */
function plainString(): string | undefined {
  if (!eat(34)) return undefined;
  const end = stringEnd();
  if (end <= pos) return undefined;
  const value = text.slice(pos, end);
  pos = end + 1;
  return value;
}

/** An integer of at most MAX_DIGITS digits, optional minus, no leading zero, fraction or exponent; NaN for anything else. */
function integer(): number {
  ws();
  let i = pos;
  const negative = text.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  const start = i;
  let n = 0;
  for (; i - start <= MAX_DIGITS; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) break;
    n = n * 10 + (c - 48);
  }
  const digits = i - start;
  if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && text.charCodeAt(start) === 48) || !endsNumber(text.charCodeAt(i))) return BAD;
  pos = i;
  return negative ? -n : n;
}

/** A plain decimal string, `digits[.digits]`, of at most MAX_DECIMAL characters; '' for anything else. */
function decimal(): string {
  if (!eat(34)) return '';
  const s = text;
  const start = pos;
  let dot = -1;
  let i = start;
  let c = s.charCodeAt(i);
  for (;;) {
    if (c >= 48 && c <= 57) c = s.charCodeAt(++i);
    else if (c === 46 && dot < 0) {
      dot = i;
      c = s.charCodeAt(++i);
    } else break;
  }
  const length = i - start;
  if (c !== 34 || length === 0 || length > MAX_DECIMAL || dot === start || dot === i - 1) return '';
  pos = i + 1;
  return s.slice(start, i);
}

/** A level's order count: a string of digits or an integer (BookSync does not read it). */
function count(): boolean {
  if (eat(34)) {
    let i = pos;
    while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === pos || i - pos > MAX_DIGITS || text.charCodeAt(i) !== 34) return false;
    pos = i + 1;
    return true;
  }
  return !Number.isNaN(integer());
}

/** A JSON number cannot go on past this character (no more digits, fraction or exponent). */
function endsNumber(c: number): boolean {
  return !((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69);
}
