/** Locates the system Chromium the browser tests use (Playwright cannot download one here). */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of the Chromium to use: CHROME_PATH if set, else the first system one found, else undefined. */
export function findChrome(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags headless Chromium needs on this kind of machine (root, no GPU, closed network). */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const NO_CHROME_MESSAGE = [
  'No Chromium found for the browser tests.',
  'Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or point CHROME_PATH at a',
  'Chrome/Chromium binary. Playwright cannot download its own browser here; install packages with',
  'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1.',
].join('\n');
