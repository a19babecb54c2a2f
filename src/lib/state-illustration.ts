/**
 * Illustrations of the empty and offline states, shared by the build-time generator
 * (scripts/images) and the EmptyState component so both agree on names, sizes and URLs.
 */

/** Each illustration has a source `src/images/states/<name>.svg`. */
export const STATE_ILLUSTRATIONS = ['offline', 'no-data'] as const;
export type StateIllustration = (typeof STATE_ILLUSTRATIONS)[number];

/** Displayed size in CSS pixels (the sources are drawn at 3:2). */
export const ILLUSTRATION_WIDTH = 96;
export const ILLUSTRATION_HEIGHT = 64;

/** Device pixel ratios rendered as WebP; the PNG fallback is 1x. */
export const ILLUSTRATION_SCALES = [1, 2, 3] as const;

/** URL of one rendered file: `/img/state/offline-192.webp` (the number is its pixel width). */
export function illustrationUrl(
  name: StateIllustration,
  pixelWidth: number,
  format: 'webp' | 'png',
): string {
  return `/img/state/${name}-${pixelWidth}.${format}`;
}

/** `… 1x, … 2x, … 3x` for the WebP source. */
export function illustrationSrcSet(name: StateIllustration): string {
  return ILLUSTRATION_SCALES.map(
    (scale) => `${illustrationUrl(name, ILLUSTRATION_WIDTH * scale, 'webp')} ${scale}x`,
  ).join(', ');
}
