import { Resvg } from '@resvg/resvg-js';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';

// Renders build/icon.svg into every icon file the packaging targets need (electron-builder.ts).
// Pure: it returns bytes, `scripts/make-icons.ts` writes them, build/icons.test.ts checks that
// the committed files are exactly what this renders.

/** The source's canvas: the tile sits on the macOS grid (824 px inside 1024 px). */
export const SOURCE_VIEWBOX = '0 0 1024 1024';
/**
 * Windows and Linux draw small icons edge to edge, so they get the tile with a thin margin
 * (8 px of 1024 around the 824 px tile) instead of the macOS grid's wide one.
 */
export const TIGHT_VIEWBOX = '92 92 840 840';

/** Linux hicolor sizes, as build/icons/NxN.png (electron-builder reads the size from the name). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Windows shell sizes (small icons, list, tiles, Explorer's extra-large); 256 is required. */
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256] as const;
/**
 * The ICNS entries iconutil writes for a full iconset: type, pixel size. ic04/ic05 are the
 * packed-ARGB 16 and 32 px types; the others hold PNG (the @2x ones are ic11-ic14 and ic10).
 */
export const ICNS_ENTRIES = [
  ['ic04', 16],
  ['ic05', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
] as const;

export interface IconFile {
  /** Path relative to the repository root. */
  path: string;
  bytes: Uint8Array;
}

/** Rasterises `svg` to a square PNG of `size` pixels, optionally on another viewBox. */
export function renderPng(svg: string, size: number, viewBox = SOURCE_VIEWBOX): Uint8Array {
  if (!svg.includes(`viewBox="${SOURCE_VIEWBOX}"`)) {
    throw new Error(`build/icon.svg: expected viewBox="${SOURCE_VIEWBOX}" (the crops below depend on it)`);
  }
  const source = svg.replace(`viewBox="${SOURCE_VIEWBOX}"`, `viewBox="${viewBox}"`);
  const resvg = new Resvg(source, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const image = resvg.render();
  if (image.width !== size || image.height !== size) {
    throw new Error(`build/icon.svg rendered at ${image.width}x${image.height}, expected ${size}x${size}`);
  }
  return image.asPng();
}

/** Every generated icon file, in a stable order. */
export async function renderIconSet(svg: string): Promise<IconFile[]> {
  const files: IconFile[] = [];
  const tight = new Map<number, Uint8Array>();
  const tightPng = (size: number) => {
    let png = tight.get(size);
    if (!png) tight.set(size, (png = renderPng(svg, size, TIGHT_VIEWBOX)));
    return png;
  };

  for (const size of LINUX_SIZES) files.push({ path: `build/icons/${size}x${size}.png`, bytes: tightPng(size) });

  const ico = new IconIco();
  // 256 px as PNG, smaller ones as 32-bit BMP: the layout every Windows tool reads, NSIS's
  // installer-icon loader included.
  for (const size of [...ICO_SIZES].reverse()) await ico.addFromPng(tightPng(size), size === 256);
  files.push({ path: 'build/icon.ico', bytes: ico.encode() });

  const icns = new IconIcns();
  icns.toc = true;
  for (const [type, size] of ICNS_ENTRIES) await icns.addFromPng(renderPng(svg, size), [type]);
  files.push({ path: 'build/icon.icns', bytes: icns.encode() });

  return files;
}
