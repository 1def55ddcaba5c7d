import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Decompression with an output cap (issue 12, must-have 2). Without one, a 1 MiB gzip frame
 * that inflates to 1 GiB took 2.2 GiB and froze the process for 1.6 s. Node's zlib stops at
 * `maxOutputLength` (sync and async APIs, Node >= 14.5), so a bomb costs at most the cap.
 */

/** A compressed frame or body would decompress past its cap; it is dropped, never inflated in full. */
export class DecompressionLimitError extends Error {
  constructor(
    readonly what: string,
    readonly limit: number,
  ) {
    super(`${what} decompresses to more than ${limit} bytes; dropped`);
    this.name = 'DecompressionLimitError';
  }
}

/** The content-encoding of a body that this client cannot (or will not) decode. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported content-encoding "${encoding.slice(0, 40)}"`);
    this.name = 'UnsupportedEncodingError';
  }
}

const tooLarge = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';

/** Gunzips a small frame synchronously, throwing DecompressionLimitError past `maxBytes`. */
export function gunzipCapped(data: Buffer, maxBytes: number, what = 'a gzip frame'): Buffer {
  try {
    return zlib.gunzipSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if (tooLarge(error)) throw new DecompressionLimitError(what, maxBytes);
    throw error;
  }
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

/** Layers a body may carry: one encoding, or two (`gzip, br`); more is refused rather than unwound. */
const MAX_LAYERS = 2;

/**
 * Decodes an HTTP body by its Content-Encoding (RFC 9110 §8.4: listed in the order applied,
 * so undone last to first), off the main thread and capped at `maxBytes` after every layer.
 * Unknown encodings are refused (UnsupportedEncodingError), not passed through as text.
 */
export async function decodeContent(body: Buffer, encodingHeader: string | undefined, maxBytes: number): Promise<Buffer> {
  const layers = (encodingHeader ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  if (layers.length > MAX_LAYERS) throw new UnsupportedEncodingError(layers.join(', '));
  let out = body;
  for (const encoding of layers.reverse()) {
    const options = { maxOutputLength: maxBytes };
    try {
      if (encoding === 'gzip' || encoding === 'x-gzip') out = await gunzip(out, options);
      else if (encoding === 'deflate') out = await inflate(out, options);
      else if (encoding === 'br') out = await brotli(out, options);
      else throw new UnsupportedEncodingError(encoding);
    } catch (error) {
      if (tooLarge(error)) throw new DecompressionLimitError(`a ${encoding} body`, maxBytes);
      throw error;
    }
  }
  return out;
}
