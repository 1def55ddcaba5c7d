import { gzipSync } from 'node:zlib';

/**
 * A gzip stream of about `outputBytes` zeros in about outputBytes / 1030 bytes: concatenated
 * gzip members of 1 MiB of zeros each (RFC 1952 §2.2: a gzip file is a series of members, and
 * zlib's gunzip reads them all). Built in milliseconds, unlike compressing 1 GiB; the bench
 * builds a single-member bomb the slow way to show the same numbers.
 */
export function gzipBomb(outputBytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(1 << 20), { level: 9 });
  const count = Math.max(1, Math.ceil(outputBytes / (1 << 20)));
  return Buffer.concat(Array.from({ length: count }, () => member));
}
