/**
 * Shared plumbing of the browser benchmarks: headless system Chromium, a gateway child serving a
 * client, and a dashboard page with the probe installed. Every child is killed on exit.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROME_FLAGS, findChrome, NO_CHROME_MESSAGE } from '../../scripts/find-chrome';
import { buildIfStale } from '../../scripts/build-if-stale';
import { startGatewayChild, type GatewayChild } from '../fanout/gateway-process';
import { PROBE_SOURCE } from './page-probe';

export const VIEWPORT = { width: 1280, height: 800 } as const;
const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Headless Chromium otherwise treats every page but the newest as a background tab (no frames,
 * throttled timers); the tabs benchmark shows its four tabs side by side, as four windows would.
 */
const ALL_PAGES_VISIBLE = [
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

/** Builds the production app if stale, then launches the system Chromium headless. */
export async function launchBrowser(allPagesVisible = false): Promise<Browser> {
  await buildIfStale(repo);
  const executablePath = findChrome();
  if (!executablePath) throw new Error(NO_CHROME_MESSAGE);
  const args = [...CHROME_FLAGS, ...(allPagesVisible ? ALL_PAGES_VISIBLE : [])];
  return chromium.launch({ executablePath, headless: true, args });
}

/**
 * Starts a gateway child with `args`, serving `staticDir` (default: the production build). Its
 * paper account lives in memory, so it never competes for ./data with other gateways.
 */
export function startGateway(args: readonly string[], staticDir?: string): Promise<GatewayChild> {
  return startGatewayChild([
    '--data-dir',
    'memory://',
    ...args,
    ...(staticDir ? ['--static-dir', staticDir] : []),
  ]);
}

/** A fresh context (no service worker or cache from earlier steps) with the probe installed. */
export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: PROBE_SOURCE });
  return context;
}

/** Opens the dashboard with `?perf=1` and waits until it shows live data. */
export async function openDashboard(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/?perf=1&symbol=BTC-USD`);
  await page
    .getByTestId('connection-status')
    .filter({ hasText: 'live' })
    .waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Opens another dashboard of `context` in a window of its own: headless Chromium shows only the
 * front tab of a window (the others get no frames), while separate windows are all visible, like
 * a trader's tabs spread over screens.
 */
export async function openDashboardWindow(
  context: BrowserContext,
  first: Page,
  url: string,
): Promise<Page> {
  const cdp = await context.newCDPSession(first);
  const info: unknown = await cdp.send('Target.getTargetInfo');
  await cdp.detach();
  const contextId =
    typeof info === 'object' && info !== null && 'targetInfo' in info
      ? Reflect.get(Object(info.targetInfo), 'browserContextId')
      : undefined;
  if (typeof contextId !== 'string') throw new Error('no browser context id for new windows');
  const browserCdp = await context.browser()?.newBrowserCDPSession();
  if (!browserCdp) throw new Error('no browser CDP session');
  const opened = context.waitForEvent('page', { timeout: 20_000 });
  await browserCdp.send('Target.createTarget', {
    url: `${url}/?perf=1&symbol=BTC-USD`,
    newWindow: true,
    browserContextId: contextId,
  });
  await browserCdp.detach();
  const page = await opened;
  await page
    .getByTestId('connection-status')
    .filter({ hasText: 'live' })
    .waitFor({ timeout: 20_000 });
  return page;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
