import { describe, expect, it } from 'vitest';

import { mergeBook, wireLevels } from './depth';
import { toJson } from './json';

describe('depth steps (§4)', () => {
  const book = {
    asks: [['86764.73', '0.18459'], ['86771.79', '0.08257'], ['86771.80', '0.1'], ['86800.78', '0.06277']] as [string, string][],
    bids: [['86621.91', '0.05117'], ['86621.10', '0.5'], ['86581.21', '0.0934']] as [string, string][],
  };

  it('keeps step0 at full precision', () => {
    expect(mergeBook(book, 0, 2)).toBe(book);
  });

  it('merges step2 to whole units with asks rounded up and bids down, like the GroveX fixture', () => {
    const merged = mergeBook(book, 2, 2);
    expect(merged.asks).toEqual([['86765', '0.18459'], ['86772', '0.18257'], ['86801', '0.06277']]);
    expect(merged.bids).toEqual([['86621', '0.55117'], ['86581', '0.0934']]);
  });

  it('merges step1 to one decimal fewer than the price precision', () => {
    expect(mergeBook(book, 1, 2).asks[0]).toEqual(['86764.8', '0.18459']);
  });

  it('writes levels as number pairs and cuts to the level limit', () => {
    expect(toJson(wireLevels(book.asks, 'number', 2))).toBe('[[86764.73,0.18459],[86771.79,0.08257]]');
  });
});
