import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_ENTRIES, ICO_SIZES, LINUX_SIZES, renderIconSet, renderPng } from '../scripts/icon-set';

// The committed icons are what `npm run icons` renders from build/icon.svg, in the formats and
// at the sizes each target reads. The containers are parsed here byte by byte (ICO: the
// Windows icon directory; ICNS: Apple's type-length chunks), not trusted to the encoder.

const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path));
const svg = read('build/icon.svg').toString('utf8');

/** Width, height and colour type from a PNG's IHDR chunk (PNG spec §11.2.2). */
function pngHeader(bytes: Uint8Array): { width: number; height: number; colourType: number } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(view.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(view.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20), colourType: view[25] ?? -1 };
}

describe('the app icon', () => {
  it('committed files are exactly what `npm run icons` renders from build/icon.svg', async () => {
    const files = await renderIconSet(svg);
    expect(files.map((f) => f.path).sort()).toEqual(
      [...LINUX_SIZES.map((s) => `build/icons/${s}x${s}.png`), 'build/icon.ico', 'build/icon.icns'].sort(),
    );
    for (const file of files) {
      expect(Buffer.compare(read(file.path), Buffer.from(file.bytes)), `${file.path} is stale: run npm run icons`).toBe(0);
    }
  });

  it('Linux set: each build/icons/NxN.png is an N by N RGBA PNG', () => {
    for (const size of LINUX_SIZES) {
      expect(pngHeader(read(`build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size, colourType: 6 });
    }
  });

  it('Windows: icon.ico holds 16 to 256 px, with 256 stored as PNG', () => {
    const ico = read('build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const width = ico[entry] || 256; // 0 means 256
      const height = ico[entry + 1] || 256;
      expect(height).toBe(width);
      expect(ico.readUInt16LE(entry + 6)).toBe(32); // bits per pixel: full alpha
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const image = ico.subarray(offset, offset + length);
      if (width === 256) expect(pngHeader(image)).toMatchObject({ width: 256, height: 256 });
      else expect(image.readUInt32LE(0)).toBe(40); // a BITMAPINFOHEADER
      sizes.push(width);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual([...ICO_SIZES]);
  });

  it('macOS: icon.icns holds every iconset entry from 16 to 1024 px, each at its size', () => {
    const icns = read('build/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const chunks = new Map<string, Buffer>();
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length, `${type} chunk length`).toBeGreaterThan(8);
      chunks.set(type, icns.subarray(at + 8, at + length));
      at += length;
    }
    expect([...chunks.keys()].sort()).toEqual(['TOC ', ...ICNS_ENTRIES.map(([type]) => type)].sort());
    for (const [type, size] of ICNS_ENTRIES) {
      const data = chunks.get(type) ?? Buffer.alloc(0);
      // ic04 and ic05 are packed ARGB; every other type is a PNG.
      if (type === 'ic04' || type === 'ic05') expect(data.toString('latin1', 0, 4)).toBe('ARGB');
      else expect(pngHeader(data), type).toMatchObject({ width: size, height: size });
    }
  });

  it('refuses a source whose canvas is not the 1024 px grid the crops assume', () => {
    expect(() => renderPng(svg.replace('viewBox="0 0 1024 1024"', 'viewBox="0 0 512 512"'), 16)).toThrow(/viewBox="0 0 1024 1024"/);
  });
});
