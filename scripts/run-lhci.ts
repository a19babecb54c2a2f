/** `npm run lhci`: Lighthouse CI against the real gateway serving the production build. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChrome, NO_CHROME_MESSAGE } from './find-chrome';

const chrome = findChrome();
if (!chrome) {
  process.stderr.write(`${NO_CHROME_MESSAGE}\n`);
  process.exit(1);
}
if (!existsSync('dist/index.html')) {
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const result = spawnSync(
  process.execPath,
  [
    'node_modules/@lhci/cli/src/cli.js',
    'autorun',
    '--config=lighthouserc.json',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } },
);
process.exit(result.status ?? 1);
