/**
 * How an instrument's base asset is drawn as a badge, shared by the build-time image generator
 * (scripts/images) and the browser (InstrumentIcon and its CSS fallback), so both agree on file
 * names, letters and colours.
 */
import type { AssetClass } from '../../protocol/instruments';

/** CSS pixel sizes the generator renders icons for. */
export const ICON_DISPLAY_SIZES = [16, 32] as const;
export type IconDisplaySize = (typeof ICON_DISPLAY_SIZES)[number];

/** Device pixel ratios every icon is rendered at. */
export const ICON_SCALES = [1, 2, 3] as const;

/** URL folder of the generated asset icons. */
export const ASSET_ICON_DIR = '/img/asset/';

/** Stable key of a base asset within its class, e.g. `crypto-btc`, `equity-brk-b`. */
export function assetIconKey(assetClass: AssetClass, base: string): string {
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${assetClass}-${slug || 'x'}`;
}

/** URL of one rendered icon file: `/img/asset/crypto-btc-32.webp`. */
export function assetIconUrl(key: string, pixels: number, format: 'webp' | 'png'): string {
  return `${ASSET_ICON_DIR}${key}-${pixels}.${format}`;
}

/** The 1–3 letters shown on the badge (BTC, AAPL → AAP, BRK.B → BRK). */
export function badgeCode(base: string): string {
  const letters = base.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return letters.slice(0, 3) || '?';
}

/** FNV-1a: a tiny, stable string hash so a symbol always gets the same colour. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Badge colour: a hue derived from the asset, dark enough that white letters keep a 4.5:1
 * contrast. At saturation 60 % the worst hue (yellow) needs lightness ≤ 29 %.
 */
export function badgeColor(assetClass: AssetClass, base: string): string {
  const hue = hash(`${assetClass}:${base.toUpperCase()}`) % 360;
  return `hsl(${hue}, 60%, 28%)`;
}
