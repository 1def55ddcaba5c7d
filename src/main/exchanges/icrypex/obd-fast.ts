import { DECIMAL_MAX_LENGTH } from '../../../shared';
import type { BookRow } from './stream-protocol';

/**
 * `obd` diffs are the hot path of the public socket (specs/icrypex.md §8.4: one frame per book
 * change, one or two rows each in the live captures). The general parser (stream-protocol.ts)
 * bounds the nesting, runs JSON.parse and checks every field with a named error; issue 19
 * measured it at 0.41x ccxt fed the same text. This scanner reads the plain shape straight from
 * the text instead:
 *
 *   obd|{"ps":"BTCUSDT","cs":957746,"a":[{"q":"1.79023467","p":"87107","t":2}],"b":[]}
 *
 * keys in any order, JSON whitespace between tokens, `ps` a string without escapes, `cs` a
 * non-negative integer of at most 15 digits, rows with exactly `q`, `p` and `t`, prices and sizes
 * plain decimal strings (`123`, `0.5`; at most DECIMAL_MAX_LENGTH characters) and `t` 1, 2 or 3.
 * For any of those it answers exactly what the general parser would (the same strings, as sent).
 * Anything else (an unknown or repeated key, a number where a string is expected, a sign, an
 * exponent, `null`, a missing field, trailing text) answers undefined, and the general parser
 * decides, with its named errors: the scanner never refuses a frame itself.
 */
export interface ScannedObd {
  type: 'obd';
  symbol: string;
  cs: number;
  bids: BookRow[];
  asks: BookRow[];
}

const PREFIX = 'obd|';
/** Digits of `cs` read as an exact integer (below 2^53). */
const MAX_CS_DIGITS = 15;
/** Read once: an imported binding can cost a getter call per use where the build leaves modules apart. */
const MAX_DECIMAL = DECIMAL_MAX_LENGTH;
// Keys by code, compared without cutting a string out of the text.
const K_PS = 1;
const K_CS = 2;
const K_A = 97;
const K_B = 98;
const K_P = 112;
const K_Q = 113;
const K_T = 116;

// One frame is scanned at a time (synchronous), so the cursor lives here rather than in an object per frame.
let text = '';
let pos = 0;
/** The last `ps` as sent and upper-cased: a socket carries a handful of pairs, so most frames reuse it. */
let lastPs = '';
let lastSymbol = '';

export function scanObdFrame(frame: string): ScannedObd | undefined {
  if (!frame.startsWith(PREFIX)) return undefined;
  text = frame;
  pos = PREFIX.length;
  try {
    return scanBody();
  } finally {
    text = '';
  }
}

function scanBody(): ScannedObd | undefined {
  if (!eat(123 /* { */)) return undefined;
  let symbol: string | undefined;
  let cs = -1;
  let bids: BookRow[] | null | undefined;
  let asks: BookRow[] | null | undefined;
  if (!eat(125 /* } */)) {
    do {
      const key = keyCode();
      if (key === K_PS && symbol === undefined) symbol = pair();
      else if (key === K_CS && cs < 0) {
        cs = integer();
        if (cs < 0) return undefined;
      } else if (key === K_B && bids === undefined) bids = rows();
      else if (key === K_A && asks === undefined) asks = rows();
      else return undefined;
      if (symbol === '' || bids === null || asks === null) return undefined;
    } while (eat(44 /* , */));
    if (!eat(125)) return undefined;
  }
  ws();
  if (pos !== text.length || symbol === undefined || cs < 0) return undefined;
  return { type: 'obd', symbol, cs, bids: bids ?? [], asks: asks ?? [] };
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

/** `"ps":`, `"cs":` or a one-letter key and its colon, as a K_ code (a letter's char code); 0 for anything else. */
function keyCode(): number {
  if (!eat(34 /* " */)) return 0;
  const c0 = text.charCodeAt(pos);
  const c1 = text.charCodeAt(pos + 1);
  let code = 0;
  if (c1 === 34) {
    code = c0;
    pos += 2;
  } else if (c1 === 115 /* s */ && text.charCodeAt(pos + 2) === 34 && (c0 === 112 /* p */ || c0 === 99) /* c */) {
    code = c0 === 112 ? K_PS : K_CS;
    pos += 3;
  }
  return code !== 0 && eat(58 /* : */) ? code : 0;
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

/** `ps` upper-cased, as the general parser gives it; '' for anything but a plain non-empty string. */
function pair(): string {
  if (!eat(34)) return '';
  const end = stringEnd();
  if (end <= pos) return '';
  const length = end - pos;
  if (!(length === lastPs.length && text.startsWith(lastPs, pos))) {
    lastPs = text.slice(pos, end);
    lastSymbol = lastPs.toUpperCase();
  }
  pos = end + 1;
  return lastSymbol;
}

/** A non-negative integer without a leading zero, exponent or fraction; -1 for anything else. */
function integer(): number {
  ws();
  const start = pos;
  let n = 0;
  let i = start;
  for (; i < text.length && i - start <= MAX_CS_DIGITS; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  const digits = i - start;
  if (digits === 0 || digits > MAX_CS_DIGITS || (digits > 1 && text.charCodeAt(start) === 48)) return -1;
  if (!endsNumber(text.charCodeAt(i))) return -1;
  pos = i;
  return n;
}

/** `[row, ...]`, or null for anything else. */
function rows(): BookRow[] | null {
  if (!eat(91 /* [ */)) return null;
  const out: BookRow[] = [];
  if (eat(93 /* ] */)) return out;
  do {
    const row = readRow();
    if (!row) return null;
    out.push(row);
  } while (eat(44));
  return eat(93) ? out : null;
}

/** `{"q":…,"p":…,"t":…}` in any order, each exactly once; undefined for anything else. */
function readRow(): BookRow | undefined {
  if (!eat(123)) return undefined;
  let price = '';
  let quantity = '';
  let kind = 0;
  for (let k = 0; k < 3; k++) {
    if (k > 0 && !eat(44)) return undefined;
    const key = keyCode();
    if (key === K_P && price === '') price = decimal();
    else if (key === K_Q && quantity === '') quantity = decimal();
    else if (key === K_T && kind === 0) kind = rowKind();
    else return undefined;
    if ((key === K_P && price === '') || (key === K_Q && quantity === '') || (key === K_T && kind === 0)) return undefined;
  }
  if (!eat(125)) return undefined;
  return { price, quantity, kind: kind as 1 | 2 | 3 };
}

/** A plain decimal string, `digits[.digits]`, of at most MAX_DECIMAL characters; '' for anything else. */
function decimal(): string {
  if (!eat(34)) return '';
  const start = pos;
  let dot = -1;
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && dot < 0) dot = i;
    else break;
  }
  const length = i - start;
  if (text.charCodeAt(i) !== 34 || length === 0 || length > MAX_DECIMAL || dot === start || dot === i - 1) return '';
  pos = i + 1;
  return text.slice(start, i);
}

/** `1`, `2` or `3` as a bare JSON number; 0 for anything else. */
function rowKind(): number {
  ws();
  const c = text.charCodeAt(pos);
  if (c < 49 || c > 51 || !endsNumber(text.charCodeAt(pos + 1))) return 0;
  pos++;
  return c - 48;
}

/** A JSON number cannot go on past this character (no more digits, fraction or exponent). */
function endsNumber(c: number): boolean {
  return !((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69);
}
