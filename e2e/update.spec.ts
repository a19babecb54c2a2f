import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startGateway } from './support/gateway';
import { waitForServiceWorker } from './support/service-worker';

test.setTimeout(180_000);

/** Builds the app as a distinct version into `outDir`, like a deploy pipeline would. */
function buildVersion(outDir: string, buildId: string): void {
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { env: { ...process.env, QUOTEDECK_BUILD_ID: buildId }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`build of ${buildId} failed:\n${result.stderr}`);
}

test('a new version waits for the trader to accept the update, then runs', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'quotedeck-update-'));
  const served = join(work, 'served');
  const next = join(work, 'next');
  cpSync('dist', served, { recursive: true });
  const gateway = await startGateway(['--static-dir', served, '--seed', '4']);
  try {
    await page.goto(gateway.url);
    await waitForServiceWorker(page);
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    const v1 = await page.locator('html').getAttribute('data-build');
    expect(v1).toBeTruthy();

    const v2 = `e2e-v2-${Date.now()}`;
    buildVersion(next, v2);
    rmSync(served, { recursive: true, force: true });
    cpSync(next, served, { recursive: true });

    // What the app's periodic check does; doing it now keeps the test short.
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    await expect(prompt).toContainText('Update available');

    // Nothing reloads behind the trader's back.
    await page.waitForTimeout(2_000);
    await expect(page.locator('html')).toHaveAttribute('data-build', v1!);

    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-build', v2, { timeout: 30_000 });
    await expect(page.getByTestId('connection-status')).toHaveText('live');
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  } finally {
    await gateway.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
