/**
 * The web app manifest (vite-plugin-pwa writes it to dist/manifest.webmanifest and links it from
 * index.html). Icon and screenshot entries come from the same tables the image pipeline renders,
 * so a declared size is always the real size.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';
import { APP_ICONS } from './images/app-icons';
import { SCREENSHOTS } from './images/screenshots';

/** The app's page background (src/styles.css `--bg`). */
export const BACKGROUND_COLOR = '#0d1117';
/** Matches index.html's theme-color so the title bar does not change colour after install. */
export const THEME_COLOR = '#0d1117';

/** Instruments offered as app shortcuts (long-press / right-click on the installed icon). */
const SHORTCUT_SYMBOLS = [
  ['BTC-USD', 'Bitcoin'],
  ['ETH-USD', 'Ethereum'],
  ['AAPL', 'Apple'],
  ['EUR-USD', 'Euro / US Dollar'],
] as const;

/** The manifest as vite-plugin-pwa's `manifest` option. */
export const pwaManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Quotedeck',
  short_name: 'Quotedeck',
  description:
    'Live trading dashboard: streaming quotes, order book, trades and charts, usable offline.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  display_override: ['window-controls-overlay', 'standalone'],
  orientation: 'any',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  lang: 'en',
  dir: 'ltr',
  categories: ['finance', 'business'],
  icons: APP_ICONS.filter((icon) => icon.purpose === 'any' || icon.purpose === 'maskable').map(
    (icon) => ({
      src: `/${icon.fileName}`,
      sizes: `${icon.size}x${icon.size}`,
      type: 'image/png',
      purpose: icon.purpose,
    }),
  ),
  screenshots: SCREENSHOTS.map((shot) => ({
    src: `/${shot.fileName}`,
    sizes: `${shot.width}x${shot.height}`,
    type: 'image/png',
    form_factor: shot.formFactor,
    label: shot.label,
  })),
  shortcuts: SHORTCUT_SYMBOLS.map(([symbol, name]) => ({
    name: `${symbol} — ${name}`,
    short_name: symbol,
    url: `/?symbol=${encodeURIComponent(symbol)}`,
    icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
  })),
};
