import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanObdFrame } from './obd-fast';
import { parseFrame, parseFrameChecked } from './stream-protocol';

// Recorded live captures (tests/fixtures/icrypex-live/README.md has their provenance).
const LIVE = fileURLToPath(new URL('../../../../tests/fixtures/icrypex-live/', import.meta.url));
const live = (name: string) => readFileSync(`${LIVE}${name}`, 'utf8').trim();

/** What the checked parser makes of a frame: its result, or the message of what it threw. */
function checked(text: string): unknown {
  try {
    return parseFrameChecked(text);
  } catch (e) {
    return { threw: e instanceof Error ? e.message : String(e) };
  }
}

function viaParseFrame(text: string): unknown {
  try {
    return parseFrame(text);
  } catch (e) {
    return { threw: e instanceof Error ? e.message : String(e) };
  }
}

describe('obd fast path (issue 19)', () => {
  it('reads the live captures exactly as the checked parser does', () => {
    for (const name of ['ws-obd-update-btcusdt-p.txt', 'ws-obd-window-refill-btcusdt-p.txt']) {
      const text = live(name);
      const fast = scanObdFrame(text);
      expect(fast, name).toBeDefined();
      expect(fast, name).toEqual(parseFrameChecked(text));
    }
    // The capture's removal row repeats the level's old size: kept as sent, `t` decides (§8.4).
    const row = live('ws-obd-row-remove-with-last-qty.json');
    const text = `obd|{"ps":"ethusdt","cs":7,"a":[${row}],"b":[]}`;
    expect(scanObdFrame(text)).toEqual({ type: 'obd', symbol: 'ETHUSDT', cs: 7, asks: [{ price: '2791.3', quantity: '72.86179671', kind: 3 }], bids: [] });
    expect(scanObdFrame(text)).toEqual(parseFrameChecked(text));
  });

  it('takes any key order and JSON whitespace, with the same result', () => {
    const variants = [
      'obd|{"b":[{"t":1,"p":"100.25","q":"0.5"}],"a":[],"cs":12,"ps":"BTCUSDT"}',
      'obd| { "ps" : "btcusdt" ,\n "cs" : 12 , "a" : [ ] , "b" : [ { "q" : "0.5" , "p" : "100.25" , "t" : 1 } ] } ',
      'obd|{"ps":"BTCUSDT","cs":12,"b":[{"q":"0.5","p":"100.25","t":1}]}', // `a` absent: no asks
      'obd|{"ps":"BTCUSDT","cs":0,"a":[{"q":"0","p":"007","t":3},{"q":"0.00000000","p":"1.0","t":2}],"b":[]}',
    ];
    for (const text of variants) {
      const fast = scanObdFrame(text);
      expect(fast, text).toBeDefined();
      expect(fast, text).toEqual(parseFrameChecked(text));
    }
  });

  it('leaves every unusual shape to the checked parser, which then decides as before', () => {
    const row = (r: string) => `obd|{"ps":"BTCUSDT","cs":5,"a":[${r}],"b":[]}`;
    const unusual = [
      row('{"q":"1","p":87107,"t":2}'), // a number where the spec has a string
      row('{"q":"1","p":"-1","t":2}'),
      row('{"q":"1","p":"1e3","t":2}'),
      row('{"q":"1","p":".5","t":2}'),
      row('{"q":"1","p":"5.","t":2}'),
      row('{"q":"1","p":"","t":2}'),
      row('{"q":"1","p":" 5","t":2}'),
      row('{"q":"1","p":"1.2.3","t":2}'),
      row(`{"q":"1","p":"${'9'.repeat(41)}","t":2}`), // longer than a decimal may be
      row('{"p":"1","t":3}'), // no size
      row('{"q":"1","p":"1","t":"2"}'),
      row('{"q":"1","p":"1","t":4}'),
      row('{"q":"1","p":"1","t":2.0}'),
      row('{"q":"1","p":"1","t":2,"x":1}'),
      row('{"q":"1","p":"1","p":"2","t":2}'),
      row('{"q":"1","p":"1\\u0030","t":2}'),
      row('null'),
      'obd|{"ps":"BTCUSDT","cs":5,"a":null,"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":"5","a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":1e3,"a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":-1,"a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":05,"a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":1234567890123456,"a":[],"b":[]}',
      'obd|{"ps":"BTC\\u0055SDT","cs":5,"a":[],"b":[]}',
      'obd|{"ps":"","cs":5,"a":[],"b":[]}',
      'obd|{"cs":5,"a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":5,"cs":6,"a":[],"b":[]}',
      'obd|{"ps":"BTCUSDT","cs":5,"a":[],"b":[],"x":0}',
      'obd|{"ps":"BTCUSDT","cs":5,"a":[],"b":[]}x',
      'obd|{"ps":"BTCUSDT","cs":5,"a":[],"b":[]',
      'obd|{"ps":"BTCUSDT","cs":5,"a":[,],"b":[]}',
      'obd|',
      'obdx|{"ps":"BTCUSDT","cs":5,"a":[],"b":[]}',
    ];
    for (const text of unusual) {
      expect(scanObdFrame(text), text).toBeUndefined();
      expect(viaParseFrame(text), text).toEqual(checked(text));
    }
  });

  it('agrees with the checked parser on random frames of the live shape', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const decimal = () => pick(['0', '1', '87107', '86762.1', '0.0017712', '0.00000000', '12.50', '9999999.99999999']);
    const rowText = () => {
      const parts = [`"q":"${decimal()}"`, `"p":"${decimal()}"`, `"t":${pick([1, 2, 3])}`];
      if (random() < 0.5) parts.reverse();
      return `{${parts.join(',')}}`;
    };
    const rows = () => Array.from({ length: Math.floor(random() * 3) }, rowText).join(',');
    for (let n = 0; n < 300; n++) {
      const text = `obd|{"ps":"${pick(['BTCUSDT', 'ethusdt', 'BTCUSDT/P'])}","cs":${Math.floor(random() * 1e9)},"a":[${rows()}],"b":[${rows()}]}`;
      const fast = scanObdFrame(text);
      expect(fast, text).toBeDefined();
      expect(fast, text).toEqual(parseFrameChecked(text));
    }
  });

  it('does not carry one frame\'s pair into the next', () => {
    expect(scanObdFrame('obd|{"ps":"BTCUSDT","cs":1,"a":[],"b":[]}')?.symbol).toBe('BTCUSDT');
    expect(scanObdFrame('obd|{"ps":"ETHUSDT","cs":1,"a":[],"b":[]}')?.symbol).toBe('ETHUSDT');
    expect(scanObdFrame('obd|{"ps":"BTCUSDT","cs":1,"a":[],"b":[]}')?.symbol).toBe('BTCUSDT');
    expect(scanObdFrame('obd|{"ps":"BTCUSD","cs":1,"a":[],"b":[]}')?.symbol).toBe('BTCUSD');
  });
});
