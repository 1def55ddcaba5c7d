import Big from 'big.js';

/**
 * A JSON number written exactly as given (e.g. `0.00000696`, `0E-8`), so decimals that the
 * V1 wire sends as numbers keep their text and never pass through a float.
 */
export class JsonNumber {
  constructor(readonly text: string) {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw new Error(`not a JSON number: ${text}`);
  }
}

/** Serializes like JSON.stringify, writing JsonNumber values raw. */
export function toJson(value: unknown): string {
  if (value instanceof JsonNumber) return value.text;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => toJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${toJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** How a decimal goes on the wire: a JSON string or a JSON number (§5 marks `"s"` vs `n`). */
export type DecimalStyle = 'string' | 'number';

/** The decimal text with trailing zeros removed (`1.50` -> `1.5`, never an exponent). */
export function plain(value: string): string {
  return new Big(value).toFixed();
}

/**
 * A decimal as a JSON string padded to `scale` places (the 2020 samples pad: `"8000.00000000"`),
 * or as a JSON number in its shortest text. With no scale the string is unpadded.
 */
export function decimal(value: string, style: DecimalStyle, scale?: number): string | JsonNumber {
  if (style === 'number') return new JsonNumber(plain(value));
  return scale === undefined ? plain(value) : new Big(value).toFixed(scale, Big.roundHalfUp);
}

/**
 * A decimal printed like Java's BigDecimal at scale 8 with trailing zeros stripped, as in the
 * S6 showOrder sample (`"fee":0E-8`, `"deal_price":9.74425`): zero prints as `0E-8`.
 */
export function javaNumber(value: string): JsonNumber {
  const text = plain(value);
  return new JsonNumber(text === '0' ? '0E-8' : text);
}
