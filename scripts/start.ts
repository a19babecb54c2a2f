/**
 * `npm start`: build the app if it is missing or stale, then run the gateway serving it, the REST
 * API and the feed — one process. Flags after `--` go to the gateway (see `--help`).
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { FlagError, parseFlags, usage } from '../server/cli';
import { startGateway } from '../server/main';
import { buildIfStale } from './build-if-stale';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof FlagError) {
      process.stderr.write(`${error.message}\n\n${usage()}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (flags.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  if (await buildIfStale(root)) process.stdout.write('Built the app into dist/\n');
  await startGateway({ ...flags, staticDir: flags.staticDir ?? join(root, 'dist') });
}

main().catch((error: unknown) => {
  process.stderr.write(`quotedeck: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
