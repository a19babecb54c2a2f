/**
 * Instrument badges: one per base asset and class, as WebP at 1x/2x/3x of every display size plus
 * a PNG fallback at 1x, named by src/lib/asset-badge.ts so the app can build the URLs.
 */
import sharp from 'sharp';
import type { AssetClass } from '../../protocol/instruments';
import {
  ICON_DISPLAY_SIZES,
  ICON_SCALES,
  assetIconKey,
  assetIconUrl,
} from '../../src/lib/asset-badge';
import { badgeSvg } from './badge-svg';
import type { GeneratedFile } from './generated-file';

export interface AssetRef {
  assetClass: AssetClass;
  base: string;
}

/** Distinct assets of a list of instruments (BTC-USD and BTC-USDT share one badge). */
export function uniqueAssets(instruments: readonly AssetRef[]): AssetRef[] {
  const byKey = new Map<string, AssetRef>();
  for (const { assetClass, base } of instruments) {
    const key = assetIconKey(assetClass, base);
    if (!byKey.has(key)) byKey.set(key, { assetClass, base });
  }
  return [...byKey.values()].sort((a, b) =>
    assetIconKey(a.assetClass, a.base).localeCompare(assetIconKey(b.assetClass, b.base)),
  );
}

/** Icon keys the app may ask for, sorted. */
export function assetIconKeys(instruments: readonly AssetRef[]): string[] {
  return uniqueAssets(instruments).map((a) => assetIconKey(a.assetClass, a.base));
}

/** WebP pixel sizes (every display size at every scale) and PNG sizes (1x only). */
export function iconPixelSizes(): { webp: number[]; png: number[] } {
  const webp = new Set<number>();
  for (const size of ICON_DISPLAY_SIZES) for (const scale of ICON_SCALES) webp.add(size * scale);
  return { webp: [...webp].sort((a, b) => a - b), png: [...ICON_DISPLAY_SIZES] };
}

const VIEWBOX = 64;

async function render(svg: string, pixels: number, format: 'webp' | 'png'): Promise<Buffer> {
  const image = sharp(Buffer.from(svg), { density: (72 * pixels) / VIEWBOX }).resize(
    pixels,
    pixels,
  );
  return format === 'webp'
    ? await image.webp({ quality: 90, alphaQuality: 90, effort: 6 }).toBuffer()
    : await image.png({ palette: true, compressionLevel: 9 }).toBuffer();
}

/** Renders every icon file of `instruments`' assets (paths relative to the site root). */
export async function generateAssetIcons(
  instruments: readonly AssetRef[],
): Promise<GeneratedFile[]> {
  const sizes = iconPixelSizes();
  const jobs: Promise<GeneratedFile>[] = [];
  for (const { assetClass, base } of uniqueAssets(instruments)) {
    const svg = badgeSvg(assetClass, base);
    const key = assetIconKey(assetClass, base);
    const file = async (pixels: number, format: 'webp' | 'png'): Promise<GeneratedFile> => ({
      fileName: assetIconUrl(key, pixels, format).slice(1),
      data: await render(svg, pixels, format),
    });
    for (const pixels of sizes.webp) jobs.push(file(pixels, 'webp'));
    for (const pixels of sizes.png) jobs.push(file(pixels, 'png'));
  }
  return await Promise.all(jobs);
}
