import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { PaperStoreError } from './store-errors';

/** The lock file PGlite ignores, inside its data directory. */
export const LOCK_FILE = 'quotedeck.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && Reflect.get(error, 'code') === 'EPERM';
  }
}

function holder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data directory for this process, because PGlite has no lock of its own and two
 * processes on one directory corrupt it. A lock left by a dead process (kill -9) is taken over.
 * Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        if (holder(path) === process.pid) unlinkSync(path);
      };
    } catch (error) {
      if (!(error instanceof Error) || Reflect.get(error, 'code') !== 'EEXIST') throw error;
      const pid = holder(path);
      if (pid !== null && alive(pid)) {
        throw new PaperStoreError(
          'data_dir_locked',
          `paper data directory ${dir} is in use by process ${pid}${pid === process.pid ? ' (this one)' : ''}; stop it or choose another --data-dir`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new PaperStoreError('data_dir_locked', `could not lock paper data directory ${dir}`);
}
