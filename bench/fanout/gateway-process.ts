/**
 * The gateway under test, run as a separate child process exactly as an operator would start it.
 * Every child started here is killed when the benchmark process exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface GatewayChild {
  pid: number;
  /** http://127.0.0.1:port */
  url: string;
  /** Last stderr output (warnings, errors), for reports. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/** The gateway refused its flags (exit code 2): e.g. `--fanout` before that flag exists. */
export class UnsupportedFlagError extends Error {
  override name = 'UnsupportedFlagError';
}

const LISTENING = /Quotedeck gateway listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const KEEP_STDERR = 8_192;

const running = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Tracks a child so it is killed when this process exits, even by Ctrl-C or SIGTERM. */
export function killOnExit(child: ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', killAll);
    // A signal would otherwise end this process without 'exit' handlers and orphan the gateway.
    process.once('SIGINT', () => {
      killAll();
      process.exit(130);
    });
    process.once('SIGTERM', () => {
      killAll();
      process.exit(143);
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Stops a child: `signal`, then SIGKILL after a grace period; resolves once it exited. */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Starts `server/main.ts` on 127.0.0.1 port 0 with `args`; resolves once it listens. */
export async function startGatewayChild(args: readonly string[]): Promise<GatewayChild> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      // A benchmark's paper account lives in memory unless it picks a directory: never ./data.
      ...(args.includes('--data-dir') ? [] : ['--data-dir', 'memory://']),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  killOnExit(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-KEEP_STDERR);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway did not start within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const match = LISTENING.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout.resume();
      resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const message = `gateway exited with ${code} before listening (args ${args.join(' ')}):\n${stderr}`;
      reject(code === 2 ? new UnsupportedFlagError(message) : new Error(message));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('gateway started without a pid');
  return { pid, url, stderr: () => stderr, stop: () => stopChild(child) };
}
