/**
 * A gateway whose paper account lives in a data directory on disk, for chaos tests that kill it.
 * Creating (and, after a SIGKILL, recovering) an on-disk PGlite cluster takes far longer than the
 * in-memory store, more so on a busy two-core machine, so startup gets a generous deadline; and
 * a restart after a SIGKILL relaunches on the same port without signalling the dead process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface DurableGateway {
  url: string;
  port: number;
  /** Kills the process with SIGKILL: no shutdown code runs, nothing is flushed. */
  kill(): Promise<void>;
  /** Stops it gracefully (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data directory; resolves once ready. */
  restart(): Promise<void>;
}

const LISTENING = /listening on (http:\/\/[\d.]+:(\d+))/;
const READY = /gateway ready/;
/** Deadline for "gateway ready": PGlite initdb on disk under load can take tens of seconds. */
const READY_TIMEOUT_MS = 120_000;

/** Starts a gateway on 127.0.0.1 whose paper account is kept in `dataDir`. */
export async function startDurableGateway(
  dataDir: string,
  extraArgs: string[] = [],
): Promise<DurableGateway> {
  const args = ['--data-dir', dataDir, ...extraArgs];
  let child = await launch(0, args);
  const gateway: DurableGateway = {
    url: child.url,
    port: child.port,
    kill: () => signal(child.process, 'SIGKILL'),
    stop: () => signal(child.process, 'SIGTERM'),
    async restart() {
      if (!exited(child.process)) throw new Error('restart: the gateway is still running');
      child = await launch(gateway.port, args);
    },
  };
  return gateway;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  if (exited(child)) return;
  const done = once(child, 'exit');
  child.kill(name);
  await done;
}

async function launch(
  port: number,
  args: string[],
): Promise<{ process: ChildProcess; url: string; port: number }> {
  const env = { ...process.env };
  // The embedded store, never CI's PostgreSQL.
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--host', '127.0.0.1', '--port', String(port), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match && READY.test(output)) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1]!, port: Number(match[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${code ?? sig}) before it was ready:\n${output}`));
    });
  });
}
