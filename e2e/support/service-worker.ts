/** Helpers for tests that depend on the service worker. */
import { expect, type Page } from '@playwright/test';

/** Waits until a service worker controls the page and has finished precaching (is activated). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.active?.state === 'activated';
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
  // The first visit is not controlled until a reload (we never claim clients on install).
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}
