/** `npm run test:e2e`: Playwright against the built app, with the system Chromium. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChrome, NO_CHROME_MESSAGE } from './find-chrome';

const chrome = findChrome();
if (!chrome) {
  process.stderr.write(`${NO_CHROME_MESSAGE}\n`);
  process.exit(1);
}
if (!existsSync('dist/index.html')) {
  process.stderr.write('dist/ is missing: run `npm run build` first (npm test does).\n');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } },
);
process.exit(result.status ?? 1);
