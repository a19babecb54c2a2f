/**
 * `npm run lhci`: Lighthouse CI against the real gateway serving the production build, once with
 * the mobile preset (lighthouserc.json) and once with the desktop preset (lighthouserc.desktop.json).
 * Each run asserts on its own results; reports land in .lighthouseci/reports/{mobile,desktop}.
 */
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale';
import { findChrome, NO_CHROME_MESSAGE } from './find-chrome';

const CONFIGS = ['lighthouserc.json', 'lighthouserc.desktop.json'];

const chrome = findChrome();
if (!chrome) {
  process.stderr.write(`${NO_CHROME_MESSAGE}\n`);
  process.exit(1);
}
// Measure the app as it is now, never a stale build.
if (await buildIfStale(process.cwd())) process.stdout.write('Built the app into dist/\n');
let failed = false;
for (const config of CONFIGS) {
  process.stdout.write(`\n== Lighthouse CI: ${config}\n`);
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/@lhci/cli/src/cli.js',
      'autorun',
      `--config=${config}`,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
