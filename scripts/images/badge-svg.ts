/**
 * SVG source of an asset badge. The shape tells the asset class apart at a glance (crypto: disc,
 * equity: rounded square, FX: disc with a ring); the colour and letters come from
 * src/lib/asset-badge.ts so the CSS fallback in the browser looks the same.
 */
import type { AssetClass } from '../../protocol/instruments';
import { badgeCode, badgeColor } from '../../src/lib/asset-badge';

const VIEW = 64;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shape(assetClass: AssetClass, fill: string): string {
  switch (assetClass) {
    case 'equity':
      return `<rect width="64" height="64" rx="14" fill="${fill}"/>`;
    case 'fx':
      return (
        `<circle cx="32" cy="32" r="32" fill="${fill}"/>` +
        `<circle cx="32" cy="32" r="27.5" fill="none" stroke="#ffffff" stroke-opacity="0.75" stroke-width="3"/>`
      );
    case 'crypto':
      return `<circle cx="32" cy="32" r="32" fill="${fill}"/>`;
  }
}

/** The badge of one base asset as a square SVG document. */
export function badgeSvg(assetClass: AssetClass, base: string): string {
  const code = badgeCode(base);
  // Fewer letters get bigger type; three still fit inside the FX ring.
  const fontSize = code.length === 1 ? 34 : code.length === 2 ? 27 : 20;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW} ${VIEW}" width="${VIEW}" height="${VIEW}">` +
    shape(assetClass, badgeColor(assetClass, base)) +
    `<text x="32" y="32" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" ` +
    `font-weight="700" font-size="${fontSize}" fill="#ffffff">${escapeXml(code)}</text>` +
    `</svg>`
  );
}
