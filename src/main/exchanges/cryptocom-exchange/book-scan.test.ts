import { describe, expect, it } from 'vitest';
import { scanBookPush } from './book-scan';
import { BookSync, type BookStep } from './book-sync';
import { parseFrame, parseMarketFrame } from './stream-protocol';

// specs/cryptocom-exchange.md §7.5: the P1 delta sample, verbatim, and a snapshot of the same shape.
const SAMPLE_DELTA =
  '{"id":-1,"method":"subscribe","code":0,"result":{"instrument_name":"ETHUSD-PERP","subscription":"book.ETHUSD-PERP.50","channel":"book.update","depth":50,"data":[{"update":{"asks":[["2750.20","0","0"],["2753.11","0.2616","1"]],"bids":[["2748.12","0","0"],["2748.10","5.4582","1"]]},"t":1790114273659,"tt":1790114273655,"u":375554807336512,"pu":375554807297984,"cs":1522984915}]}}';
const SAMPLE_SNAPSHOT =
  '{"id":-1,"method":"subscribe","code":0,"result":{"instrument_name":"ETHUSD-PERP","subscription":"book.ETHUSD-PERP.50","channel":"book","depth":50,"data":[{"asks":[["2750.20","1.5","2"],["2751.00","0.3","1"]],"bids":[["2748.12","2","1"],["2747.50","1.25","3"]],"t":1790114273600,"tt":1790114273590,"u":375554807297984,"cs":-781431132}]}}';

type Outcome = { step: BookStep | 'threw'; book: unknown };

/** Feeds frames to a BookSync the way the stream does: the scanned row, or the checked reader. */
function feed(frames: string[], scanned: boolean): Outcome[] {
  const sync = new BookSync('ETH/USD');
  return frames.map((text) => {
    try {
      const frame = scanned ? parseMarketFrame(text) : parseFrame(text);
      if (frame.kind !== 'push') return { step: 'threw', book: frame.kind };
      const step = frame.book ? sync.applyRead(frame.channel, frame.book) : sync.apply(frame.channel, frame.data);
      return { step, book: sync.snapshot(false) };
    } catch (e) {
      return { step: 'threw', book: e instanceof Error ? e.message : String(e) };
    }
  });
}

const envelopeOf = (text: string) => {
  const f = parseFrame(text);
  return f.kind === 'push' ? { id: f.id, subscription: f.subscription, channel: f.channel, ...(f.instrument === undefined ? {} : { instrument: f.instrument }) } : f;
};

describe('book push scanner (specs/cryptocom-exchange.md §7.5)', () => {
  it('reads the spec sample and a snapshot exactly as the checked reader does, step by step', () => {
    for (const text of [SAMPLE_SNAPSHOT, SAMPLE_DELTA]) expect(scanBookPush(text), text).toBeDefined();
    const frames = [SAMPLE_SNAPSHOT, SAMPLE_DELTA, SAMPLE_DELTA /* pu no longer matches: a gap */];
    const fast = feed(frames, true);
    expect(fast.map((o) => o.step)).toEqual(['snapshot', 'applied', 'gap']);
    expect(fast).toEqual(feed(frames, false));
    expect(fast[1]!.book).toMatchObject({ bids: [['2748.10', '5.4582'], ['2747.50', '1.25']], asks: [['2751.00', '0.3'], ['2753.11', '0.2616']], time: 1790114273659 });
    const scanned = scanBookPush(SAMPLE_DELTA)!;
    expect({ id: scanned.id, subscription: scanned.subscription, channel: scanned.channel, instrument: scanned.instrument }).toEqual(envelopeOf(SAMPLE_DELTA));
    expect(envelopeOf(SAMPLE_DELTA)).toHaveProperty('instrument', 'ETHUSD-PERP');
  });

  it('takes any key order, JSON whitespace, absent optional fields and counts as numbers, with the same result', () => {
    const snapshot = SAMPLE_SNAPSHOT;
    const variants = [
      // Result keys reordered, data first; envelope keys reordered; whitespace everywhere.
      ' { "result" : { "data" : [ { "pu" : 375554807297984 , "u" : 375554807336512 , "update" : { "bids" : [ [ "2748.10" , "5.4582" , 1 ] ] , "asks" : [ ] } } ] , "channel" : "book.update" , "subscription" : "book.ETHUSD-PERP.50" } , "code" : 0 , "method" : "subscribe" } \n',
      // No id, no code, no instrument, no depth, no t: the checked reader's defaults.
      '{"method":"subscribe","result":{"subscription":"book.ETHUSD-PERP.50","channel":"book.update","data":[{"update":{"bids":[["2748.10","0"]]},"u":375554807336512,"pu":375554807297984}]}}',
      // The quiet-book heartbeat delta: empty, u == pu.
      '{"id":-1,"method":"subscribe","code":0,"result":{"instrument_name":"ETHUSD-PERP","subscription":"book.ETHUSD-PERP.50","channel":"book.update","depth":50,"data":[{"update":{"asks":[],"bids":[]},"t":1790114273700,"tt":1790114273655,"u":375554807297984,"pu":375554807297984,"cs":1}]}}',
    ];
    for (const text of variants) {
      expect(scanBookPush(text), text).toBeDefined();
      expect(feed([snapshot, text], true), text).toEqual(feed([snapshot, text], false));
      expect(parseMarketFrame(text), text).toMatchObject(envelopeOf(text) as object);
    }
  });

  it('leaves every unusual shape to the checked reader, which then decides as before', () => {
    const delta = (row: string) => `{"id":-1,"method":"subscribe","code":0,"result":{"instrument_name":"ETHUSD-PERP","subscription":"book.ETHUSD-PERP.50","channel":"book.update","depth":50,"data":[${row}]}}`;
    const level = (l: string) => delta(`{"update":{"asks":[${l}],"bids":[]},"t":1,"u":375554807336512,"pu":375554807297984}`);
    const unusual = [
      level('[2753.11,"0.2616","1"]'), // a number where the spec has a string
      level('["-1","0.2616","1"]'),
      level('["1e3","0.2616","1"]'),
      level('[".5","0.2616","1"]'),
      level('["5.","0.2616","1"]'),
      level('["","0.2616","1"]'),
      level('["2753.11"]'),
      level('["2753.11","0.2616","1",4]'),
      level('["2753.11","0.2616","1.5"]'),
      level(`["${'9'.repeat(41)}","1","1"]`), // longer than a decimal may be
      level('["2753.11","0.26\\u0030","1"]'),
      level('null'),
      delta('{"update":{"asks":null,"bids":[]},"u":2,"pu":1}'),
      delta('{"update":{"asks":[],"bids":[]},"u":"2","pu":1}'),
      delta('{"update":{"asks":[],"bids":[]},"u":2.5,"pu":1}'),
      delta('{"update":{"asks":[],"bids":[]},"u":1e3,"pu":1}'),
      delta('{"update":{"asks":[],"bids":[]},"u":2}'), // a delta without pu
      delta('{"asks":[],"bids":[],"u":2,"pu":1}'), // a delta without update
      delta('{"update":{"asks":[],"bids":[]},"u":2,"pu":1,"x":1}'),
      delta('{"update":{"asks":[],"bids":[]},"u":2,"u":3,"pu":1}'),
      delta('{"update":{"asks":[],"bids":[]},"u":2,"pu":1},{"u":3}'), // two rows
      SAMPLE_DELTA.replace('"code":0', '"code":40003'),
      SAMPLE_DELTA.replace('"method":"subscribe"', '"method":"public/heartbeat"'),
      SAMPLE_DELTA.replace('"channel":"book.update"', '"channel":"trade"'),
      SAMPLE_DELTA.replace('"subscription":"book.ETHUSD-PERP.50"', '"subscription":"ticker.ETHUSD-PERP"'),
      SAMPLE_DELTA.replace('"depth":50', '"depth":50,"nonce":1'),
      `${SAMPLE_DELTA}x`,
      SAMPLE_DELTA.slice(0, -1),
    ];
    for (const text of unusual) {
      expect(scanBookPush(text), text).toBeUndefined();
      expect(feed([SAMPLE_SNAPSHOT, text], true), text).toEqual(feed([SAMPLE_SNAPSHOT, text], false));
    }
  });

  it('resumes at the data of a known envelope, and still checks everything after it', () => {
    // Read twice: the second read starts from the remembered envelope text.
    expect(scanBookPush(SAMPLE_DELTA)).toEqual(scanBookPush(SAMPLE_DELTA));
    // Same envelope, bad tail: still refused.
    expect(scanBookPush(SAMPLE_DELTA.replace('"cs":1522984915}]}}', '"cs":1522984915}]},"code":0}'))).toBeUndefined();
    expect(scanBookPush(SAMPLE_DELTA.replace('"u":375554807336512', '"u":"375554807336512"'))).toBeUndefined();
    // Another instrument's envelope is read in full, not taken for the remembered one.
    const other = SAMPLE_DELTA.replaceAll('ETHUSD-PERP', 'BTC_USDT');
    expect(scanBookPush(other)).toMatchObject({ subscription: 'book.BTC_USDT.50', instrument: 'BTC_USDT', channel: 'book.update' });
    expect(scanBookPush(SAMPLE_DELTA)).toMatchObject({ subscription: 'book.ETHUSD-PERP.50', instrument: 'ETHUSD-PERP' });
    // An envelope of the same length that differs in one character is not the remembered one.
    expect(scanBookPush(SAMPLE_DELTA.replace('"id":-1', '"id":-2'))).toMatchObject({ id: -2, subscription: 'book.ETHUSD-PERP.50' });
    expect(scanBookPush(SAMPLE_DELTA.replace('"depth":50', '"depth":10'))).toBeDefined();
    expect(scanBookPush(SAMPLE_DELTA)).toMatchObject({ id: -1 });
    // A bracket inside an envelope string, and whitespace before the data's bracket: read right, each time.
    const bracketed = SAMPLE_DELTA.replaceAll('ETHUSD-PERP', 'ETH[USD]');
    const spaced = SAMPLE_DELTA.replace('"data":[', '"data": [').replaceAll('ETHUSD-PERP', 'SOL_USD');
    for (let i = 0; i < 3; i++) {
      expect(scanBookPush(bracketed), bracketed).toMatchObject({ subscription: 'book.ETH[USD].50', instrument: 'ETH[USD]', channel: 'book.update' });
      expect(scanBookPush(spaced), spaced).toMatchObject({ subscription: 'book.SOL_USD.50', instrument: 'SOL_USD', channel: 'book.update' });
      expect(scanBookPush(spaced)).toEqual(scanBookPush(SAMPLE_DELTA.replaceAll('ETHUSD-PERP', 'SOL_USD')));
    }
    // Many envelopes (more than are remembered) all read right.
    for (let i = 0; i < 40; i++) {
      const text = SAMPLE_DELTA.replaceAll('ETHUSD-PERP', `C${i}_USDT`);
      expect(scanBookPush(text)?.subscription).toBe(`book.C${i}_USDT.50`);
    }
  });
});
