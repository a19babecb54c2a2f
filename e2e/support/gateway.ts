/**
 * Runs the real gateway (serving the built app) as a child process, so a test can kill and restart
 * it like an operator would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface GatewayProcess {
  url: string;
  port: number;
  /** Stops the process (SIGTERM, or SIGKILL when `hard`) and waits for it to exit. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

const LISTENING = /listening on (http:\/\/[\d.]+:(\d+))/;
/** Printed (stderr) once the paper account is open: the gateway then serves everything. */
const READY = /gateway ready/;

export interface StartOptions {
  /**
   * How long "gateway ready" may take, ms (default 30 s). An on-disk paper store (--data-dir),
   * created or recovered after a SIGKILL on a busy machine, can take far longer.
   */
  readyTimeoutMs?: number;
}

/**
 * Starts a gateway on 127.0.0.1 (port 0 unless given) and resolves once it is ready. `restart`
 * also works after `stop(true)`: stopping a process that already exited does nothing.
 */
export async function startGateway(
  extraArgs: string[] = [],
  port = 0,
  options: StartOptions = {},
): Promise<GatewayProcess> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  let child = await launch(port, extraArgs, readyTimeoutMs);
  const gateway: GatewayProcess = {
    url: child.url,
    port: child.port,
    async stop(hard = false) {
      await kill(child.process, hard ? 'SIGKILL' : 'SIGTERM');
    },
    async restart() {
      await kill(child.process, 'SIGTERM');
      child = await launch(gateway.port, extraArgs, readyTimeoutMs);
    },
  };
  return gateway;
}

async function launch(
  port: number,
  extraArgs: string[],
  readyTimeoutMs: number,
): Promise<{ process: ChildProcess; url: string; port: number }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...isolatedStorage(extraArgs),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: withoutDatabaseUrl(process.env) },
  );
  let output = '';
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway not ready within ${readyTimeoutMs / 1000} s:\n${output}`));
    }, readyTimeoutMs);
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
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before listening:\n${output}`));
    });
  });
}

/**
 * Each test's gateway keeps its paper account in memory unless the test chooses a directory: tests
 * must not share (or lock) the repository's ./data, nor depend on what an earlier run left there.
 */
function isolatedStorage(extraArgs: readonly string[]): string[] {
  return extraArgs.includes('--data-dir') ? [] : ['--data-dir', 'memory://'];
}

/** CI's PostgreSQL is for the store's own tests; browser tests get the embedded store. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.DATABASE_URL;
  return rest;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
