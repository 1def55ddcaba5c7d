import { DECIMAL_MAX_LENGTH, type BookLevel } from '../../../shared';
import { jsonDepthExceeds } from '../kit/wire';

/**
 * The depth push is the hot path of the market socket (specs/cryptocom-v1.md §6.6: a whole
 * book of up to 150 levels a side, several times a second per market). JSON.parse turns every
 * price into a float that must then be printed back to text for the decimal-string book, and
 * that printing costs more than everything else together. This scanner reads the levels straight
 * from the frame's text instead, so each price and quantity keeps the exact digits the server
 * sent. It answers undefined for anything but the plain shape (an exponent, a nested value, an
 * unknown key in `tick`), and the general parser then decides.
 */
export interface ScannedDepth {
  channel: string;
  ts: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

const TICK = '"tick":';

export function scanDepthFrame(text: string): ScannedDepth | undefined {
  const at = text.indexOf(TICK);
  if (at < 0) return undefined;
  const scan = new Scanner(text, at + TICK.length);
  const tick = scan.tickObject();
  if (!tick) return undefined;
  // The levels were read by shape (no nesting past `[[…]]`); the rest goes to JSON.parse, with its
  // nesting bounded first (issue 12: the caller checks the whole text only when this answers undefined).
  const rest = text.slice(0, at + TICK.length) + 'null' + text.slice(scan.pos);
  if (jsonDepthExceeds(rest)) return undefined;
  let envelope: unknown;
  try {
    envelope = JSON.parse(rest);
  } catch {
    return undefined;
  }
  if (envelope === null || typeof envelope !== 'object') return undefined;
  const env = envelope as Record<string, unknown>;
  // The replaced value must have been the top-level `tick` of a depth push.
  if (env.tick !== null || typeof env.channel !== 'string' || env.event_rep === 'rep') return undefined;
  const ts = env.ts === undefined ? 0 : env.ts;
  if (typeof ts !== 'number') return undefined;
  return { channel: env.channel, ts, bids: tick.bids, asks: tick.asks };
}

class Scanner {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  private ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  private eat(code: number): boolean {
    this.ws();
    if (this.text.charCodeAt(this.pos) !== code) return false;
    this.pos++;
    return true;
  }

  /** `{"asks": [...], "buys"|"bids": [...]}` in any order; anything else fails. */
  tickObject(): { bids: BookLevel[]; asks: BookLevel[] } | undefined {
    if (!this.eat(123 /* { */)) return undefined;
    let bids: BookLevel[] | undefined;
    let asks: BookLevel[] | undefined;
    if (this.eat(125 /* } */)) return undefined;
    for (;;) {
      const key = this.key();
      if (key === undefined) return undefined;
      const levels = this.levels();
      if (!levels) return undefined;
      if (key === 'asks') asks = levels;
      else if (key === 'buys' || key === 'bids') bids = levels;
      else return undefined;
      if (this.eat(44 /* , */)) continue;
      if (this.eat(125 /* } */)) break;
      return undefined;
    }
    if (!bids || !asks) return undefined;
    return { bids, asks };
  }

  private key(): string | undefined {
    if (!this.eat(34 /* " */)) return undefined;
    const end = this.text.indexOf('"', this.pos);
    if (end < 0) return undefined;
    const key = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return this.eat(58 /* : */) ? key : undefined;
  }

  private levels(): BookLevel[] | undefined {
    if (!this.eat(91 /* [ */)) return undefined;
    const out: BookLevel[] = [];
    if (this.eat(93 /* ] */)) return out;
    for (;;) {
      if (!this.eat(91)) return undefined;
      const price = this.decimal();
      if (price === undefined || !this.eat(44)) return undefined;
      const qty = this.decimal();
      if (qty === undefined || !this.eat(93)) return undefined;
      out.push([price, qty]);
      if (this.eat(44)) continue;
      if (this.eat(93)) return out;
      return undefined;
    }
  }

  /** A plain decimal (`-?\d+(\.\d+)?`), bare or in quotes. */
  private decimal(): string | undefined {
    this.ws();
    const t = this.text;
    const quoted = t.charCodeAt(this.pos) === 34;
    if (quoted) this.pos++;
    const start = this.pos;
    let c = t.charCodeAt(this.pos);
    if (c === 45 /* - */) c = t.charCodeAt(++this.pos);
    let digits = 0;
    while (c >= 48 && c <= 57) {
      digits++;
      c = t.charCodeAt(++this.pos);
    }
    if (digits === 0) return undefined;
    if (c === 46 /* . */) {
      c = t.charCodeAt(++this.pos);
      let fraction = 0;
      while (c >= 48 && c <= 57) {
        fraction++;
        c = t.charCodeAt(++this.pos);
      }
      if (fraction === 0) return undefined;
    }
    // An exponent (6.9e-7), a number too long for the contract (issue 12), or anything else:
    // leave it to the general parser and its bounded reader (../kit/wire-decimal.ts).
    if (this.pos - start > DECIMAL_MAX_LENGTH) return undefined;
    const value = t.slice(start, this.pos);
    if (quoted) {
      if (c !== 34) return undefined;
      this.pos++;
    } else if (c === 101 || c === 69) {
      return undefined;
    }
    return value;
  }
}
